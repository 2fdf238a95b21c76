import fs from 'node:fs';
import { z } from 'zod';
import { institutionBaseUrl } from '../server/tenancy/institution-url.js';
import { createInstitution, listInstitutions } from '../server/platform/platform.service.js';
import {
  eraseInstitution,
  exportInstitution,
  importInstitution,
  type HandoverSecret,
} from '../server/platform/institution-data.service.js';
import { NewInstitutionInput } from '../server/platform/platform.schemas.js';
import { checkPrimaryColour } from '../server/tenancy/contrast.js';
import { createUser, findUserByEmail } from '../server/users/users.service.js';
import { isCommonPassword } from '../server/users/password-policy.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

/** issue 22: the platform operator's institutions from the command line. */
export const institutionsListCommand: Command = {
  summary: 'list institutions: key, host, name, colour, teams, accounts',
  async run(deps) {
    for (const i of await listInstitutions(deps.db)) {
      process.stdout.write(
        `${i.key}\t${i.host ?? '-'}\t${i.name}\t${i.colourPrimary ?? '-'}\t${i.teams} teams\t${i.accounts} accounts\n`,
      );
    }
  },
};

export const institutionsCreateCommand: Command = {
  summary:
    "create an institution and its first administrator's set-up link: --name N --key K --host H --admin-email E --admin-name N [--colour #rrggbb] [--team-name-nl N] [--team-name-en N] [--locale nl|en]",
  async run(deps, args) {
    const { options: o } = parseArgs(args, [
      'name',
      'key',
      'host',
      'colour',
      'admin-email',
      'admin-name',
      'team-name-nl',
      'team-name-en',
      'locale',
    ]);
    const parsed = NewInstitutionInput.safeParse({
      name: o.name ?? '',
      key: o.key ?? '',
      host: o.host ?? '',
      colour: o.colour ?? '',
      teamNameNl: o['team-name-nl'] ?? `Meldpunt ${o.name ?? ''}`.trim(),
      teamNameEn: o['team-name-en'] ?? `Reporting point ${o.name ?? ''}`.trim(),
      adminEmail: o['admin-email'] ?? '',
      adminName: o['admin-name'] ?? '',
      locale: o.locale ?? 'nl',
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`--${String(issue.path[0])}: ${issue.message}`);
    }
    if (parsed.data.colour) {
      const check = checkPrimaryColour(parsed.data.colour);
      if (!check.ok)
        throw new Error(
          check.reason === 'format'
            ? '--colour must be #rrggbb'
            : `--colour has contrast ${check.ratio.toFixed(2)}:1 with white; WCAG AA needs 4.5:1`,
        );
    }
    const result = await deps.db
      .transaction()
      .execute((trx) => createInstitution(trx, parsed.data, { kind: 'cli' }, deps.keyring));
    if (!result.ok) throw new Error(`${result.field} is already in use`);
    const base = institutionBaseUrl(deps.config, parsed.data);
    process.stdout.write(
      `created institution ${parsed.data.key} (${result.institutionId})\n` +
        `first administrator's one-time set-up link (7 days): ${base}/invite/${result.token}\n`,
    );
  },
};

const OperatorInput = z.object({
  email: z.email({ error: 'a valid --email is required' }),
  name: z.string().trim().min(1, { error: '--name is required' }).max(200),
  password: z
    .string()
    .min(12, { error: 'the password (MELDPUNT_PASSWORD) needs at least 12 characters' }),
});

export const platformOperatorCreateCommand: Command = {
  summary:
    'create the platform operator account (no institution): --email E --name N (password from MELDPUNT_PASSWORD)',
  async run(deps, args) {
    const { options } = parseArgs(args, ['email', 'name']);
    const parsed = OperatorInput.safeParse({
      email: options.email,
      name: options.name,
      password: process.env.MELDPUNT_PASSWORD ?? '',
    });
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    if (isCommonPassword(parsed.data.password))
      throw new Error(
        'the password (MELDPUNT_PASSWORD) is on the list of commonly breached passwords',
      );
    if (await findUserByEmail(deps.db, parsed.data.email))
      throw new Error(`a user with e-mail ${parsed.data.email} already exists`);
    const id = await deps.db.transaction().execute((trx) =>
      createUser(
        trx,
        {
          email: parsed.data.email,
          displayName: parsed.data.name,
          password: parsed.data.password,
          memberships: [],
          platformOperator: true,
        },
        { kind: 'cli' },
      ),
    );
    process.stdout.write(`created platform operator ${id}\n`);
  },
};

/**
 * The handover secret of an export (decision 037): `--recipient-key` (base64 of 32 bytes; or
 * MELDPUNT_HANDOVER_KEY, which keeps it out of the process list), else the passphrase in
 * MELDPUNT_HANDOVER_PASSPHRASE (scrypt). Never the platform key.
 */
function handoverSecret(option: string | undefined): HandoverSecret {
  const b64 = option ?? process.env.MELDPUNT_HANDOVER_KEY;
  if (b64) {
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32)
      throw new Error('--recipient-key (MELDPUNT_HANDOVER_KEY) must be base64 of 32 bytes');
    return { kind: 'key', key };
  }
  const passphrase = process.env.MELDPUNT_HANDOVER_PASSPHRASE;
  if (passphrase) return { kind: 'passphrase', passphrase };
  throw new Error(
    'give the handover key: --recipient-key BASE64 (or MELDPUNT_HANDOVER_KEY), or a passphrase in MELDPUNT_HANDOVER_PASSPHRASE',
  );
}

export const institutionsExportCommand: Command = {
  summary:
    'export one institution for handover: KEY --out FILE [--recipient-key BASE64] (or MELDPUNT_HANDOVER_KEY / MELDPUNT_HANDOVER_PASSPHRASE); its rows and key, sealed under the handover key',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['out', 'recipient-key']);
    const key = positional[0];
    if (!key || !options.out) throw new Error('usage: institutions export KEY --out FILE');
    const secret = handoverSecret(options['recipient-key']);
    const result = await exportInstitution(deps.db, deps.keyring, key, secret, { kind: 'cli' });
    fs.writeFileSync(options.out, result.file, { mode: 0o600, flag: 'wx' });
    process.stdout.write(
      `exported institution ${key}: ${result.rows} rows from ${result.tables} tables to ${options.out}\n`,
    );
  },
};

export const institutionsImportCommand: Command = {
  summary:
    'import an exported institution into this installation: FILE [--recipient-key BASE64] (or MELDPUNT_HANDOVER_KEY / MELDPUNT_HANDOVER_PASSPHRASE)',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['recipient-key']);
    const file = positional[0];
    if (!file) throw new Error('usage: institutions import FILE');
    const secret = handoverSecret(options['recipient-key']);
    const result = await importInstitution(deps.db, deps.keyring, fs.readFileSync(file), secret, {
      kind: 'cli',
    });
    process.stdout.write(
      `imported institution ${result.key} (${result.institutionId}): ${result.rows} rows; its key is now wrapped by this installation's platform key\n`,
    );
  },
};

export const institutionsEraseCommand: Command = {
  summary:
    'erase one institution with all its rows and its key (crypto-shredding): KEY --confirm KEY',
  async run(deps, args) {
    const { options, positional } = parseArgs(args, ['confirm']);
    const key = positional[0];
    if (!key) throw new Error('usage: institutions erase KEY --confirm KEY');
    if (options.confirm !== key)
      throw new Error(`to erase institution ${key}, repeat its key: --confirm ${key}`);
    const result = await eraseInstitution(deps.db, deps.keyring, key, { kind: 'cli' });
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `erased institution ${key} (${result.institutionId}): ${total} rows and its key; backups made earlier still hold its rows, openable only while a backup of its key row exists\n`,
    );
  },
};
