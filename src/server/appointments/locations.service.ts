import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { DEFAULT_LOCATIONS } from './locations.defaults.js';

/** A place where a conversation can take place, in both languages. Not case content. */
export interface MeetingLocation {
  key: string;
  label: { nl: string; en: string };
  instructions: { nl: string; en: string };
  isActive: boolean;
}

/** The team's own locations; a team that never changed them has the shipped defaults. */
export async function listLocations(
  db: Db,
  teamId: string,
  opts: { includeInactive?: boolean } = {},
): Promise<MeetingLocation[]> {
  const rows = await db
    .selectFrom('meeting_location')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('sort')
    .orderBy('key')
    .execute();
  const all: MeetingLocation[] = rows.length
    ? rows.map((r) => ({
        key: r.key,
        label: { nl: r.label_nl, en: r.label_en },
        instructions: { nl: r.instructions_nl, en: r.instructions_en },
        isActive: r.is_active,
      }))
    : DEFAULT_LOCATIONS.map((d) => ({
        key: d.key,
        label: { nl: d.labelNl, en: d.labelEn },
        instructions: { nl: d.instructionsNl, en: d.instructionsEn },
        isActive: true,
      }));
  return opts.includeInactive ? all : all.filter((l) => l.isActive);
}

/** The team's name for the page's heading text. */
export async function teamName(db: Db, teamId: string, lang: 'nl' | 'en'): Promise<string> {
  const row = await db
    .selectFrom('team')
    .select(['name_nl', 'name_en'])
    .where('id', '=', teamId)
    .executeTakeFirst();
  return (lang === 'en' ? row?.name_en : row?.name_nl) ?? '';
}

/** The location a reporter may choose now, or undefined for an unknown or retired key. */
export async function findOfferedLocation(
  db: Db,
  teamId: string,
  key: string,
): Promise<MeetingLocation | undefined> {
  return (await listLocations(db, teamId)).find((l) => l.key === key);
}

/** The one line a calendar or a page shows: the name, then the address or directions. */
export function locationLine(l: MeetingLocation, lang: 'nl' | 'en'): string {
  return [l.label[lang], l.instructions[lang]].filter(Boolean).join(' — ');
}

const line = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });
export const LocationInput = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'validation.locationKey' }),
  labelNl: line(120).min(1, { error: 'validation.required' }),
  labelEn: line(120).min(1, { error: 'validation.required' }),
  instructionsNl: line(500),
  instructionsEn: line(500),
  isActive: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});
export type LocationInput = z.infer<typeof LocationInput>;

async function materialiseDefaults(trx: Db, teamId: string): Promise<void> {
  const any = await trx
    .selectFrom('meeting_location')
    .select('id')
    .where('team_id', '=', teamId)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  await trx
    .insertInto('meeting_location')
    .values(
      DEFAULT_LOCATIONS.map((d, i) => ({
        team_id: teamId,
        key: d.key,
        label_nl: d.labelNl,
        label_en: d.labelEn,
        instructions_nl: d.instructionsNl,
        instructions_en: d.instructionsEn,
        sort: i,
      })),
    )
    .onConflict((oc) => oc.columns(['team_id', 'key']).doNothing())
    .execute();
}

/** Adds a location or changes the one with the same key (the defaults become the team's own first). Call in a transaction. */
export async function saveLocation(
  trx: Db,
  teamId: string,
  input: LocationInput,
  actor: AuditActor,
): Promise<void> {
  await materialiseDefaults(trx, teamId);
  const values = {
    label_nl: input.labelNl,
    label_en: input.labelEn,
    instructions_nl: input.instructionsNl,
    instructions_en: input.instructionsEn,
    is_active: input.isActive,
  };
  const next = await trx
    .selectFrom('meeting_location')
    .select((eb) => eb.fn.coalesce(eb.fn.max('sort'), eb.lit(-1)).as('sort'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('meeting_location')
    .values({ team_id: teamId, key: input.key, sort: Number(next.sort) + 1, ...values })
    .onConflict((oc) => oc.columns(['team_id', 'key']).doUpdateSet(values))
    .execute();
  await recordAudit(trx, {
    type: 'MEETING_LOCATION_SAVED',
    actor,
    teamId,
    detail: { key: input.key, isActive: input.isActive },
  });
}
