import type { Db } from '../db/create-db.js';
import { listOrgUnits, type OrgUnit } from '../admin/org-units.service.js';
import { listAdviserProfiles, type AdviserProfile } from '../admin/advisers.service.js';
import { listOfferedCategories } from '../admin/categories.service.js';
import { DEFAULT_CATEGORIES, type CategoryDefinition } from '../../domain/taxonomy.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { Answers } from './intake-draft.js';
import type { StepContext } from './intake-steps.js';

/** What a team offers on its question pages: its organisation units and visible advisers. */
export interface IntakeOptions {
  orgUnits: OrgUnit[];
  advisers: AdviserProfile[];
  /** The team's current categories (labels and definitions as administered; retired ones left out). */
  categories: CategoryDefinition[];
}

export const NO_OPTIONS: IntakeOptions = {
  orgUnits: [],
  advisers: [],
  categories: DEFAULT_CATEGORIES,
};
export const UNDEFINED_ORG_UNIT = 'undefined';

export async function listIntakeOptions(
  db: Db,
  teamId: string | undefined,
): Promise<IntakeOptions> {
  if (!teamId) return NO_OPTIONS;
  const [orgUnits, advisers, categories] = await Promise.all([
    listOrgUnits(db, teamId),
    listAdviserProfiles(db, teamId),
    listOfferedCategories(db, teamId),
  ]);
  return { orgUnits, advisers, categories };
}

export function stepContext(teamCount: number, options: IntakeOptions): StepContext {
  return {
    teamCount,
    orgUnitCount: options.orgUnits.length,
    adviserCount: options.advisers.length,
    categories: options.categories,
  };
}

/** Choices that must be one the team offers: a faculty of the team, one of its advisers. */
export function teamChoiceErrors(a: Answers, options: IntakeOptions): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (
    a.orgUnit &&
    a.orgUnit !== UNDEFINED_ORG_UNIT &&
    !options.orgUnits.some((u) => u.key === a.orgUnit)
  )
    errors.orgUnit = 'validation.choose';
  if (a.adviser && !options.advisers.some((p) => p.userId === a.adviser))
    errors.adviser = 'validation.choose';
  const category = options.categories.find((c) => c.key === a.category);
  if (a.category && !category) errors.category = 'validation.choose';
  if (a.subtype && category && !category.subtypes.some((s) => s.key === a.subtype))
    errors.subtype = 'validation.subtype';
  return errors;
}
