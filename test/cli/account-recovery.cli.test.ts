import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './cli-workspace.js';
import { createApp } from '../../src/server/app.js';
import { confirmEnrolment, getEnrolmentSecret } from '../../src/server/auth/two-factor.service.js';
import { timeStep, totpCode } from '../../src/server/auth/totp.js';
import { TestClient } from '../support/http-client.js';

/**
 * `bin/meldpunt users reset-two-factor EMAIL` (docs/decisions/018-account-recovery.md), run as
 * an operator runs it for the last administrator who lost their second factor: a child process
 * on a fresh data directory and a fresh database (test/support/database.ts), the
 * user told by a real local SMTP server.
 */
const EMAIL = 'last.admin@uni.example';
const PASSWORD = 'a password of sufficient length';
const ws = useCliWorkspace({
  prefix: 'cli-recovery',
  smtp: true,
  env: { MELDPUNT_BASE_URL: 'https://meldpunt.example', MELDPUNT_PASSWORD: PASSWORD },
});
const meldpunt = (...args: string[]) => ws.run(args);

describe('bin/meldpunt users reset-two-factor', { timeout: 300_000 }, () => {
  it('resets the second factor of the last administrator, who then enrols again; an unknown address is named', async () => {
    const created = await meldpunt(
      'users',
      'create',
      '--email',
      EMAIL,
      '--name',
      'Last Admin',
      '--role',
      'administrator,safety_coordinator',
    );
    expect(created.status).toBe(0);
    const userId = await ws.inspect(async (deps) => {
      const user = await deps.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', EMAIL)
        .executeTakeFirstOrThrow();
      const secret = (await getEnrolmentSecret(deps.db, deps.keyring, user.id))!;
      await confirmEnrolment(
        deps.db,
        deps.keyring,
        user.id,
        totpCode(secret, timeStep(new Date())),
      );
      await deps.db
        .insertInto('webauthn_credential')
        .values({ user_id: user.id, credential_id: 'lost-key', public_key: Buffer.from('key') })
        .execute();
      await deps.db.updateTable('institution').set({ require_two_factor: true }).execute();
      // Locked out: the password opens only the second-factor page.
      const client = new TestClient(createApp(deps));
      expect((await client.signIn(EMAIL, PASSWORD)).headers.get('location')).toBe(
        '/login/two-factor',
      );
      return user.id;
    });

    const reset = await meldpunt('users', 'reset-two-factor', EMAIL.toUpperCase());
    expect(reset.stderr).toBe('');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toBe(
      `reset two-factor sign-in of ${EMAIL}: removed the authenticator app, 10 unused recovery codes and 1 security key; ended 1 session\nthe user has been told by e-mail\n`,
    );
    const mail = ws.smtp.messages.find((m) => JSON.stringify(m.to).includes(EMAIL));
    expect(mail?.subject).toBe('Uw tweestapsverificatie is gereset');
    expect(mail?.text).toContain('https://meldpunt.example/login');

    await ws.inspect(async (deps) => {
      for (const table of [
        'user_totp',
        'recovery_code',
        'webauthn_credential',
        'session',
      ] as const) {
        expect(
          await deps.db.selectFrom(table).select('user_id').where('user_id', '=', userId).execute(),
          table,
        ).toEqual([]);
      }
      const events = await deps.db
        .selectFrom('audit_event')
        .select(['actor_kind', 'actor_user_id', 'detail'])
        .where('type', '=', 'TWO_FACTOR_RESET')
        .execute();
      expect(events).toEqual([
        {
          actor_kind: 'cli',
          actor_user_id: null,
          detail: { userId, totp: true, recoveryCodes: 10, keys: 1, sessions: 1 },
        },
      ]);
      const client = new TestClient(createApp(deps));
      expect((await client.signIn(EMAIL, PASSWORD)).headers.get('location')).toBe(
        '/login/two-factor/enrol',
      );
    });

    const unknown = await meldpunt('users', 'reset-two-factor', 'nobody@uni.example');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('meldpunt: no user with e-mail nobody@uni.example\n');
    const missing = await meldpunt('users', 'reset-two-factor');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      'meldpunt: give one e-mail address: users reset-two-factor EMAIL\n',
    );
    expect((await meldpunt('help')).stdout).toMatch(
      /users reset-two-factor\s+remove a user's app, recovery codes and security keys/,
    );
  });
});
