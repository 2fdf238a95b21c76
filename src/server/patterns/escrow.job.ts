import type { Job } from '../jobs/job.js';
import { detectEscrowMatches, notifyMatchedEscrows } from './escrow.service.js';

/** Catches escrow matches that a request did not finish (a crash, a race) and tells the reporters. */
export const escrowJob: Job = {
  name: 'pattern-escrow',
  everyMinutes: 5,
  async run(deps, now) {
    await deps.db.transaction().execute((trx) => detectEscrowMatches(trx, now));
    await notifyMatchedEscrows(deps.db, deps.keyring, now);
  },
};
