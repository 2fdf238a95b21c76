import { requestSiteUrl } from '../http/tenancy.js';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../bootstrap.js';
import { signedInUser, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { noticeRedirect } from '../http/notice.js';
import { assertRouteAllowed } from '../access/route-guard.js';
import { completeSession, findPendingSession } from './auth.service.js';
import {
  deleteCredential,
  finishAuthentication,
  finishRegistration,
  relyingPartyFor,
  startAuthentication,
  startRegistration,
} from './webauthn.service.js';
import { UUID } from '../http/params.js';
import { readSessionCookie, setSessionCookie } from './session-cookie.js';

/** The confirmations /account/security shows after a key was added or removed (see noticeOf). */
export const KEY_NOTICES = {
  'key-added': 'webauthn.added',
  'key-removed': 'webauthn.removed',
} as const;
const b64url = z
  .string()
  .max(20_000)
  .regex(/^[A-Za-z0-9_-]*$/);
/** The browser's PublicKeyCredential as JSON (the shape @simplewebauthn/browser and our script send). */
const CredentialInput = z.looseObject({
  id: b64url.min(1).max(1_400),
  rawId: b64url.min(1).max(1_400),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: b64url.min(1) }),
  clientExtensionResults: z.looseObject({}).default({}),
});

async function credential(c: Context<AppEnv>) {
  const body = await c.req.json().catch(() => undefined);
  const parsed = CredentialInput.safeParse(body);
  if (!parsed.success) throw new AppError('NOT_FOUND');
  return parsed.data;
}

/**
 * WebAuthn (passkeys, security keys): enrolment on the account page, and as second factor at
 * sign-in (JSON for the script); removal of an own key is a plain form.
 */
export function webauthnRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  // the origin browsers check: the institution's own host in host mode (decision 039)
  const rpOf = (c: Context<AppEnv>) => relyingPartyFor(requestSiteUrl(c, deps.config));
  const pending = async (c: Context<AppEnv>) => {
    const token = readSessionCookie(c, deps.config.secureCookies);
    const session = token ? await findPendingSession(deps.db, token, 'pending_code') : undefined;
    if (!token || !session) throw new AppError('UNAUTHENTICATED');
    return { token, userId: session.user_id };
  };

  app.post('/account/webauthn/options', async (c) => {
    assertRouteAllowed(c);
    const options = await startRegistration(deps.db, rpOf(c), signedInUser(c).id);
    if (!options) return c.json({ error: 'totp_required' }, 409);
    return c.json(options);
  });

  app.post('/account/webauthn', async (c) => {
    assertRouteAllowed(c);
    const ok = await finishRegistration(
      deps.db,
      rpOf(c),
      signedInUser(c).id,
      (await credential(c)) as unknown as RegistrationResponseJSON,
    );
    return ok
      ? c.json({ ok: true, redirect: '/account/security?notice=key-added' })
      : c.json({ ok: false }, 422);
  });

  app.post('/account/webauthn/:credentialId/delete', async (c) => {
    assertRouteAllowed(c);
    const id = c.req.param('credentialId');
    // Another user's key is answered like a key that does not exist.
    if (!UUID.test(id) || !(await deleteCredential(deps.db, signedInUser(c).id, id)))
      throw new AppError('NOT_FOUND');
    return noticeRedirect(c, '/account/security', 'key-removed');
  });

  app.post('/login/two-factor/webauthn/options', async (c) => {
    const { userId } = await pending(c);
    const options = await startAuthentication(deps.db, rpOf(c), userId);
    if (!options) return c.json({ error: 'no_credentials' }, 404);
    return c.json(options);
  });

  app.post('/login/two-factor/webauthn', async (c) => {
    const { token, userId } = await pending(c);
    const result = await finishAuthentication(
      deps.db,
      rpOf(c),
      userId,
      (await credential(c)) as unknown as AuthenticationResponseJSON,
    );
    if (!result.ok) return c.json({ ok: false }, result.waitMinutes ? 429 : 401);
    setSessionCookie(c, await completeSession(deps.db, token), deps.config.secureCookies);
    return c.json({ ok: true, redirect: '/cases' });
  });

  return app;
}
