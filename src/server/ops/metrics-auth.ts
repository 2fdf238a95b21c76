import crypto from 'node:crypto';

/**
 * Who may read /metrics (issue 15 finding 10): its per-route counters show when reports are
 * filed and mailboxes opened, so it is served only to a scraper with the bearer token, and not
 * at all when no token is configured.
 */
export type MetricsAccess = 'ok' | 'off' | 'unauthorized';

export function metricsAccess(
  token: string | undefined,
  authorization: string | undefined,
): MetricsAccess {
  if (!token) return 'off';
  const sent = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return sent.length === expected.length && crypto.timingSafeEqual(sent, expected)
    ? 'ok'
    : 'unauthorized';
}
