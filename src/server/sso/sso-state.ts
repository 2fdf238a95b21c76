import crypto from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The sign-in attempt's state (state, nonce, PKCE verifier, SAML request id) in a short-lived
 * HMAC-signed cookie. SameSite=Lax, because the IdP's redirect back is a cross-site navigation;
 * SameSite=None (https only) for SAML, whose answer is a cross-site POST that Lax would not carry.
 */
const COOKIE = 'mp_sso';
/** A reporter's verification (issue 9) keeps its own state, apart from any staff sign-in. */
export const REPORTER_COOKIE = 'mp_sso_reporter';

export function saveSsoState(
  c: Context,
  key: Buffer,
  secure: boolean,
  state: Record<string, string>,
  crossSitePost = false,
  cookie = COOKIE,
): void {
  const body = Buffer.from(JSON.stringify({ ...state, exp: Date.now() + 10 * 60_000 })).toString(
    'base64url',
  );
  const mac = crypto.createHmac('sha256', key).update(`${cookie}\0${body}`).digest('base64url');
  setCookie(c, cookie, `${body}.${mac}`, {
    httpOnly: true,
    sameSite: crossSitePost && secure ? 'None' : 'Lax',
    secure,
    path: '/sso',
    maxAge: 600,
  });
}

export function takeSsoState(
  c: Context,
  key: Buffer,
  secure: boolean,
  cookie = COOKIE,
): Record<string, string> | undefined {
  const raw = getCookie(c, cookie);
  deleteCookie(c, cookie, { path: '/sso', secure });
  const [body, mac] = (raw ?? '').split('.');
  if (!body || !mac) return undefined;
  const expected = crypto
    .createHmac('sha256', key)
    .update(`${cookie}\0${body}`)
    .digest('base64url');
  if (
    expected.length !== mac.length ||
    !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac))
  )
    return undefined;
  const state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<
    string,
    string
  > & { exp: number };
  return state.exp > Date.now() ? state : undefined;
}

/** Where the identity provider returns a reporter who verifies their institution account. */
export const REPORTER_CALLBACK_PATH = '/sso/oidc/reporter/callback';
