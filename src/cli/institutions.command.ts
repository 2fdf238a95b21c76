import { institutionBaseUrl } from '../server/tenancy/institution-url.js';
import { z } from 'zod';
import { createInstitution, listInstitutions } from '../server/platform/platform.service.js';
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
      .execute((trx) => createInstitution(trx, parsed.data, { kind: 'cli' }));
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
