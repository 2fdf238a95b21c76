import type { MiddlewareHandler } from 'hono';
import { pageDescription } from './indexing.js';

/**
 * Strict headers on every response: no inline script, no third-party anything, no referrer,
 * and nothing stored by browsers or proxies except the versioned static assets.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set(
    'Content-Security-Policy',
    // connect-src: /assets/webauthn.js fetches its challenge and posts the key's answer (same origin only).
    "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  h.set('Referrer-Policy', 'no-referrer');
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('X-Frame-Options', 'DENY');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Cross-Origin-Resource-Policy', 'same-origin');
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  if (!c.req.path.startsWith('/assets/') && c.req.path !== '/favicon.ico') h.set('Cache-Control', 'no-store');
  if (!pageDescription(c.req.path)) h.set('X-Robots-Tag', 'noindex, nofollow');
};
