import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles.js';
import { findTeam } from '../server/teams/teams.service.js';
import {
  createTeam,
  isTeamKeyTaken,
  listTeamSettings,
} from '../server/admin/teams.admin.service.js';
import { saveOrgUnit } from '../server/admin/org-units.service.js';
import { deactivateUser, INVITE_DAYS, inviteUser } from '../server/admin/users.admin.service.js';
import { findUserByEmail } from '../server/users/users.service.js';
import { renderMail } from '../server/mail/mail.templates.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

const KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

async function teamOf(deps: Parameters<Command['run']>[0], key?: string) {
  const team = await findTeam(deps.db, key);
  if (!team) throw new Error(`unknown team: ${key}`);
  return team;
}

export const teamsListCommand: Command = {
  summary: 'list teams with their deadlines and retention',
  async run(deps) {
    for (const t of await listTeamSettings(deps.db)) {
      process.stdout.write(
        `${t.key}\t${t.institutionKey}\t${t.nameNl}\tack ${t.ackDays}d\tfeedback ${t.feedbackDays}d\tretention ${t.retentionMonths}m\n`,
      );
    }
  },
};

export const teamsCreateCommand: Command = {
  summary: 'add a team: --key K --name-nl N --name-en N [--institution KEY] [--institution-name N]',
  async run(deps, args) {
    const { options: o } = parseArgs(args, [
      'key',
      'name-nl',
      'name-en',
      'institution',
      'institution-name',
    ]);
    if (!o.key || !KEY.test(o.key)) throw new Error('--key is required (letters, digits, - and _)');
    if (!o['name-nl'] || !o['name-en']) throw new Error('--name-nl and --name-en are required');
    if (await isTeamKeyTaken(deps.db, o.key)) throw new Error(`team ${o.key} already exists`);
    const institutionKey = o.institution ?? 'default';
    if (!KEY.test(institutionKey))
      throw new Error('--institution must be a key (letters, digits, - and _)');
    await deps.db.transaction().execute((trx) =>
      createTeam(
        trx,
        {
          key: o.key!,
          nameNl: o['name-nl']!,
          nameEn: o['name-en']!,
          institutionKey,
          institutionName: o['institution-name'],
        },
        { kind: 'cli' },
      ),
    );
    process.stdout.write(`created team ${o.key}\n`);
  },
};

export const orgUnitsAddCommand: Command = {
  summary: 'add or rename an organisation unit: --key K --label-nl L [--label-en L] [--team KEY]',
  async run(deps, args) {
    const { options: o } = parseArgs(args, ['key', 'label-nl', 'label-en', 'team']);
    if (!o.key || !KEY.test(o.key)) throw new Error('--key is required (letters, digits, - and _)');
    if (!o['label-nl']) throw new Error('--label-nl is required');
    const team = await teamOf(deps, o.team);
    await deps.db
      .transaction()
      .execute((trx) =>
        saveOrgUnit(
          trx,
          team.id,
          { key: o.key!, labelNl: o['label-nl']!, labelEn: o['label-en'] ?? o['label-nl']! },
          { kind: 'cli' },
        ),
      );
    process.stdout.write(`saved organisation unit ${o.key} in team ${team.key}\n`);
  },
};

const InviteArgs = z.object({
  email: z.email({ error: 'a valid --email is required' }),
  name: z.string().trim().min(1, { error: '--name is required' }),
  roles: z
    .array(z.enum(ROLES, { error: `--role must be one of ${ROLES.join(', ')}` }))
    .min(1, { error: '--role is required' }),
  lang: z.enum(['nl', 'en'], { error: '--lang must be nl or en' }),
});

export const usersInviteCommand: Command = {
  summary:
    'invite a staff member by e-mail: --email E --name N --role R[,R] [--lang nl|en] [--team KEY]',
  async run(deps, args) {
    const { options: o } = parseArgs(args, ['email', 'name', 'role', 'lang', 'team']);
    const parsed = InviteArgs.safeParse({
      email: o.email,
      name: o.name,
      roles: (o.role ?? '').split(',').filter(Boolean),
      lang: o.lang ?? 'nl',
    });
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    const team = await teamOf(deps, o.team);
    const { email, name, roles, lang } = parsed.data;
    const existing = await findUserByEmail(deps.db, email);
    const teamRow = await deps.db
      .selectFrom('team')
      .select('institution_id')
      .where('id', '=', team.id)
      .executeTakeFirstOrThrow();
    if (existing && existing.institution_id !== teamRow.institution_id)
      throw new Error(
        `${email} has an account of another institution; an account belongs to one institution (issue 22)`,
      );
    const token = await deps.db
      .transaction()
      .execute((trx) =>
        inviteUser(
          trx,
          team.id,
          { email, displayName: name, locale: lang, roles: roles as Role[] },
          { kind: 'cli' },
        ),
      );
    if (!token) {
      process.stdout.write(`${email} already has an account; roles in team ${team.key} added\n`);
      return;
    }
    await deps.mailer.send(
      renderMail('invitation', lang, email, {
        link: `${deps.config.baseUrl}/invite/${token}`,
        teamName: lang === 'nl' ? team.nameNl : team.nameEn,
        days: INVITE_DAYS,
      }),
    );
    process.stdout.write(`invitation sent to ${email}\n`);
  },
};

export const usersDeactivateCommand: Command = {
  summary: 'deactivate a staff account and end its sessions: --email E [--team KEY]',
  async run(deps, args) {
    const { options: o } = parseArgs(args, ['email', 'team']);
    if (!o.email) throw new Error('--email is required');
    const user = await findUserByEmail(deps.db, o.email);
    if (!user) throw new Error(`no user with e-mail ${o.email}`);
    const team = await teamOf(deps, o.team);
    await deps.db
      .transaction()
      .execute((trx) => deactivateUser(trx, team.id, user.id, { kind: 'cli' }));
    process.stdout.write(`deactivated ${o.email}\n`);
  },
};
