import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './support/server.js';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function csrfFrom(url: string): Promise<{ cookie: string; token: string; idem: string }> {
  const res = await fetch(`${url}/melden`);
  const html = await res.text();
  return {
    cookie: res.headers.getSetCookie()[0]!.split(';')[0]!,
    token: /name="_csrf" value="([^"]+)"/.exec(html)![1]!,
    idem: /name="idempotencyKey" value="([^"]+)"/.exec(html)![1]!,
  };
}

async function submit(
  url: string,
  form: { cookie: string; token: string; idem: string },
): Promise<number> {
  const body = new URLSearchParams({
    _csrf: form.token,
    idempotencyKey: form.idem,
    team: 'students',
    category: 'bullying',
    narrative: 'Iets dat gebeurde.',
    location: 'online',
    reporterRole: 'student',
    accusedRole: 'student',
    goal: 'advice',
    anonymous: 'yes',
  });
  const res = await fetch(`${url}/melden`, {
    method: 'POST',
    body,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return res.status;
}

describe('several server processes on one PostgreSQL database', { timeout: 120_000 }, () => {
  it('serve requests side by side without errors', async () => {
    const first = await startServer();
    servers.push(first);
    const second = await startServer({ databaseUrl: first.databaseUrl, dataDir: first.dataDir });
    servers.push(second);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const target = i % 2 ? second.url : first.url;
        // A form from one process is accepted by the other: keys and state are shared.
        const form = await csrfFrom(i % 2 ? first.url : second.url);
        return submit(target, form);
      }),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    for (const s of [first, second]) expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});
