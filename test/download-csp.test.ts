import { describe, expect, it } from 'vitest';
import { jpegWithExif, openMailbox, reportAnonymously } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

// Issue 15 finding 8: a downloaded file keeps its sandbox CSP; the page CSP does not replace it.
const t = useTestApp();

describe('downloads', () => {
  it('are served with a sandboxing Content-Security-Policy, and pages keep theirs', async () => {
    const { receipt } = await reportAnonymously(t.app, [
      { field: 'files', name: 'foto.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
    ]);
    const { client } = await openMailbox(t.app, receipt);
    const page = await client.get('/postbus/inbox');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('sandbox');
    const href = /href="(\/postbus\/bestanden\/[0-9a-f-]+)"/.exec(client.lastHtml)![1]!;
    const file = await client.get(href);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    const csp = file.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toContain('sandbox');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src 'self'");
  });
});
