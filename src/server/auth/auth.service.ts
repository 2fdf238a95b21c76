import crypto from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Db } from '../db/create-db.js';
import { asPlatform, currentInstitution } from '../db/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { clearFailures } from '../http/throttle.js';
import { loginThrottleKey, reserveLoginAttempt } from './login-throttle.js';
import {
  createUser,
  findUserByEmail,
  getSessionUser,
  type SessionUser,
} from '../users/users.service.js';
import { hasConfirmedTotp, isTwoFactorRequired } from './two-factor.service.js';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
// Verified against when the account does not exist, so that timing does not reveal accounts.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Wptr5hjYK5Rzq23QNBMueg$xEkwEP2HJ+E1yPDbNca6G2s6D1Go2eV6/DRQ3UBxAYE';

function digest(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest();
}

function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Where a successful password sign-in continues: straight in, or a second factor first. */
export type SessionState = 'complete' | 'pending_code' | 'pending_enrol';
export type SignInResult =
  | { ok: true; token: string; user: SessionUser; state: SessionState }
  | { ok: false; waitSeconds?: number };

export async function signIn(
  db: Db,
  keyring: Keyring,
  email: string,
  password: string,
  /** issue 22: whether the account may sign in here (its own institution's host); a refusal looks like a wrong password. */
  accepts: (account: { institutionId: string | null; platformOperator: boolean }) => boolean = () =>
    true,
): Promise<SignInResult> {
  const throttleKey = loginThrottleKey(keyring, email);
  const wait = await reserveLoginAttempt(db, throttleKey);
  if (wait > 0) return { ok: false, waitSeconds: wait };
  // Under an institution's context its own accounts are visible; the platform operator's account
  // only in the platform context (decision 036): looked up there, and `accepts` decides whether
  // it may sign in here (the single site: yes; an institution's host: no).
  const own = await findUserByEmail(db, email);
  const operator =
    own || !currentInstitution()
      ? undefined
      : await asPlatform(() => findUserByEmail(db, email)).then((u) =>
          u?.platform_operator ? u : undefined,
        );
  const user = own ?? operator;
  const valid = await verify(user?.password_hash ?? DUMMY_HASH, password).catch(() => false);
  const here =
    user !== undefined &&
    accepts({ institutionId: user.institution_id, platformOperator: user.platform_operator });
  if (!user || !user.password_hash || !user.is_active || !valid || !here) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'USER_SIGN_IN_FAILED',
        actor: { kind: 'system' },
        detail: { userId: user?.id ?? null },
      }),
    );
    return { ok: false };
  }
  await clearFailures(db, throttleKey);
  // The platform operator's session and credentials are the platform's rows.
  const inOwnContext = <T>(fn: () => Promise<T>) => (operator ? asPlatform(fn) : fn());
  return inOwnContext(async () => {
    const sessionUser = (await getSessionUser(db, user.id))!;
    const state = await secondFactorState(db, sessionUser);
    const token = await db.transaction().execute(async (trx) => {
      const created = await createSession(trx, user.id, state);
      await recordAudit(trx, {
        type: 'USER_SIGNED_IN',
        actor: { kind: 'user', userId: user.id },
        detail: { state },
      });
      return created;
    });
    return { ok: true as const, token, user: sessionUser, state };
  });
}

/**
 * Whether a session token (in any state) is the platform operator's: on a single site a request
 * runs under the institution, where the operator's session is invisible; the request then
 * continues in the platform context (app.tsx). Read in the platform context.
 */
export function isPlatformOperatorSession(db: Db, token: string): Promise<boolean> {
  return asPlatform(async () => {
    const row = await db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .select('session.user_id')
      .where('session.id_hash', '=', digest(token))
      .where('session.expires_at', '>', new Date())
      .where('app_user.platform_operator', '=', true)
      .executeTakeFirst();
    return row !== undefined;
  });
}

/** Where a sign-in that has not proven a second factor continues: the user's own factor, enrolment, or in. */
export async function secondFactorState(db: Db, user: SessionUser): Promise<SessionState> {
  if (await hasConfirmedTotp(db, user.id)) return 'pending_code';
  return (await isTwoFactorRequired(
    db,
    user.memberships.map((m) => m.role),
    user.institutionId,
  ))
    ? 'pending_enrol'
    : 'complete';
}

/** A new session in the given state; returns its token (only the token's hash is stored). */
export async function createSession(trx: Db, userId: string, state: SessionState): Promise<string> {
  const token = newToken();
  await trx
    .insertInto('session')
    .values({
      id_hash: digest(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3600_000),
      mfa_state: state,
    })
    .execute();
  return token;
}

/** The signed-in user behind a session token, honouring idle and absolute timeouts. */
export async function findSessionUser(db: Db, token: string): Promise<SessionUser | undefined> {
  const now = new Date();
  const session = await db
    .selectFrom('session')
    .selectAll()
    .where('id_hash', '=', digest(token))
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000))
    .where('mfa_state', '=', 'complete')
    .executeTakeFirst();
  if (!session) return undefined;
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('session')
      .set({ last_seen_at: now })
      .where('id_hash', '=', session.id_hash)
      .execute();
  }
  return getSessionUser(db, session.user_id);
}

/** A session that passed the password but still needs its second factor (short-lived: 10 minutes). */
export async function findPendingSession(
  db: Db,
  token: string,
  state: Exclude<SessionState, 'complete'>,
) {
  return db
    .selectFrom('session')
    .select(['id_hash', 'user_id'])
    .where('id_hash', '=', digest(token))
    .where('mfa_state', '=', state)
    .where('created_at', '>', new Date(Date.now() - 10 * 60_000))
    .executeTakeFirst();
}

/** After the second factor: the same session becomes a full one (a new token, so the old cannot be replayed). */
export async function completeSession(db: Db, token: string): Promise<string> {
  const fresh = newToken();
  await db
    .updateTable('session')
    .set({ id_hash: digest(fresh), mfa_state: 'complete', last_seen_at: new Date() })
    .where('id_hash', '=', digest(token))
    .execute();
  return fresh;
}

export async function listSessions(db: Db, userId: string, currentToken: string | undefined) {
  const rows = await db
    .selectFrom('session')
    .select(['id', 'id_hash', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('mfa_state', '=', 'complete')
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .execute();
  const current = currentToken ? digest(currentToken) : undefined;
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    isCurrent: current?.equals(r.id_hash) ?? false,
  }));
}

/** Ends one of the user's own sessions; false when it is not theirs. */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('session')
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst();
    if (row) await recordAudit(trx, { type: 'SESSION_REVOKED', actor: { kind: 'user', userId } });
    return row !== undefined;
  });
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const session = await trx
      .deleteFrom('session')
      .where('id_hash', '=', digest(token))
      .returning('user_id')
      .executeTakeFirst();
    if (session)
      await recordAudit(trx, {
        type: 'USER_SIGNED_OUT',
        actor: { kind: 'user', userId: session.user_id },
      });
  });
}

/**
 * The one-time link that creates the first administrator. Issued only while no user exists;
 * a new link replaces any unused one.
 */
export async function issueFirstAdminToken(db: Db): Promise<string | undefined> {
  const anyUser = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (anyUser) return undefined;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_token').where('purpose', '=', 'first_admin').execute();
    await trx
      .insertInto('setup_token')
      .values({
        token_hash: digest(token),
        purpose: 'first_admin',
        expires_at: new Date(Date.now() + 7 * 86400_000),
      })
      .execute();
  });
  return token;
}

export async function isFirstAdminTokenValid(db: Db, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('setup_token')
    .select('token_hash')
    .where('token_hash', '=', digest(token))
    .where('purpose', '=', 'first_admin')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row !== undefined;
}

/** Creates the administrator of the default team; false when the token is not (or no longer) valid. */
export async function createFirstAdmin(
  db: Db,
  token: string,
  input: { email: string; displayName: string; password: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('setup_token')
      .set({ used_at: new Date() })
      .where('token_hash', '=', digest(token))
      .where('purpose', '=', 'first_admin')
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('token_hash')
      .executeTakeFirst();
    if (!used) return false;
    const team = await trx
      .selectFrom('team')
      .select('id')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await createUser(
      trx,
      { ...input, memberships: [{ teamId: team.id, role: 'administrator' }] },
      { kind: 'system' },
    );
    return true;
  });
}
