import fs from 'node:fs';
import { createBackup, restoreBackup } from '../server/backup/backup.service.js';
import { retireLegacyPglite } from '../server/db/legacy-pglite.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

export const backupCreateCommand: Command = {
  summary: 'write an encrypted archive of the whole database and its keys: --out FILE (passphrase from MELDPUNT_BACKUP_PASSPHRASE)',
  async run(deps, args) {
    const { options } = parseArgs(args, ['out']);
    if (!options.out) throw new Error('--out FILE is required');
    const result = await createBackup(deps.db, deps.keyring, process.env.MELDPUNT_BACKUP_PASSPHRASE, { kind: 'cli' });
    fs.writeFileSync(options.out, result.archive, { mode: 0o600 });
    process.stdout.write(`backup written to ${options.out}: ${result.tables} tables, ${result.rows} rows\n`);
  },
};

export const backupRestoreCommand: Command = {
  summary: 'replace ALL data with a backup: FILE --yes (passphrase from MELDPUNT_BACKUP_PASSPHRASE; stop servers first)',
  convertsLegacyPglite: true,
  async run(deps, args) {
    const { options, positional } = parseArgs(args.filter((a) => a !== '--yes'), []);
    void options;
    const file = positional[0];
    if (!file) throw new Error('usage: meldpunt backup restore FILE --yes');
    if (!args.includes('--yes')) throw new Error('restore replaces every row in the database; add --yes to confirm');
    const archive = fs.readFileSync(file);
    const result = await restoreBackup(deps.db, deps.keyring, archive, process.env.MELDPUNT_BACKUP_PASSPHRASE, {
      dataDir: deps.config.dataDir,
      keysFromEnvironment: Boolean(deps.config.masterKey || deps.config.indexKey),
    });
    process.stdout.write(`restored ${result.rows} rows in ${result.tables} tables from the backup of ${result.createdAt}\n`);
    const kept = deps.kind === 'embedded' ? retireLegacyPglite(deps.config.dataDir) : undefined;
    if (kept) process.stdout.write(`the earlier PGlite database is kept, no longer used, in ${kept}\n`);
  },
};
