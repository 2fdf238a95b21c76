import { findUserByEmail } from '../server/users/users.service.js';
import { resetSecondFactor } from '../server/recovery/second-factor-reset.service.js';
import { notifyAccountRecovered } from '../server/recovery/recovery.mail.js';
import { parseArgs } from './args.js';
import type { Command } from './commands.js';

/**
 * For the administrator who lost their second factor when no other administrator can reset it
 * (docs/decisions/018-account-recovery.md): the same reset as on the user page, audited as done
 * from the command line.
 */
export const usersResetTwoFactorCommand: Command = {
  summary: "remove a user's app, recovery codes and security keys, end their sessions: EMAIL",
  async run(deps, args) {
    const { positional } = parseArgs(args, []);
    const [email, extra] = positional;
    if (!email || extra !== undefined)
      throw new Error('give one e-mail address: users reset-two-factor EMAIL');
    const found = await findUserByEmail(deps.db, email);
    if (!found) throw new Error(`no user with e-mail ${email}`);
    const { user, removed } = await deps.db
      .transaction()
      .execute((trx) => resetSecondFactor(trx, found.id, { kind: 'cli' }));
    const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
    process.stdout.write(
      `reset two-factor sign-in of ${user.email}: removed ${removed.totp ? 'the authenticator app' : 'no authenticator app'}, ` +
        `${count(removed.recoveryCodes, 'unused recovery code')} and ${count(removed.keys, 'security key')}; ended ${count(removed.sessions, 'session')}\n`,
    );
    const mailed = await notifyAccountRecovered(deps, 'twoFactorReset', user);
    process.stdout.write(
      mailed
        ? 'the user has been told by e-mail\n'
        : 'the e-mail to the user could not be sent: tell them yourself\n',
    );
  },
};
