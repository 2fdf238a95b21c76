import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/server/bootstrap.js';
import { ALL_JOBS } from '../../src/server/all-jobs.js';
import { runDueJobs, type Job } from '../../src/server/scheduler.js';
import { createStaff, defaultTeamId, PASSWORD } from '../support/factories.js';
import { startServer, type ServerProcess } from './server-process.js';
import { censusByKey } from './case-census.js';
import { newIdempotencyKey, openIntakeSession, submitIntake } from './intake-client.js';
import { createTarget, type Target } from './targets.js';
import { Browser } from './browser.js';

let target: Target;
let deps: Deps;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  target = await createTarget('external');
  deps = await target.open();
  [a, b] = await Promise.all([startServer(target.env), startServer(target.env)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await deps?.close();
  await target?.dispose();
});

describe('two server processes on one PostgreSQL database', () => {
  it('accepts a session and its CSRF token on either process, and signing out on one ends it on both', async () => {
    const adviser = await createStaff(deps, await defaultTeamId(deps), ['confidential_adviser']);
    const browser = new Browser();
    await browser.request(`${a.url}/login`);
    const login = await browser.post(`${a.url}/login`, {
      email: adviser.email,
      password: PASSWORD,
    });
    expect(login.status).toBe(303);

    const reporter = await openIntakeSession(b.url);
    const submitted = await submitIntake(b.url, reporter, newIdempotencyKey());
    expect(submitted.kind).toBe('acknowledged');
    const reference = submitted.kind === 'acknowledged' ? submitted.reference : '';

    for (const server of [a, b]) {
      const inbox = await browser.request(`${server.url}/cases`);
      expect(inbox.status).toBe(200);
      expect(browser.lastHtml).toContain(reference);
    }
    const signOut = await browser.post(`${b.url}/logout`, {});
    expect(signOut.status).toBe(303);
    const after = await browser.request(`${a.url}/cases`);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login');
  });

  it("gives a browser's intake retries the same acknowledgement whichever process answers", async () => {
    const key = newIdempotencyKey();
    const browser = await openIntakeSession(a.url); // one browser: its cookie and token hold on either process
    const outcomes = await Promise.all([
      submitIntake(a.url, browser, key),
      submitIntake(b.url, browser, key),
      submitIntake(a.url, browser, key),
    ]);
    const references = outcomes.map((o) => (o.kind === 'acknowledged' ? o.reference : o.kind));
    expect(new Set(references).size).toBe(1);
    const census = await censusByKey(deps, browser, [key]);
    expect(census.get(key)?.references).toHaveLength(1);
  });

  it('runs each scheduled job once per due time however many processes tick at once', async () => {
    const runs: string[] = [];
    const probe: Job = {
      name: 'reliability-probe',
      everyMinutes: 5,
      run: async (_d, now) => void runs.push(now.toISOString()),
    };
    const jobs = [...ALL_JOBS, probe];
    const others = await Promise.all([target.open(), target.open()]);
    try {
      const every = Math.max(...jobs.map((j) => j.everyMinutes));
      const start = Date.UTC(2030, 0, 1);
      for (let round = 0; round < 10; round++) {
        const now = new Date(start + round * every * 60_000);
        const ran = (
          await Promise.all([deps, ...others].map((d) => runDueJobs(d, now, undefined, jobs)))
        ).flat();
        // every registered job (reminders, retention, … and the probe) ran exactly once this round
        expect(ran.sort()).toEqual(jobs.map((j) => j.name).sort());
        // and not again at the same moment
        const again = (
          await Promise.all([deps, ...others].map((d) => runDueJobs(d, now, undefined, jobs)))
        ).flat();
        expect(again).toEqual([]);
      }
      expect(runs).toHaveLength(10);
    } finally {
      await Promise.all(others.map((d) => d.close()));
    }
  });
});
