import type { Deps } from '../bootstrap.js';

/** One in-process, database-backed job; ALL_JOBS (src/server/all-jobs.ts) lists every one the server runs. */
export interface Job {
  name: string;
  /** Minimum minutes between runs. */
  everyMinutes: number;
  run(deps: Deps, now: Date): Promise<void>;
}
