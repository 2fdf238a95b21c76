import { verifyAuditChain } from '../server/audit/audit.service.js';
import type { Command } from './commands.js';

export const auditVerifyCommand: Command = {
  summary: "verify the audit trail's hash chain; exits 1 at the first tampered event",
  async run(deps) {
    const result = await verifyAuditChain(deps.db);
    if (!result.ok)
      throw new Error(
        `audit chain broken at event ${result.brokenAt} (after ${result.checked} intact events)`,
      );
    process.stdout.write(`audit chain intact: ${result.checked} events\n`);
  },
};
