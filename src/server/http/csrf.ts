import crypto from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Keyring } from '../crypto/keyring.js';
import { AppError } from './errors.js';
import { readStrictCookie, setStrictCookie } from './cookies.js';

/**
 * Signed double-submit: a random HttpOnly cookie, and in every form a token that is the
 * HMAC of that cookie under the server's index key. A cross-site page can neither read the
 * cookie nor compute the token, and SameSite=Strict keeps the cookie off its requests.
 */
export const CSRF_COOKIE = 'mp_csrf';
const COOKIE = CSRF_COOKIE;
export const CSRF_FIELD = '_csrf';

export function csrfProtection(keyring: Keyring, secure: boolean): MiddlewareHandler {
  return async (c, next) => {
    let seed = readStrictCookie(c, COOKIE, secure);
    if (!seed || !/^[A-Za-z0-9_-]{43}$/.test(seed)) {
      seed = crypto.randomBytes(32).toString('base64url');
      setStrictCookie(c, COOKIE, seed, secure);
      if (isUnsafe(c)) throw new AppError('CSRF');
    }
    const expected = tokenFor(keyring, seed);
    c.set('csrfToken', expected);
    c.set('browserKey', browserKeyFor(keyring, seed));
    if (isUnsafe(c)) {
      const sent = await submittedToken(c);
      if (!sent || !safeEqual(sent, expected)) throw new AppError('CSRF');
    }
    await next();
  };
}

function isUnsafe(c: Context): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
}

async function submittedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (
    !type.startsWith('application/x-www-form-urlencoded') &&
    !type.startsWith('multipart/form-data')
  )
    return undefined;
  const body = await c.req.parseBody();
  const value = body[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

/** A per-browser secret that never appears in a page or a form (unlike the CSRF token). */
export function browserKeyFor(keyring: Keyring, seed: string): string {
  return crypto
    .createHmac('sha256', keyring.indexKey)
    .update(`browser\0${seed}`)
    .digest('base64url');
}

function tokenFor(keyring: Keyring, seed: string): string {
  return crypto.createHmac('sha256', keyring.indexKey).update(`csrf\0${seed}`).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
