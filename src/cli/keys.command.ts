import { loadKeyring } from '../server/crypto/keyring.js';
import { isInstitutionKeyId } from '../server/crypto/seal.js';
import { countByMasterKey, createMasterKeyFile, rewrapAll } from '../server/keys/rotate.service.js';
import type { Command } from './commands.js';

/**
 * `keys rotate`: a new master key, then every data key re-wrapped under it, while servers run.
 * Servers pick the new key up when restarted; run `keys rotate --rewrap-only` once more after
 * restarting them (cases created meanwhile were wrapped with the old key), then `keys status`
 * shows 0 for the old key id and its file (data/keys/master-*.key) may be removed.
 */
export const keysRotateCommand: Command = {
  summary: 'new master key; re-wrap every case key under it without downtime [--rewrap-only]',
  async run(deps, args) {
    if (deps.config.masterKey)
      throw new Error(
        'the master key comes from MELDPUNT_MASTER_KEY; rotate keys kept in the data directory only',
      );
    if (!args.includes('--rewrap-only')) createMasterKeyFile(deps.config.dataDir);
    const keyring = loadKeyring(deps.config);
    const { institutionKeys, caseKeys, records, totpSecrets } = await rewrapAll(deps.db, keyring);
    process.stdout.write(
      `master key ${keyring.currentMasterKeyId}: re-wrapped ${caseKeys} case keys (under their institution's key), ${institutionKeys} institution keys, ${records} sealed records and ${totpSecrets} two-factor secrets\n`,
    );
  },
};

export const keysStatusCommand: Command = {
  summary: 'how many wrapped keys each master key holds',
  async run(deps) {
    const counts = await countByMasterKey(deps.db);
    const current = loadKeyring(deps.config).currentMasterKeyId;
    for (const [id, n] of counts)
      process.stdout.write(
        `${id}\t${n}${id === current ? '\t(current)' : ''}${isInstitutionKeyId(id) ? '\t(institution key)' : ''}\n`,
      );
  },
};
