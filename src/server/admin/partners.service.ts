import type { Db } from '../db/create-db.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { DEFAULT_PARTNERS, type PartnerDefault } from './partners.defaults.js';

/** A referral partner as other features (referrals, the guide) see it. */
export interface Partner {
  key: string;
  kind: 'internal' | 'external';
  name: { nl: string; en: string };
  phone: string | null;
  url: string | null;
  /** A short note for the public guide (a walk-in hour, "day and night"); empty when none. */
  note: { nl: string; en: string };
  isActive: boolean;
}

/**
 * A team's partner directory. Until an administrator changes it, it is the default list;
 * the first change copies the defaults into the team's own rows.
 */
export async function listPartners(
  db: Db,
  teamId: string,
  opts: { includeInactive?: boolean } = {},
): Promise<Partner[]> {
  const rows = await db
    .selectFrom('referral_partner')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('sort')
    .orderBy('key')
    .execute();
  const all: Partner[] = rows.length
    ? rows.map((r) => ({
        key: r.key,
        kind: r.kind,
        name: { nl: r.name_nl, en: r.name_en },
        phone: r.phone,
        url: r.url,
        note: { nl: r.note_nl ?? '', en: r.note_en ?? '' },
        isActive: r.is_active,
      }))
    : DEFAULT_PARTNERS.map(partnerOfDefault);
  return opts.includeInactive ? all : all.filter((p) => p.isActive);
}

export function partnerOfDefault(p: PartnerDefault): Partner {
  return {
    key: p.key,
    kind: p.kind,
    name: { nl: p.nameNl, en: p.nameEn },
    phone: p.phone ?? null,
    url: p.url ?? null,
    note: { nl: p.noteNl ?? '', en: p.noteEn ?? '' },
    isActive: true,
  };
}

async function materialiseDefaults(trx: Db, teamId: string): Promise<void> {
  const any = await trx
    .selectFrom('referral_partner')
    .select('id')
    .where('team_id', '=', teamId)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  await trx
    .insertInto('referral_partner')
    .values(
      DEFAULT_PARTNERS.map((p, i) => ({
        team_id: teamId,
        key: p.key,
        kind: p.kind,
        name_nl: p.nameNl,
        name_en: p.nameEn,
        phone: p.phone ?? null,
        url: p.url ?? null,
        note_nl: p.noteNl ?? null,
        note_en: p.noteEn ?? null,
        sort: i,
      })),
    )
    .onConflict((oc) => oc.columns(['team_id', 'key']).doNothing())
    .execute();
}

export interface PartnerInput {
  key: string;
  kind: 'internal' | 'external';
  nameNl: string;
  nameEn: string;
  phone?: string;
  url?: string;
  noteNl?: string;
  noteEn?: string;
  isActive: boolean;
}

/** Adds a partner or changes the one with the same key. Call inside a transaction. */
export async function savePartner(
  trx: Db,
  teamId: string,
  input: PartnerInput,
  actor: AuditActor,
): Promise<void> {
  await materialiseDefaults(trx, teamId);
  const values = {
    kind: input.kind,
    name_nl: input.nameNl,
    name_en: input.nameEn,
    phone: input.phone || null,
    url: input.url || null,
    note_nl: input.noteNl || null,
    note_en: input.noteEn || null,
    is_active: input.isActive,
  };
  await trx
    .insertInto('referral_partner')
    .values({ team_id: teamId, key: input.key, sort: 1000, ...values })
    .onConflict((oc) => oc.columns(['team_id', 'key']).doUpdateSet(values))
    .execute();
  await recordAudit(trx, {
    type: 'REFERRAL_PARTNER_SAVED',
    actor,
    teamId,
    detail: { key: input.key, active: input.isActive },
  });
}
