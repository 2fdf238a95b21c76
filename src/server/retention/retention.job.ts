import type { Job } from '../jobs/job.js';
import { eraseDueCases } from './retention.service.js';

export const retentionJob: Job = {
  name: 'retention',
  everyMinutes: 60,
  async run(deps, now) {
    await eraseDueCases(deps.db, now);
  },
};
