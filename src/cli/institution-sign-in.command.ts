import fs from 'node:fs';
import { translator } from '../i18n/i18n.js';
import { InstitutionSignInInput } from '../server/institution-settings/institution-sign-in.schemas.js';
import { setInstitutionSignIn } from '../server/institution-settings/institution-sign-in.service.js';
import { setInstitutionLogo } from '../server/institution-settings/logo.service.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';
import type { Deps } from '../server/bootstrap.js';

/**
 * issue 22, decision 038: an institution's own identity provider and logo from the command line.
 * The client secret is read from a file (never an argument, which `ps` and shell history show).
 */
const OPTIONS = {
  'oidc-issuer': 'oidcIssuer',
  'oidc-client-id': 'oidcClientId',
  'oidc-roles-claim': 'oidcRolesClaim',
  'saml-entry-point': 'samlEntryPoint',
  'saml-idp-issuer': 'samlIdpIssuer',
  'saml-email-attribute': 'samlEmailAttribute',
  'saml-name-attribute': 'samlNameAttribute',
  'saml-roles-attribute': 'samlRolesAttribute',
  'role-map': 'roleMap',
} as const;
const FILE_OPTIONS = {
  'oidc-client-secret-file': 'oidcClientSecret',
  'saml-idp-cert-file': 'samlIdpCert',
  'role-map-file': 'roleMap',
} as const;

function readOptionFile(option: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`--${option}: cannot read ${file}`);
  }
}

async function institutionIdOf(deps: Deps, key: string | undefined, usage: string) {
  if (!key) throw new Error(`usage: ${usage}`);
  const row = await deps.db
    .selectFrom('institution')
    .select('id')
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) throw new Error(`no institution with key ${key}`);
  return row.id;
}

const SSO_USAGE =
  "institutions sso KEY [--oidc-issuer URL --oidc-client-id ID --oidc-client-secret-file FILE] [--oidc-roles-claim NAME] [--saml-entry-point URL --saml-idp-cert-file FILE] [--saml-idp-issuer ID] [--saml-email-attribute A] [--saml-name-attribute A] [--saml-roles-attribute A] [--role-map JSON | --role-map-file FILE] (no IdP option: removes the institution's own IdP)";

export const institutionsSsoCommand: Command = {
  summary: `set an institution's own identity provider: ${SSO_USAGE.replace(/^institutions sso /, '')}`,
  async run(deps, args) {
    const { options, positional } = parseArgs(args, [
      ...Object.keys(OPTIONS),
      ...Object.keys(FILE_OPTIONS),
    ]);
    const institutionId = await institutionIdOf(deps, positional[0], SSO_USAGE);
    const input: Record<string, string> = {};
    for (const [option, field] of Object.entries(OPTIONS))
      if (options[option] !== undefined) input[field] = options[option];
    for (const [option, field] of Object.entries(FILE_OPTIONS))
      if (options[option] !== undefined) input[field] = readOptionFile(option, options[option]);
    const parsed = InstitutionSignInInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0]);
      const option =
        Object.entries({ ...OPTIONS, ...FILE_OPTIONS }).find(([, f]) => f === field)?.[0] ?? field;
      const t = translator('en');
      const message = issue.message.startsWith('validation.')
        ? t(issue.message as Parameters<typeof t>[0], { max: '', min: '' })
        : issue.message;
      throw new Error(`--${option}: ${message}`);
    }
    const result = await deps.db
      .transaction()
      .execute((trx) =>
        setInstitutionSignIn(trx, deps.keyring, institutionId, parsed.data, { kind: 'cli' }),
      );
    if (!result.ok)
      throw new Error('--oidc-client-secret-file is required: no client secret is stored yet');
    const kinds = [parsed.data.oidcIssuer && 'OpenID Connect', parsed.data.samlEntryPoint && 'SAML']
      .filter(Boolean)
      .join(' and ');
    process.stdout.write(
      kinds
        ? `${positional[0]} signs in through its own identity provider (${kinds})\n`
        : `${positional[0]} has no identity provider of its own any more\n`,
    );
  },
};

const LOGO_USAGE = 'institutions logo KEY FILE.png|FILE.jpg';
const LOGO_PROBLEMS = {
  empty: 'the file is empty',
  too_large: 'the file is larger than 512 KB',
  type: 'only PNG and JPEG are accepted (not SVG or any other format)',
  trailing_data: 'the file carries data after its image',
  unreadable: 'the image cannot be read',
} as const;

export const institutionsLogoCommand: Command = {
  summary: `set an institution's logo: ${LOGO_USAGE.replace(/^institutions logo /, '')}`,
  async run(deps, args) {
    const { positional } = parseArgs(args, []);
    if (positional.length !== 2) throw new Error(`usage: ${LOGO_USAGE}`);
    const institutionId = await institutionIdOf(deps, positional[0], LOGO_USAGE);
    let file: Buffer;
    try {
      file = fs.readFileSync(positional[1]!);
    } catch {
      throw new Error(`cannot read ${positional[1]}`);
    }
    const result = await deps.db
      .transaction()
      .execute((trx) => setInstitutionLogo(trx, institutionId, file, { kind: 'cli' }));
    if (!result.ok) throw new Error(`logo refused: ${LOGO_PROBLEMS[result.problem]}`);
    process.stdout.write(`${positional[0]} has a new logo\n`);
  },
};
