import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/server/config.js';
import { useTestApp } from './support/use-test-app.js';

// Issue 15 finding 10: /metrics is off unless a token is configured, and then needs it.
const t = useTestApp();

describe('/metrics without a configured token', () => {
  it('serves nothing, whatever the request carries', async () => {
    for (const authorization of [undefined, 'Bearer ', 'Bearer undefined', 'Bearer']) {
      const res = await t.app.request(
        '/metrics',
        authorization ? { headers: { authorization } } : {},
      );
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('meldpunt_http_requests_total');
      expect(text).toContain('MELDPUNT_METRICS_TOKEN');
    }
  });

  it('refuses a token too short to be a secret at start-up', () => {
    expect(() => readConfig({ MELDPUNT_METRICS_TOKEN: 'short' })).toThrow(
      /MELDPUNT_METRICS_TOKEN: must be at least 24 characters/,
    );
    expect(readConfig({ MELDPUNT_METRICS_TOKEN: 'x'.repeat(24) }).metricsToken).toBe(
      'x'.repeat(24),
    );
  });
});
