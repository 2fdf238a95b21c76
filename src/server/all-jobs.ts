import type { Job } from './jobs/job.js';
import { deadlineRemindersJob } from './deadlines/reminders.job.js';
import { retentionJob } from './retention/retention.job.js';
import { escrowJob } from './patterns/escrow.job.js';
import { riskReassessJob } from './risk/reassess.job.js';
import { threatCheckinJob } from './threats/checkin-reminders.job.js';
import { urgentAlertsJob } from './urgent/urgent.job.js';
import { rightsRemindersJob } from './rights/rights-reminders.job.js';
import { breachRemindersJob } from './privacy/breach-reminders.job.js';
import { apiIdempotencyJob } from './api/idempotency.job.js';

/**
 * Every job the server runs, in one list: importing a job module has no effect of its own (no
 * self-registration); the scheduler runs what is listed here.
 */
export const ALL_JOBS: readonly Job[] = [
  deadlineRemindersJob,
  retentionJob,
  escrowJob,
  riskReassessJob,
  threatCheckinJob,
  urgentAlertsJob,
  rightsRemindersJob,
  breachRemindersJob,
  apiIdempotencyJob,
];
