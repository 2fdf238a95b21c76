import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { DEFAULT_CATEGORIES, type CategoryDefinition } from '../../domain/taxonomy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';

/**
 * A team's categories: the default taxonomy, overridden per key by the team's own versions.
 * Every edit adds a version; a case shows the version that was valid when it was created.
 */
export interface TeamCategory extends CategoryDefinition {
  version: number; // 0 = the shipped default
  isRetired: boolean;
  /** Where the definition comes from (issue 20); none for the shipped defaults. */
  source?: string | null;
}

type VersionRow = {
  key: string;
  version: number;
  label_nl: string;
  label_en: string;
  definition_nl: string;
  definition_en: string;
  subtypes: { key: string; label_nl: string; label_en: string }[];
  is_retired: boolean;
  source: string | null;
};

function present(row: VersionRow): TeamCategory {
  return {
    key: row.key,
    version: row.version,
    isRetired: row.is_retired,
    source: row.source,
    label: { nl: row.label_nl, en: row.label_en },
    definition: { nl: row.definition_nl, en: row.definition_en },
    subtypes: row.subtypes.map((s) => ({ key: s.key, label: { nl: s.label_nl, en: s.label_en } })),
  };
}

async function latestVersions(db: Db, teamId: string, at?: Date): Promise<VersionRow[]> {
  let q = db
    .selectFrom('category_version')
    .select([
      'key',
      'version',
      'label_nl',
      'label_en',
      'definition_nl',
      'definition_en',
      'subtypes',
      'is_retired',
      'source',
    ])
    .distinctOn('key')
    .where('team_id', '=', teamId)
    .orderBy('key')
    .orderBy('version', 'desc');
  if (at) q = q.where('valid_from', '<=', at);
  return q.execute();
}

/** Current categories of a team, including retired ones (flagged), defaults first in their order. */
export async function listCategories(db: Db, teamId: string, at?: Date): Promise<TeamCategory[]> {
  const own = new Map((await latestVersions(db, teamId, at)).map((r) => [r.key, present(r)]));
  const result: TeamCategory[] = DEFAULT_CATEGORIES.map(
    (d) => own.get(d.key) ?? { ...d, version: 0, isRetired: false },
  );
  for (const [key, c] of own) if (!DEFAULT_CATEGORIES.some((d) => d.key === key)) result.push(c);
  return result;
}

/** The categories a reporter may choose now: the team's current wording, without retired ones. */
export async function listOfferedCategories(db: Db, teamId: string): Promise<TeamCategory[]> {
  return (await listCategories(db, teamId)).filter((c) => !c.isRetired);
}

/** The category as it was worded at `at` (a case's creation time); undefined for an unknown key. */
export async function findCategoryAt(
  db: Db,
  teamId: string,
  key: string,
  at: Date,
): Promise<TeamCategory | undefined> {
  return (await listCategories(db, teamId, at)).find((c) => c.key === key);
}

export interface CategoryInput {
  key: string;
  labelNl: string;
  labelEn: string;
  definitionNl: string;
  definitionEn: string;
  subtypes: { key: string; labelNl: string; labelEn: string }[];
  isRetired: boolean;
  source?: string;
}

/** Adds the next version of a category (or its first, for a new key). Call inside a transaction. */
export async function saveCategoryVersion(
  trx: Db,
  teamId: string,
  input: CategoryInput,
  actor: AuditActor,
): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`category:${teamId}:${input.key}`}))`.execute(
    trx,
  );
  const last = await trx
    .selectFrom('category_version')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('team_id', '=', teamId)
    .where('key', '=', input.key)
    .executeTakeFirst();
  const version = (last?.v ?? 0) + 1;
  await trx
    .insertInto('category_version')
    .values({
      team_id: teamId,
      key: input.key,
      version,
      valid_from: new Date(),
      label_nl: input.labelNl,
      label_en: input.labelEn,
      definition_nl: input.definitionNl,
      definition_en: input.definitionEn,
      subtypes: JSON.stringify(
        input.subtypes.map((s) => ({ key: s.key, label_nl: s.labelNl, label_en: s.labelEn })),
      ),
      is_retired: input.isRetired,
      source: input.source?.trim() || null,
    })
    .execute();
  await recordAudit(trx, {
    type: 'CATEGORY_VERSION_CREATED',
    actor,
    teamId,
    detail: { key: input.key, version, retired: input.isRetired },
  });
  return version;
}
