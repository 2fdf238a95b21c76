import type { Db } from '../db/create-db.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { listPartners, type Partner } from '../admin/partners.service.js';

/**
 * Whom a share can go to, as people choose it (issue 19): the team's referral directory, the
 * staff roles, and the team's staff by name — never a typed code or user id. The value of each
 * choice is `kind:key` (`partner:police`, `role:board`, `person:<user id>`), which
 * `splitRecipient` turns back into the ledger's recipient kind and value.
 */
export interface RecipientChoices {
  partners: Partner[];
  roles: readonly Role[];
  people: { id: string; name: string }[];
}

export async function listRecipientChoices(db: Db, teamId: string): Promise<RecipientChoices> {
  const [partners, people] = await Promise.all([
    listPartners(db, teamId),
    db
      .selectFrom('team_membership')
      .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
      .select(['app_user.id', 'app_user.display_name'])
      .distinct()
      .where('team_membership.team_id', '=', teamId)
      .where('app_user.is_active', '=', true)
      .orderBy('app_user.display_name')
      .execute(),
  ]);
  return {
    partners,
    roles: ROLES,
    people: people.map((p) => ({ id: p.id, name: p.display_name })),
  };
}

/** `partner:police` → { kind: 'partner', value: 'police' }; anything else undefined. */
export function splitRecipient(
  choice: string | undefined,
): { kind: 'role' | 'person' | 'partner'; value: string } | undefined {
  const m = /^(role|person|partner):([A-Za-z0-9_.-]{1,100})$/.exec(choice ?? '');
  return m ? { kind: m[1] as 'role' | 'person' | 'partner', value: m[2]! } : undefined;
}
