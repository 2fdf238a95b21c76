import type { MiddlewareHandler } from 'hono';
import { pageDescription } from './indexing.js';

// connect-src: /assets/webauthn.js fetches its challenge and posts the key's answer (same origin only).
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** A downloaded file (an upload, an export) runs nothing even when a browser opens it: sandboxed, no sources. */
export const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/**
 * Strict headers on every response: no inline script, no third-party anything, no referrer,
 * and nothing stored by browsers or proxies except the versioned static assets. A response
 * served as an attachment gets the download policy (issue 15 finding 8: the page policy used
 * to replace it after the handler ran).
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  const download = /^\s*attachment\b/i.test(h.get('Content-Disposition') ?? '');
  h.set('Content-Security-Policy', download ? DOWNLOAD_CSP : PAGE_CSP);
  h.set('Referrer-Policy', 'no-referrer');
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('X-Frame-Options', 'DENY');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Cross-Origin-Resource-Policy', 'same-origin');
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (!c.req.path.startsWith('/assets/') && c.req.path !== '/favicon.ico')
    h.set('Cache-Control', 'no-store');
  if (!pageDescription(c.req.path)) h.set('X-Robots-Tag', 'noindex, nofollow');
};
