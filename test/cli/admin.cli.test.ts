import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './cli-workspace.js';
import { buildAnnualFixtureCsv } from '../support/annual-fixture.js';

/**
 * The administration and backup commands of bin/meldpunt, run as an operator runs them: child
 * processes on a fresh data directory and a fresh database (test/support/database.ts).
 * Invitations go to a real SMTP server started here (so the child runs asynchronously).
 */
const PASSPHRASE = 'a long backup passphrase';
const KEYS_PASSPHRASE = 'another passphrase, for the keys';
const ws = useCliWorkspace({
  prefix: 'cli-admin',
  smtp: true,
  env: {
    MELDPUNT_BASE_URL: 'https://meldpunt.example',
    MELDPUNT_BACKUP_PASSPHRASE: PASSPHRASE,
    MELDPUNT_KEYS_PASSPHRASE: KEYS_PASSPHRASE,
  },
});
const meldpunt = (...args: string[]) => ws.run(args);
async function ok(...args: string[]): Promise<string> {
  const r = await meldpunt(...args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

async function refused(args: string[], reason: RegExp) {
  const r = await meldpunt(...args);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('bin/meldpunt teams, org-units, users and backup', { timeout: 300_000 }, () => {
  it('creates a team in a second institution, lists it, and refuses a duplicate key', async () => {
    expect(
      await ok(
        'teams',
        'create',
        '--key',
        'ccp',
        '--name-nl',
        'Centraal Contactpunt',
        '--name-en',
        'Central Contact Point',
        '--institution',
        'hs',
        '--institution-name',
        'Hogeschool',
      ),
    ).toBe('created team ccp\n');
    const list = await ok('teams', 'list');
    expect(list).toMatch(/^students\tdefault\t/m);
    expect(list).toMatch(
      /^ccp\ths\tCentraal Contactpunt\tack \d+d\tfeedback \d+d\tretention \d+m$/m,
    );
    await refused(
      ['teams', 'create', '--key', 'ccp', '--name-nl', 'X', '--name-en', 'X'],
      /^meldpunt: team ccp already exists\n$/,
    );
    // For one institution, the command sees that institution's teams only (row-level security).
    const hs = await ok('teams', 'list', '--as-institution', 'hs');
    expect(hs).toMatch(/^ccp\ths\t/m);
    expect(hs).not.toMatch(/^students\t/m);
    await refused(
      ['teams', 'list', '--as-institution', 'nope'],
      /^meldpunt: no institution nope\n$/,
    );
  });

  it('adds and renames an organisation unit of a team, and refuses an unknown team', async () => {
    expect(
      await ok('org-units', 'add', '--key', 'LAW', '--label-nl', 'Rechten', '--team', 'ccp'),
    ).toBe('saved organisation unit LAW in team ccp\n');
    await ok(
      'org-units',
      'add',
      '--key',
      'LAW',
      '--label-nl',
      'Rechtsgeleerdheid',
      '--label-en',
      'Law',
      '--team',
      'ccp',
    );
    await refused(
      ['org-units', 'add', '--key', 'LAW', '--label-nl', 'X', '--team', 'nope'],
      /^meldpunt: unknown team: nope\n$/,
    );
    const units = await ws.inspect((d) =>
      d.db
        .selectFrom('org_unit')
        .innerJoin('team', 'team.id', 'org_unit.team_id')
        .select(['team.key', 'org_unit.key as unit', 'org_unit.label_nl', 'org_unit.label_en'])
        .where('org_unit.key', '=', 'LAW')
        .execute(),
    );
    expect(units).toEqual([
      { key: 'ccp', unit: 'LAW', label_nl: 'Rechtsgeleerdheid', label_en: 'Law' },
    ]);
  });

  it('invites a staff member by e-mail in their language; gives an existing account the roles; deactivates it', async () => {
    expect(
      await ok(
        'users',
        'invite',
        '--email',
        'eva@uni.example',
        '--name',
        'Eva',
        '--role',
        'confidential_adviser,safety_coordinator',
        '--lang',
        'en',
        '--team',
        'ccp',
      ),
    ).toBe('invitation sent to eva@uni.example\n');
    const mail = ws.smtp.messages.find((m) => JSON.stringify(m.to).includes('eva@uni.example'));
    expect(mail?.subject).toBe('Invitation to the social safety reporting point');
    expect(mail?.text).toMatch(
      /Central Contact Point[\s\S]*https:\/\/meldpunt\.example\/invite\/[\w-]+/,
    );
    await refused(
      ['users', 'invite', '--email', 'x@uni.example', '--name', 'X', '--role', 'emperor'],
      /^meldpunt: --role must be one of /,
    );

    ws.env.MELDPUNT_PASSWORD = 'a password of sufficient length';
    await ok(
      'users',
      'create',
      '--email',
      'frank@uni.example',
      '--name',
      'Frank',
      '--role',
      'board',
      '--team',
      'ccp',
    );
    // ccp is another institution's team than the default one: an account belongs to one institution (issue 22)
    await refused(
      ['users', 'invite', '--email', 'frank@uni.example', '--name', 'Frank', '--role', 'board'],
      /^meldpunt: frank@uni\.example has an account of another institution/,
    );
    expect(
      await ok(
        'users',
        'invite',
        '--email',
        'frank@uni.example',
        '--name',
        'Frank',
        '--role',
        'support_officer',
        '--team',
        'ccp',
      ),
    ).toBe('frank@uni.example already has an account; roles in team ccp added\n');
    expect(await ok('users', 'deactivate', '--email', 'frank@uni.example', '--team', 'ccp')).toBe(
      'deactivated frank@uni.example\n',
    );
    await refused(
      ['users', 'deactivate', '--email', 'nobody@uni.example'],
      /^meldpunt: no user with e-mail nobody@uni.example\n$/,
    );
    const state = await ws.inspect(async (d) => ({
      invite: await d.db
        .selectFrom('setup_token')
        .select(['purpose', 'locale', 'role'])
        .where('email', '=', 'eva@uni.example')
        .executeTakeFirst(),
      frank: await d.db
        .selectFrom('app_user')
        .select('is_active')
        .where('email', '=', 'frank@uni.example')
        .executeTakeFirst(),
      frankRoles: await d.db
        .selectFrom('team_membership')
        .innerJoin('app_user', 'app_user.id', 'team_membership.user_id')
        .innerJoin('team', 'team.id', 'team_membership.team_id')
        .select(['team.key', 'team_membership.role'])
        .where('app_user.email', '=', 'frank@uni.example')
        .orderBy('team.key')
        .execute(),
      audit: (
        await d.db
          .selectFrom('audit_event')
          .select('type')
          .where('actor_kind', '=', 'cli')
          .orderBy('id')
          .execute()
      ).map((e) => e.type),
    }));
    expect(state.invite).toEqual({
      purpose: 'invite',
      locale: 'en',
      role: 'confidential_adviser,safety_coordinator',
    });
    expect(state.frank).toEqual({ is_active: false });
    expect(state.frankRoles).toContainEqual({ key: 'ccp', role: 'support_officer' });
    expect(state.audit).toEqual(
      expect.arrayContaining([
        'TEAM_CREATED',
        'ORG_UNIT_SAVED',
        'USER_INVITED',
        'USER_DEACTIVATED',
      ]),
    );
  });

  it('backup create → wipe the database → backup restore brings teams, users, cases and the audit chain back', async () => {
    fs.writeFileSync(path.join(ws.dir, 'cases.csv'), buildAnnualFixtureCsv());
    await ok('import', 'cases', 'cases.csv');
    const before = JSON.parse(await ok('report', 'annual', '--year', '2025', '--format', 'json'));
    expect(before.total).toBe(104);
    expect(await ok('backup', 'create', '--out', 'meldpunt.backup')).toMatch(
      /^backup written to meldpunt\.backup: \d+ tables, \d+ rows\n$/,
    );
    expect(
      fs
        .readFileSync(path.join(ws.dir, 'meldpunt.backup'))
        .includes(Buffer.from('frank@uni.example')),
    ).toBe(false); // encrypted
    expect(await ok('backup', 'keys', '--out', 'meldpunt.keys')).toMatch(
      /^key archive written to meldpunt\.keys: keep it apart/,
    );

    // The wipe: the whole data directory (database and keys), and on PostgreSQL the database.
    await ws.wipe();
    expect((await ok('teams', 'list')).includes('ccp')).toBe(false);
    await refused(['backup', 'restore', 'meldpunt.backup'], /add --yes to confirm/);
    ws.env.MELDPUNT_BACKUP_PASSPHRASE = 'not the right passphrase';
    await refused(['backup', 'restore', 'meldpunt.backup', '--yes'], /^meldpunt: .+/);
    expect((await ok('teams', 'list')).includes('ccp')).toBe(false);
    ws.env.MELDPUNT_BACKUP_PASSPHRASE = PASSPHRASE;
    await refused(
      ['backup', 'restore', 'meldpunt.backup', '--yes'],
      /do not open this backup .*restore with --keys FILE/,
    ); // the new installation's own keys
    expect(
      await ok('backup', 'restore', 'meldpunt.backup', '--yes', '--keys', 'meldpunt.keys'),
    ).toMatch(/^restored \d+ rows in \d+ tables from the backup of /);

    expect(await ok('teams', 'list')).toMatch(/^ccp\ths\tCentraal Contactpunt/m);
    expect(JSON.parse(await ok('report', 'annual', '--year', '2025', '--format', 'json'))).toEqual(
      before,
    );
    expect(await ok('audit', 'verify')).toMatch(/^audit chain intact: \d+ events\n$/);
    const frank = await ws.inspect((d) =>
      d.db
        .selectFrom('app_user')
        .select('is_active')
        .where('email', '=', 'frank@uni.example')
        .executeTakeFirst(),
    );
    expect(frank).toEqual({ is_active: false });
  });
});
