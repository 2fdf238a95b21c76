import type { Job } from '../jobs/job.js';
import { forgetIdempotencyKeys } from './api.service.js';

/** Forgets the API's Idempotency-Keys after their 24 hours (per institution, like every job). */
export const apiIdempotencyJob: Job = {
  name: 'api-idempotency',
  everyMinutes: 60,
  async run(deps, now) {
    await forgetIdempotencyKeys(deps.db, now);
  },
};
