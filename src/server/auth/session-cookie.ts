import type { Context } from 'hono';
import { clearStrictCookie, readStrictCookie, setStrictCookie } from '../http/cookies.js';
import { SESSION_ABSOLUTE_HOURS } from './auth.service.js';

/** The one session cookie: its name, and how it is set, read and cleared (HttpOnly, SameSite=Strict, host-only). */
export const SESSION_COOKIE = 'mp_session';

export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  setStrictCookie(c, SESSION_COOKIE, token, secure, SESSION_ABSOLUTE_HOURS * 3600);
}

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return readStrictCookie(c, SESSION_COOKIE, secure);
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  clearStrictCookie(c, SESSION_COOKIE, secure);
}
