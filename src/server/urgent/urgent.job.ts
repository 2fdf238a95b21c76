import type { Job } from '../jobs/job.js';
import { sendDueUrgentNotices } from './urgent-notices.js';

/** Urgent alerts: first notices missed at once, and escalations after the team's escalation time. */
export const urgentAlertsJob: Job = {
  name: 'urgent-alerts',
  everyMinutes: 1,
  run: (deps, now) => sendDueUrgentNotices(deps, now).then(() => undefined),
};
