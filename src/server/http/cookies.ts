import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';

/**
 * All our cookies are HttpOnly and SameSite=Strict. Over https they are Secure and carry the
 * `__Host-` prefix, so that the browser accepts them only from this very origin (no Domain, Path=/):
 * a sibling subdomain cannot plant a session or CSRF cookie. `__Host-` requires Secure, so on a
 * plain-http development address (http://127.0.0.1) the plain names are used (decision 024).
 */
export function strictCookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

export function setStrictCookie(
  c: Context,
  name: string,
  value: string,
  secure: boolean,
  maxAgeSeconds?: number,
) {
  setCookie(c, strictCookieName(name, secure), value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function readStrictCookie(c: Context, name: string, secure: boolean): string | undefined {
  return getCookie(c, strictCookieName(name, secure));
}

export function clearStrictCookie(c: Context, name: string, secure: boolean): void {
  deleteCookie(c, strictCookieName(name, secure), { path: '/', secure });
}

export { getCookie, deleteCookie };
