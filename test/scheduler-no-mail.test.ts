import { describe, expect, it } from 'vitest';
import { runDueJobs, type Job } from '../src/server/scheduler.js';
import type { Logger } from '../src/server/logger.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp(); // no MELDPUNT_SMTP_URL, as `npm start -- --demo` on a fresh machine

describe('jobs without a mail server (issue 19)', () => {
  it('say once, in one line without a stack, that mail waits for a mail server; a real failure is still an error', async () => {
    const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
    const log = (level: string) => (obj: Record<string, unknown>, msg: string) =>
      lines.push({ level, obj, msg });
    const logger = {
      warn: log('warn'),
      error: log('error'),
      info: log('info'),
      debug: log('debug'),
    } as unknown as Logger;
    const jobs: Job[] = [
      {
        name: 'test-mail-without-smtp',
        everyMinutes: 1,
        run: (deps) => deps.mailer.send({ to: 'a@example.test', subject: 's', text: 't' }),
      },
      { name: 'test-broken', everyMinutes: 1, run: () => Promise.reject(new Error('broken')) },
    ];
    const start = Date.now();
    await runDueJobs(t.deps, new Date(start), logger, jobs);
    await runDueJobs(t.deps, new Date(start + 120_000), logger, jobs);
    const about = (job: string) => lines.filter((l) => l.obj.job === job);
    expect(about('test-mail-without-smtp').map((l) => l.level)).toEqual(['warn']);
    expect(JSON.stringify(about('test-mail-without-smtp'))).not.toContain('frames');
    expect(about('test-broken').map((l) => l.level)).toEqual(['error', 'error']);
  });
});
