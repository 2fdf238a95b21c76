import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { createSession, secondFactorState, type SessionState } from '../auth/auth.service.js';
import { createUser, findUserByEmail, getSessionUser } from '../users/users.service.js';
import type { Grant } from './sso.config.js';

export interface SsoIdentity {
  provider: 'oidc' | 'saml';
  subject: string;
  email: string;
  displayName: string;
  grants: Grant[];
  /** The IdP asserted multi-factor authentication (REFEDS MFA, or an OIDC acr/amr saying so). */
  mfa: boolean;
}

export type SsoSignIn =
  { token: string; state: SessionState } | { refused: 'no_roles' | 'deactivated' | 'not_linked' };

/**
 * Signs a staff member in from a verified IdP assertion (decision 024). An identity signs in
 * only to the account it was linked to (by that account's own explicit, audited step, or when
 * its first sign-in created the account): an existing account with the same e-mail address is
 * never taken over. For a linked identity the IdP is authoritative for team roles: memberships
 * become exactly the mapped grants (teams that do not exist are ignored). Without the IdP's
 * multi-factor assertion the session waits for our own second factor, as after a password.
 */
export async function signInWithIdentity(
  db: Db,
  identity: SsoIdentity,
  institutionId: string,
): Promise<SsoSignIn> {
  return db.transaction().execute(async (trx) => {
    // Only the institution's own teams: a grant naming another institution's team is ignored.
    const teams = await trx
      .selectFrom('team')
      .select(['id', 'key'])
      .where('institution_id', '=', institutionId)
      .execute();
    const memberships = identity.grants.flatMap((g) => {
      const team = teams.find((t) => t.key === g.teamKey);
      return team ? [{ teamId: team.id, role: g.role }] : [];
    });
    const linked = await trx
      .selectFrom('sso_identity as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select(['s.user_id', 'u.institution_id'])
      .where('s.provider', '=', identity.provider)
      .where('s.subject', '=', identity.subject)
      .executeTakeFirst();
    const byEmail = linked ? undefined : await findUserByEmail(trx, identity.email);
    const refuse = async (
      reason: 'no_roles' | 'deactivated' | 'not_linked',
      userId: string | null,
    ) => {
      await recordAudit(trx, {
        type: 'SSO_SIGN_IN_REFUSED',
        actor: { kind: 'system' },
        detail: { provider: identity.provider, reason, userId },
      });
      return { refused: reason } as const;
    };
    if (byEmail) return refuse('not_linked', byEmail.id);
    // An identity linked to an account of another institution signs in nowhere else (decision 038).
    if (linked && linked.institution_id !== institutionId)
      return refuse('not_linked', linked.user_id);
    if (memberships.length === 0) return refuse('no_roles', linked?.user_id ?? null);
    let userId = linked?.user_id;
    if (userId) {
      const user = await trx
        .selectFrom('app_user')
        .select('is_active')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      if (!user.is_active) return refuse('deactivated', userId);
      const before = await trx
        .selectFrom('team_membership')
        .select(['team_id', 'role'])
        .where('user_id', '=', userId)
        .execute();
      const gained = memberships.some(
        (m) => !before.some((b) => b.team_id === m.teamId && b.role === m.role),
      );
      // A role gained at the IdP ends the account's other sessions, as a grant by an administrator does.
      if (gained) await trx.deleteFrom('session').where('user_id', '=', userId).execute();
      await trx.deleteFrom('team_membership').where('user_id', '=', userId).execute();
      await trx
        .insertInto('team_membership')
        .values(memberships.map((m) => ({ user_id: userId!, team_id: m.teamId, role: m.role })))
        .execute();
    } else {
      // An identity or address already taken at another institution is invisible here (row-level
      // security, decision 036) and shows itself only as a unique violation: refused, not a 500.
      await sql`SAVEPOINT sso_create`.execute(trx);
      try {
        userId = await createUser(
          trx,
          { email: identity.email, displayName: identity.displayName, memberships, institutionId },
          { kind: 'system' },
        );
        await trx
          .insertInto('sso_identity')
          .values({ provider: identity.provider, subject: identity.subject, user_id: userId })
          .execute();
        await sql`RELEASE SAVEPOINT sso_create`.execute(trx);
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err;
        await sql`ROLLBACK TO SAVEPOINT sso_create`.execute(trx);
        return refuse('not_linked', null);
      }
    }
    const state = identity.mfa
      ? 'complete'
      : await secondFactorState(trx, (await getSessionUser(trx, userId))!);
    const token = await createSession(trx, userId, state);
    await recordAudit(trx, {
      type: 'USER_SIGNED_IN',
      actor: { kind: 'user', userId },
      detail: {
        method: identity.provider,
        roles: memberships.map((m) => m.role).join(','),
        idpMfa: identity.mfa,
        state,
      },
    });
    return { token, state };
  });
}

/**
 * The explicit step that links an IdP identity to an existing account: started by the signed-in
 * user from their account page (a CSRF-protected form), finished when the IdP answers. Audited;
 * refused when the identity already belongs to another account.
 */
export async function linkIdentity(
  db: Db,
  userId: string,
  identity: SsoIdentity,
  institutionId: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['is_active', 'institution_id'])
      .where('id', '=', userId)
      .executeTakeFirst();
    const linked = await trx
      .selectFrom('sso_identity')
      .select('user_id')
      .where('provider', '=', identity.provider)
      .where('subject', '=', identity.subject)
      .executeTakeFirst();
    if (
      !user?.is_active ||
      user.institution_id !== institutionId ||
      (linked && linked.user_id !== userId)
    ) {
      await recordAudit(trx, {
        type: 'SSO_IDENTITY_LINK_REFUSED',
        actor: { kind: 'user', userId },
        detail: { provider: identity.provider },
      });
      return false;
    }
    if (!linked)
      await trx
        .insertInto('sso_identity')
        .values({ provider: identity.provider, subject: identity.subject, user_id: userId })
        .execute();
    await recordAudit(trx, {
      type: 'SSO_IDENTITY_LINKED',
      actor: { kind: 'user', userId },
      detail: { provider: identity.provider, idpMfa: identity.mfa },
    });
    return true;
  });
}
