import fs from 'node:fs';
import { checkPassphrase, createBackup, restoreBackup } from '../server/backup/backup.service.js';
import { createKeyArchive, openKeyArchive } from '../server/backup/backup-keys.js';
import { loadKeyring } from '../server/crypto/keyring.js';
import { recomputeBlindIndex } from '../server/patterns/rotate-blind-index.service.js';
import { retireLegacyPglite } from '../server/db/legacy-pglite.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

export const backupCreateCommand: Command = {
  summary:
    'write an encrypted archive of the whole database (no keys): --out FILE (passphrase from MELDPUNT_BACKUP_PASSPHRASE)',
  async run(deps, args) {
    const { options } = parseArgs(args, ['out']);
    if (!options.out) throw new Error('--out FILE is required');
    const result = await createBackup(
      deps.db,
      deps.keyring,
      process.env.MELDPUNT_BACKUP_PASSPHRASE,
      { kind: 'cli' },
    );
    fs.writeFileSync(options.out, result.archive, { mode: 0o600 });
    process.stdout.write(
      `backup written to ${options.out}: ${result.tables} tables, ${result.rows} rows\n`,
    );
  },
};

export const backupKeysCommand: Command = {
  summary:
    'write the encrypted key archive, to keep apart from the backups: --out FILE (passphrase from MELDPUNT_KEYS_PASSPHRASE)',
  async run(deps, args) {
    const { options } = parseArgs(args, ['out']);
    if (!options.out) throw new Error('--out FILE is required');
    const passphrase = checkPassphrase(
      process.env.MELDPUNT_KEYS_PASSPHRASE,
      'MELDPUNT_KEYS_PASSPHRASE',
    );
    const archive = await createKeyArchive(
      deps.db,
      deps.keyring,
      passphrase,
      process.env.MELDPUNT_BACKUP_PASSPHRASE,
      { kind: 'cli' },
    );
    fs.writeFileSync(options.out, archive, { mode: 0o600 });
    process.stdout.write(
      `key archive written to ${options.out}: keep it apart from the backups, and make a new one after every key rotation\n`,
    );
  },
};

export const backupRestoreCommand: Command = {
  summary:
    'replace ALL data with a backup: FILE --yes [--keys KEYFILE] (passphrases from MELDPUNT_BACKUP_PASSPHRASE, MELDPUNT_KEYS_PASSPHRASE; stop servers first)',
  convertsLegacyPglite: true,
  async run(deps, args) {
    const { options, positional } = parseArgs(
      args.filter((a) => a !== '--yes'),
      ['keys'],
    );
    const file = positional[0];
    if (!file) throw new Error('usage: meldpunt backup restore FILE --yes [--keys KEYFILE]');
    if (!args.includes('--yes'))
      throw new Error('restore replaces every row in the database; add --yes to confirm');
    const keys = options.keys
      ? openKeyArchive(
          fs.readFileSync(options.keys),
          checkPassphrase(process.env.MELDPUNT_KEYS_PASSPHRASE, 'MELDPUNT_KEYS_PASSPHRASE'),
        )
      : undefined;
    const result = await restoreBackup(
      deps.db,
      deps.keyring,
      fs.readFileSync(file),
      process.env.MELDPUNT_BACKUP_PASSPHRASE,
      {
        dataDir: deps.config.dataDir,
        keys,
        masterFromEnvironment: Boolean(deps.config.masterKey),
        indexFromEnvironment: Boolean(deps.config.indexKey),
        blindIndexFromEnvironment: Boolean(deps.config.blindIndexKey),
      },
    );
    process.stdout.write(
      `restored ${result.rows} rows in ${result.tables} tables from the backup of ${result.createdAt}\n`,
    );
    if (result.migratedFrom)
      process.stdout.write(
        `the backup's schema (${result.migratedFrom}) was migrated to this release's\n`,
      );
    if (result.legacy) {
      // An earlier release's archive has no blind-index key: index the identifiers again under this installation's.
      const { identifiers, reporters } = await recomputeBlindIndex(
        deps.db,
        loadKeyring(deps.config),
      );
      if (identifiers + reporters)
        process.stdout.write(
          `blind index re-computed: ${identifiers} identifiers, ${reporters} reporter fingerprints\n`,
        );
      process.stdout.write(
        'the keys of the backup are in the data directory; make a key archive now and keep it apart: bin/meldpunt backup keys --out FILE\n',
      );
    }
    const kept = deps.kind === 'embedded' ? retireLegacyPglite(deps.config.dataDir) : undefined;
    if (kept)
      process.stdout.write(`the earlier PGlite database is kept, no longer used, in ${kept}\n`);
  },
};
