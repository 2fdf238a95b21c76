/**
 * Imports every module that registers a job (registerJob), so that the server runs them all.
 * Add one line per job module.
 */
import '../deadlines/reminders.job.js';
import '../retention/retention.job.js';
import '../patterns/escrow.job.js';
import '../risk/reassess.job.js';
import '../threats/checkin-reminders.job.js';
import '../urgent/urgent.job.js';
import '../rights/rights-reminders.job.js';
import '../privacy/breach-reminders.job.js';
export {};
