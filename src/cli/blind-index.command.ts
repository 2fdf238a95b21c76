import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadKeyring } from '../server/crypto/keyring.js';
import { recomputeBlindIndex } from '../server/patterns/rotate-blind-index.service.js';
import type { Command } from './commands.js';

/**
 * `keys rotate-blind-index`: a new blind-index key (data/keys/blind-index.key), then every
 * identifier of the accused and every reporter fingerprint re-computed under it from the sealed
 * values. Restart the servers, then run it once more with --recompute-only (entries added by a
 * server still holding the old key). With MELDPUNT_BLIND_INDEX_KEY, put the new key in the
 * environment and run with --recompute-only.
 */
export const keysRotateBlindIndexCommand: Command = {
  summary:
    'new blind-index key for pattern matching; re-compute the index under it [--recompute-only]',
  async run(deps, args) {
    const recomputeOnly = args.includes('--recompute-only');
    if (deps.config.blindIndexKey && !recomputeOnly) {
      throw new Error(
        'the blind-index key comes from MELDPUNT_BLIND_INDEX_KEY; set the new key there and run with --recompute-only',
      );
    }
    if (!recomputeOnly) {
      const file = path.join(deps.config.dataDir, 'keys', 'blind-index.key');
      fs.writeFileSync(`${file}.tmp`, crypto.randomBytes(32).toString('base64') + '\n', {
        mode: 0o600,
      });
      fs.renameSync(`${file}.tmp`, file);
    }
    const { identifiers, reporters } = await recomputeBlindIndex(deps.db, loadKeyring(deps.config));
    process.stdout.write(
      `blind index re-computed: ${identifiers} identifiers, ${reporters} reporter fingerprints\n`,
    );
  },
};
