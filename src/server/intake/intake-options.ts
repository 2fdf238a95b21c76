import type { Db } from '../db/create-db.js';
import { listOrgUnits, type OrgUnit } from '../admin/org-units.service.js';
import { listAdviserProfiles, type AdviserProfile } from '../admin/advisers.service.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { Answers } from './intake-draft.js';
import type { StepContext } from './intake-steps.js';

/** What a team offers on its question pages: its organisation units and visible advisers. */
export interface IntakeOptions {
  orgUnits: OrgUnit[];
  advisers: AdviserProfile[];
}

export const NO_OPTIONS: IntakeOptions = { orgUnits: [], advisers: [] };
export const UNDEFINED_ORG_UNIT = 'undefined';

export async function listIntakeOptions(db: Db, teamId: string | undefined): Promise<IntakeOptions> {
  if (!teamId) return NO_OPTIONS;
  const [orgUnits, advisers] = await Promise.all([listOrgUnits(db, teamId), listAdviserProfiles(db, teamId)]);
  return { orgUnits, advisers };
}

export function stepContext(teamCount: number, options: IntakeOptions): StepContext {
  return { teamCount, orgUnitCount: options.orgUnits.length, adviserCount: options.advisers.length };
}

/** Choices that must be one the team offers: a faculty of the team, one of its advisers. */
export function teamChoiceErrors(a: Answers, options: IntakeOptions): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (a.orgUnit && a.orgUnit !== UNDEFINED_ORG_UNIT && !options.orgUnits.some((u) => u.key === a.orgUnit)) errors.orgUnit = 'validation.choose';
  if (a.adviser && !options.advisers.some((p) => p.userId === a.adviser)) errors.adviser = 'validation.choose';
  return errors;
}
