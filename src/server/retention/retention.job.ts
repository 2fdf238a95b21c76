import { registerJob } from '../jobs/scheduler.js';
import { eraseDueCases } from './retention.service.js';

registerJob({
  name: 'retention',
  everyMinutes: 60,
  async run(deps, now) {
    await eraseDueCases(deps.db, now);
  },
});
