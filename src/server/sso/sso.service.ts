import crypto from 'node:crypto';
import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { SESSION_ABSOLUTE_HOURS } from '../auth/auth.service.js';
import { createUser, findUserByEmail } from '../users/users.service.js';
import type { Grant } from './sso.config.js';

export interface SsoIdentity {
  provider: 'oidc' | 'saml';
  subject: string;
  email: string;
  displayName: string;
  grants: Grant[];
}

/**
 * Signs a staff member in from a verified IdP assertion. The IdP is authoritative for team
 * roles: memberships become exactly the mapped grants (teams that do not exist are ignored).
 * No grant, or a deactivated account, means no sign-in. Returns a session token.
 */
export async function signInWithIdentity(db: Db, identity: SsoIdentity): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const teams = await trx.selectFrom('team').select(['id', 'key']).execute();
    const memberships = identity.grants.flatMap((g) => {
      const team = teams.find((t) => t.key === g.teamKey);
      return team ? [{ teamId: team.id, role: g.role }] : [];
    });
    const linked = await trx.selectFrom('sso_identity').select('user_id').where('provider', '=', identity.provider).where('subject', '=', identity.subject).executeTakeFirst();
    const byEmail = linked ? undefined : await findUserByEmail(trx, identity.email);
    let userId = linked?.user_id ?? byEmail?.id;
    const refuse = async (reason: string) => {
      await recordAudit(trx, { type: 'SSO_SIGN_IN_REFUSED', actor: { kind: 'system' }, detail: { provider: identity.provider, reason, userId: userId ?? null } });
      return undefined;
    };
    if (memberships.length === 0) return refuse('no_roles');
    if (userId) {
      const user = await trx.selectFrom('app_user').select('is_active').where('id', '=', userId).executeTakeFirstOrThrow();
      if (!user.is_active) return refuse('deactivated');
      await trx.deleteFrom('team_membership').where('user_id', '=', userId).execute();
      await trx.insertInto('team_membership').values(memberships.map((m) => ({ user_id: userId!, team_id: m.teamId, role: m.role }))).execute();
    } else {
      userId = await createUser(trx, { email: identity.email, displayName: identity.displayName, memberships }, { kind: 'system' });
    }
    if (!linked) await trx.insertInto('sso_identity').values({ provider: identity.provider, subject: identity.subject, user_id: userId }).execute();
    const token = crypto.randomBytes(32).toString('base64url');
    await trx
      .insertInto('session')
      .values({ id_hash: crypto.createHash('sha256').update(token).digest(), user_id: userId, expires_at: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3600_000) })
      .execute();
    await recordAudit(trx, {
      type: 'USER_SIGNED_IN',
      actor: { kind: 'user', userId },
      detail: { method: identity.provider, roles: memberships.map((m) => m.role).join(',') },
    });
    return token;
  });
}
