import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';

/** All cookies are HttpOnly and SameSite=Strict; Secure when served over https. */
export function setStrictCookie(c: Context, name: string, value: string, secure: boolean, maxAgeSeconds?: number) {
  setCookie(c, name, value, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: maxAgeSeconds });
}

export { getCookie, deleteCookie };
