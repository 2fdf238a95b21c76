import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './support/server.js';

const run = promisify(execFile);
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

async function submit(url: string, form: { cookie: string; token: string; idem: string }): Promise<number> {
  const body = new URLSearchParams({
    _csrf: form.token, idempotencyKey: form.idem, team: 'students', category: 'bullying', narrative: 'Iets dat gebeurde.',
    location: 'online', reporterRole: 'student', accusedRole: 'student', goal: 'advice', anonymous: 'yes',
  });
  const res = await fetch(`${url}/melden`, { method: 'POST', body, headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  return res.status;
}

if (process.env.TEST_DATABASE_URL) {
  describe('several server processes on one PostgreSQL database', () => {
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
} else {
  describe('the embedded database belongs to one process', () => {
    it('refuses the command line while a server holds the data directory, and says why', async () => {
      const server = await startServer();
      servers.push(server);
      const cli = run(path.resolve('bin/meldpunt'), ['migrate'], { env: { ...process.env, MELDPUNT_DATA_DIR: server.dataDir } });
      await expect(cli).rejects.toMatchObject({ stderr: expect.stringMatching(/^meldpunt: the embedded database .* is in use by process \d+ .*stop it first/) });
      expect(await submit(server.url, await csrfFrom(server.url))).toBe(200);
    });
  });
}
