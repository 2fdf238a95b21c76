import type { Db } from '../db/create-db.js';
import type { Deps } from '../bootstrap.js';
import { errorForLog, type Logger } from '../logger.js';
import type { Job } from './job.js';
import { ALL_JOBS } from './all-jobs.js';
import { forEachInstitution } from '../db/tenancy.js';

export type { Job } from './job.js';
import { MailNotConfiguredError } from '../mail/mailer.js';

/**
 * In-process, database-backed jobs. Every server process ticks; a job runs only in the
 * process that takes its lease, so each tick's work happens once however many processes
 * share the database. Jobs must also be idempotent per item (a unique key per reminder),
 * which makes "exactly once" hold even across a crash in the middle of a run. The jobs are
 * listed in all-jobs.ts.
 */
/** Jobs that already said they cannot mail without a mail server (once per process). */
const quietJobs = new Set<string>();

/** Takes the lease of a job that is due; false when another process holds it or it is not due. */
async function takeLease(db: Db, job: Job, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + job.everyMinutes * 60_000);
  await db
    .insertInto('job_lease')
    .values({ name: job.name, locked_until: new Date(0) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const taken = await db
    .updateTable('job_lease')
    .set({ locked_until: until, last_run_at: now })
    .where('name', '=', job.name)
    .where('locked_until', '<=', now)
    .returning('name')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Runs every due job once; `now` is injectable so tests control the clock. */
export async function runDueJobs(
  deps: Deps,
  now: Date,
  logger?: Logger,
  jobs: readonly Job[] = ALL_JOBS,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    if (!(await takeLease(deps.db, job, now))) continue;
    try {
      // Under each institution in turn: row-level security keeps every run to one (decision 036).
      await forEachInstitution(deps.db, () => job.run(deps, now));
      ran.push(job.name);
    } catch (err) {
      // Without a mail server nothing is lost (a reminder is claimed only when its mail goes
      // out), so say it once per job in a line, without a stack (issue 19: `--demo` without SMTP).
      if (err instanceof MailNotConfiguredError) {
        if (!quietJobs.has(job.name))
          logger?.warn(
            { job: job.name },
            'mail not sent: no SMTP server configured (MELDPUNT_SMTP_URL); reminders wait until one is',
          );
        quietJobs.add(job.name);
        continue;
      }
      logger?.error({ job: job.name, err: errorForLog(err) }, 'job failed');
    }
  }
  return ran;
}

export function startScheduler(deps: Deps, logger: Logger, intervalMs = 60_000): () => void {
  const tick = () => void runDueJobs(deps, new Date(), logger).catch(() => {});
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 5_000).unref();
  return () => clearInterval(timer);
}
