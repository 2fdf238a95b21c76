import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles.js';
import { findTeam } from '../server/teams/teams.service.js';
import { createUser, findUserByEmail } from '../server/users/users.service.js';
import { isCommonPassword } from '../server/users/password-policy.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

const Input = z.object({
  email: z.email({ error: 'a valid --email is required' }),
  name: z.string().trim().min(1, { error: '--name is required' }).max(200),
  roles: z.array(z.enum(ROLES, { error: `--role must be one of ${ROLES.join(', ')}` })).min(1),
  password: z
    .string()
    .min(12, { error: 'the password (MELDPUNT_PASSWORD) needs at least 12 characters' }),
});

export const usersCreateCommand: Command = {
  summary:
    'create a staff account: --email E --name N --role R[,R] [--team KEY] (password from MELDPUNT_PASSWORD)',
  async run(deps, args) {
    const { options } = parseArgs(args, ['email', 'name', 'role', 'team']);
    const parsed = Input.safeParse({
      email: options.email,
      name: options.name,
      roles: (options.role ?? '').split(',').filter(Boolean),
      password: process.env.MELDPUNT_PASSWORD ?? '',
    });
    if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
    if (isCommonPassword(parsed.data.password))
      throw new Error(
        'the password (MELDPUNT_PASSWORD) is on the list of commonly breached passwords; choose another',
      );
    const team = await findTeam(deps.db, options.team);
    if (!team) throw new Error(`unknown team: ${options.team}`);
    if (await findUserByEmail(deps.db, parsed.data.email))
      throw new Error(`a user with e-mail ${parsed.data.email} already exists`);
    const roles = parsed.data.roles as Role[];
    const id = await deps.db.transaction().execute((trx) =>
      createUser(
        trx,
        {
          email: parsed.data.email,
          displayName: parsed.data.name,
          password: parsed.data.password,
          memberships: roles.map((role) => ({ teamId: team.id, role })),
        },
        { kind: 'cli' },
      ),
    );
    process.stdout.write(`created user ${id} (${roles.join(', ')} in team ${team.key})\n`);
  },
};
