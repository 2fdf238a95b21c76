import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { loadKeyring } from '../src/server/crypto/keyring.js';
import { keysRotateBlindIndexCommand } from '../src/cli/blind-index.command.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();
let staffTeamId: string;
let coordinator: TestClient;
let coordinatorId: string;
let adviser: TestClient;
let adviserId: string;

async function submitReport(overrides: Record<string, string> = {}) {
  const reporter = new TestClient(t.app, 'en');
  await reporter.get('/melden');
  const res = await reporter.post('/melden', {
    team: 'students',
    idempotencyKey: reporter.inputValue('idempotencyKey'),
    category: 'intimidation',
    narrative: 'Een verhaal.',
    location: 'campus',
    reporterRole: 'student',
    accusedRole: 'staff',
    goal: 'register',
    anonymous: 'yes',
    ...overrides,
  });
  expect(res.status).toBe(200);
  const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!;
  const receipt = /data-testid="receipt">([^<]+)</.exec(reporter.lastHtml)?.[1];
  const row = await t.deps.db
    .selectFrom('case')
    .select('id')
    .where('reference', '=', reference)
    .where('team_id', '=', overrides.team === 'staff' ? staffTeamId : t.teamId)
    .executeTakeFirstOrThrow();
  return { id: row.id, reference, receipt, reporter };
}

const named = (contact: string) => ({ anonymous: 'no', name: 'Melder', contact });

/** Adding identifiers is for the case's adviser (or the coordinator): the helper assigns the case first when needed. */
async function addIdentifier(
  client: TestClient,
  caseId: string,
  kind: string,
  value: string,
  qualifier = '',
) {
  if (client === adviser)
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviserId })
      .where('id', '=', caseId)
      .where('assigned_adviser_id', 'is', null)
      .execute();
  await client.get(`/cases/${caseId}/identifiers`);
  return client.submit(`/cases/${caseId}/identifiers`, { kind, value, qualifier });
}

async function signInMailbox(receipt: string) {
  const client = new TestClient(t.app, 'en');
  await client.get('/postbus');
  const res = await client.post('/postbus', { receipt });
  expect(res.status).toBe(303);
  return client;
}

/** The coordinator's signal panels, as HTML fragments. */
async function signals(client = coordinator): Promise<string[]> {
  const res = await client.get('/patterns');
  expect(res.status).toBe(200);
  return client.lastHtml
    .split('<div class="panel" data-testid="pattern-signal">')
    .slice(1)
    .map((p) => p.split('</div>')[0]!);
}
const panelWith = (panels: string[], reference: string) =>
  panels.find((p) => p.includes(`>${reference}</a>`));

beforeAll(async () => {
  staffTeamId = await createTeam(t.deps, 'staff');
  const c = await createStaff(t.deps, t.teamId, ['safety_coordinator'], 'Coördinator');
  coordinatorId = c.id;
  coordinator = new TestClient(t.app, 'en');
  expect((await coordinator.signIn(c.email, PASSWORD)).status).toBe(303);
  const a = await createStaff(t.deps, t.teamId, ['confidential_adviser'], 'Adviseur A');
  adviserId = a.id;
  adviser = new TestClient(t.app, 'en');
  expect((await adviser.signIn(a.email, PASSWORD)).status).toBe(303);
});

describe('the pattern signal', () => {
  it('fires at the threshold of distinct reporters and not before; one named reporter counts once', async () => {
    const first = await submitReport(named('x.visser@student.uni.nl'));
    await addIdentifier(adviser, first.id, 'email', 'J.Jansen@uni.nl');
    const again = await submitReport(named(' X.Visser+meldpunt@Student.uni.nl'));
    expect((await addIdentifier(adviser, again.id, 'email', ' j.jansen@UNI.nl')).status).toBe(200);
    expect(panelWith(await signals(), first.reference)).toBeUndefined(); // two cases, one reporter

    const other = await submitReport();
    await addIdentifier(adviser, other.id, 'email', 'j.jansen+x@uni.nl');
    const panel = panelWith(await signals(), first.reference)!;
    expect(panel).toContain('3 cases from 2 distinct reporters concern the same person');
    expect(panel).toContain(
      'Named reporters: 1; anonymous reporters (counted apart, each mailbox once): 1.',
    );
    for (const r of [first, again, other]) expect(panel).toContain(`>${r.reference}</a>`);

    await t.deps.db
      .updateTable('team')
      .set({ pattern_threshold: 3 })
      .where('id', '=', t.teamId)
      .execute();
    try {
      expect(panelWith(await signals(), first.reference)).toBeUndefined();
      const fourth = await submitReport();
      await addIdentifier(adviser, fourth.id, 'email', 'J.JANSEN@uni.nl');
      expect(panelWith(await signals(), first.reference)).toContain(
        '4 cases from 3 distinct reporters concern the same person',
      );
    } finally {
      await t.deps.db
        .updateTable('team')
        .set({ pattern_threshold: 2 })
        .where('id', '=', t.teamId)
        .execute();
    }
  });

  it('matches a profile URL with the handle given by another reporter', async () => {
    const a = await submitReport();
    await addIdentifier(adviser, a.id, 'social', '@PPietersen_1', 'Instagram');
    const b = await submitReport();
    const mailbox = await signInMailbox(b.receipt!);
    await mailbox.get('/postbus/patroon');
    expect(
      (
        await mailbox.submit('/postbus/patroon', {
          kind: 'social',
          value: 'https://www.instagram.com/ppietersen_1/?hl=nl',
        })
      ).status,
    ).toBe(200);
    expect(panelWith(await signals(), a.reference)).toContain('2 cases from 2 distinct reporters');
  });

  it('refuses an unusable identifier with a message linked to the field', async () => {
    const a = await submitReport();
    const res = await addIdentifier(adviser, a.id, 'social', '@handle-without-platform');
    expect(res.status).toBe(422);
    expect(adviser.lastHtml).toContain('href="#field-value"');
    expect(adviser.lastHtml).toContain('give the platform with a handle');
  });
});

describe('escrow', () => {
  it('keeps an escrowed case dormant and unshared until a match, then tells the reporter, who decides', async () => {
    const escrowed = await submitReport();
    const mailbox = await signInMailbox(escrowed.receipt!);
    await mailbox.get('/postbus/patroon');
    await mailbox.submit('/postbus/patroon', { kind: 'person_number', value: 'p 765-4321' });
    await mailbox.submit('/postbus/patroon/wachten', { confirm: 'yes' });
    expect(mailbox.lastHtml).toContain(
      'Your report is dormant until someone else reports this person too.',
    );

    const sameReporterAgain = await t.deps.db
      .selectFrom('pattern_escrow')
      .select('state')
      .where('case_id', '=', escrowed.id)
      .executeTakeFirstOrThrow();
    expect(sameReporterAgain.state).toBe('dormant');
    await mailbox.get('/postbus/inbox');
    expect(mailbox.lastHtml).not.toContain('someone else has reported the same person');

    const other = await submitReport();
    await addIdentifier(adviser, other.id, 'person_number', 'P7654321');
    const state = await t.deps.db
      .selectFrom('pattern_escrow')
      .select(['state', 'notified_at'])
      .where('case_id', '=', escrowed.id)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('matched');
    expect(state.notified_at).not.toBeNull();
    // Nothing is shared before the reporter decides: the coordinator sees no signal with it.
    expect(panelWith(await signals(), escrowed.reference)).toBeUndefined();
    expect(panelWith(await signals(), other.reference)).toBeUndefined();

    await mailbox.get('/postbus/inbox');
    expect(mailbox.lastHtml).toContain('someone else has reported the same person as you');
    // The notice is the reporting point's own message (author 'system'), audited with actor kind system.
    expect(mailbox.lastHtml).toMatch(/<strong>The reporting point<\/strong>/);
    expect(mailbox.lastHtml).toContain('href="/postbus/patroon"');
    const notice = await t.deps.db
      .selectFrom('case_message')
      .select(['id', 'author', 'author_user_id'])
      .where('case_id', '=', escrowed.id)
      .executeTakeFirstOrThrow();
    expect([notice.author, notice.author_user_id]).toEqual(['system', null]);
    const sent = await t.deps.db
      .selectFrom('audit_event')
      .select(['actor_kind', 'actor_user_id'])
      .where('case_id', '=', escrowed.id)
      .where('type', '=', 'CASE_MESSAGE_SENT')
      .execute();
    expect(sent).toEqual([{ actor_kind: 'system', actor_user_id: null }]);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviserId })
      .where('id', '=', escrowed.id)
      .execute();
    expect((await adviser.get(`/cases/${escrowed.id}/messages`)).status).toBe(200);
    expect(adviser.lastHtml).toMatch(/<strong>The reporting point \(automatic message\)<\/strong>/);
    await mailbox.get('/postbus/patroon');
    expect(mailbox.lastHtml).toContain(
      'Someone else has reported the same person. Nothing has been shared yet',
    );
    await mailbox.submit('/postbus/patroon/besluit', { decision: 'release' });
    expect(mailbox.lastHtml).toContain('the reporting point can go ahead with your report');
    const panel = panelWith(await signals(), escrowed.reference);
    expect(panel).toContain('2 cases from 2 distinct reporters');
    expect(panel).toContain(`>${other.reference}</a>`);
  });

  it('a declined escrow stays out of the signal', async () => {
    const escrowed = await submitReport();
    const mailbox = await signInMailbox(escrowed.receipt!);
    await mailbox.get('/postbus/patroon');
    await mailbox.submit('/postbus/patroon/wachten', { confirm: 'yes' });
    await mailbox.submit('/postbus/patroon', {
      kind: 'name_unit',
      value: 'Gérard de Wit',
      qualifier: 'Faculteit Bètawetenschappen',
    });
    const other = await submitReport();
    await addIdentifier(
      adviser,
      other.id,
      'name_unit',
      'de wit, gerard',
      'faculteit betawetenschappen',
    );
    await mailbox.get('/postbus/patroon');
    await mailbox.submit('/postbus/patroon/besluit', { decision: 'decline' });
    expect(mailbox.lastHtml).toContain('your report stays dormant');
    expect(panelWith(await signals(), escrowed.reference)).toBeUndefined();
  });
});

describe('confidentiality', () => {
  it('shows an adviser no content of a case they are not assigned to, and the coordinator only references', async () => {
    const mine = await submitReport();
    const theirs = await submitReport({ narrative: 'Geheim verhaal 91b over de docent.' });
    const b = await createStaff(t.deps, t.teamId, ['confidential_adviser'], 'Adviseur B');
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviserId })
      .where('id', '=', mine.id)
      .execute();
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: b.id })
      .where('id', '=', theirs.id)
      .execute();
    await addIdentifier(adviser, mine.id, 'email', 'piet.puk@UNI.nl ');
    const adviserB = new TestClient(t.app, 'en');
    await adviserB.signIn(b.email, PASSWORD);
    await addIdentifier(adviserB, theirs.id, 'email', 'Piet.Puk+anders@uni.nl');

    await adviser.get(`/cases/${mine.id}/identifiers`);
    expect(adviser.lastHtml).toContain('piet.puk@UNI.nl');
    for (const secret of ['Piet.Puk+anders', theirs.reference, 'Geheim verhaal 91b'])
      expect(adviser.lastHtml).not.toContain(secret);
    expect((await adviser.get(`/cases/${theirs.id}/identifiers`)).status).toBe(403);
    expect((await adviser.get(`/cases/${theirs.id}`)).status).toBe(403);
    expect((await adviser.get('/patterns')).status).toBe(403);

    const panel = panelWith(await signals(), mine.reference)!;
    expect(panel).toContain(`>${theirs.reference}</a>`);
    for (const secret of ['piet.puk', 'Piet.Puk', 'Geheim verhaal 91b'])
      expect(coordinator.lastHtml).not.toContain(secret);
  });

  it('shows a cross-team match to both coordinators only as a count and a request to consult', async () => {
    const student = await submitReport();
    await addIdentifier(adviser, student.id, 'email', 'k.klaas@uni.nl');
    const staffCase = await submitReport({ team: 'staff', reporterRole: 'staff' });
    const staffCoordinator = await createStaff(t.deps, staffTeamId, ['safety_coordinator'], 'CCP');
    const staffClient = new TestClient(t.app, 'en');
    await staffClient.signIn(staffCoordinator.email, PASSWORD);
    await addIdentifier(staffClient, staffCase.id, 'email', 'K.Klaas@uni.nl');

    for (const [client, own, other] of [
      [coordinator, student, staffCase],
      [staffClient, staffCase, student],
    ] as const) {
      await client.get('/patterns');
      expect(client.lastHtml).toContain('Match with another team — please consult');
      expect(client.lastHtml).not.toContain(other.id); // no link to the other team's case
      const crossPanels = client.lastHtml
        .split('data-testid="pattern-cross-team">')
        .slice(1)
        .map((p) => p.split('</div>')[0]!);
      expect(crossPanels.length).toBeGreaterThan(0);
      for (const p of crossPanels) expect(p).not.toMatch(/href=|\d{4}-\d{4}/); // a count, no references
      expect(client.lastHtml).not.toContain('k.klaas');
      expect(panelWith(await signals(client), own.reference)).toBeUndefined(); // one case per team: no own-team signal
    }
    expect(staffClient.lastHtml).toContain(
      '1 report(s) of your team and 1 report(s) at Social Safety Team for students concern the same person',
    );
  });

  it('with the database alone, hashing a guessed e-mail or name does not find the index entry', async () => {
    const a = await submitReport();
    await addIdentifier(adviser, a.id, 'email', 'Guess.Me@uni.nl');
    await addIdentifier(adviser, a.id, 'name_unit', 'Guess Me', 'Rechten');
    const rows = await t.deps.db
      .selectFrom('accused_identifier')
      .select(['blind_index', 'key_id'])
      .where('case_id', '=', a.id)
      .execute();
    expect(rows).toHaveLength(2);
    const stored = new Set(rows.map((r) => r.blind_index.toString('hex')));
    const guesses = [
      'guess.me@uni.nl',
      'Guess.Me@uni.nl',
      'email:guess.me@uni.nl',
      'accused\0email:guess.me@uni.nl',
      'guess me|rechten',
      'name:guess me|rechten',
      'accused\0name:guess me|rechten',
      'Guess Me',
    ];
    const masterKeyId = (
      await t.deps.db
        .selectFrom('case_key')
        .select('master_key_id')
        .where('case_id', '=', a.id)
        .executeTakeFirstOrThrow()
    ).master_key_id;
    const guessableKeys = ['', 'secret', 'meldpunt', 'blind-index', rows[0]!.key_id, masterKeyId];
    for (const g of guesses) {
      expect(stored.has(crypto.createHash('sha256').update(g).digest('hex'))).toBe(false);
      for (const k of guessableKeys)
        expect(stored.has(crypto.createHmac('sha256', k).update(g).digest('hex'))).toBe(false);
    }
    // With the secret (outside the database) the entry is found: the check above could fail.
    expect(
      stored.has(
        crypto
          .createHmac('sha256', t.deps.keyring.blindIndexKey)
          .update('accused\0email:guess.me@uni.nl')
          .digest('hex'),
      ),
    ).toBe(true);
    // The secret itself and the plaintext are nowhere in the database.
    const { rows: dump } = await sql<{ t: string }>`
      SELECT string_agg(x::text, E'\n') AS t FROM (
        SELECT row_to_json(i)::text AS x FROM accused_identifier i
        UNION ALL SELECT row_to_json(f)::text FROM reporter_fingerprint f
        UNION ALL SELECT row_to_json(e)::text FROM audit_event e
        UNION ALL SELECT row_to_json(tm)::text FROM team tm) d`.execute(t.deps.db);
    for (const secret of [
      'guess.me',
      'Guess Me',
      t.deps.keyring.blindIndexKey.toString('hex'),
      t.deps.keyring.blindIndexKey.toString('base64'),
    ]) {
      expect(dump[0]!.t.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });
});

describe('audit', () => {
  it('records every pattern look-up and every read of identifiers', async () => {
    const a = await submitReport();
    const before = await t.deps.db
      .selectFrom('audit_event')
      .select(({ fn }) => fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await addIdentifier(adviser, a.id, 'email', 'audit.me@uni.nl');
    await coordinator.get('/patterns');
    const mailbox = await signInMailbox(a.receipt!);
    await mailbox.get('/postbus/patroon');
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'actor_kind', 'actor_user_id', 'case_id'])
      .where('id', '>', Number(before.id ?? 0))
      .execute();
    expect(events).toContainEqual({
      type: 'ACCUSED_IDENTIFIERS_ADDED',
      actor_kind: 'user',
      actor_user_id: adviserId,
      case_id: a.id,
    });
    expect(events).toContainEqual({
      type: 'ACCUSED_IDENTIFIERS_VIEWED',
      actor_kind: 'user',
      actor_user_id: adviserId,
      case_id: a.id,
    });
    expect(events).toContainEqual({
      type: 'PATTERNS_VIEWED',
      actor_kind: 'user',
      actor_user_id: coordinatorId,
      case_id: null,
    });
    expect(events).toContainEqual({
      type: 'ACCUSED_IDENTIFIERS_VIEWED',
      actor_kind: 'reporter',
      actor_user_id: null,
      case_id: a.id,
    });
  });
});

describe('key rotation', () => {
  it('re-computes the blind index under a new key; matching still works and the old key finds nothing', async () => {
    const a = await submitReport();
    await addIdentifier(adviser, a.id, 'email', 'rotate.me@uni.nl');
    const b = await submitReport();
    await addIdentifier(adviser, b.id, 'email', 'Rotate.Me@uni.nl');
    const oldKey = t.deps.keyring.blindIndexKey;
    const entry = (k: Buffer) =>
      crypto.createHmac('sha256', k).update('accused\0email:rotate.me@uni.nl').digest();
    const count = async (k: Buffer) =>
      (
        await t.deps.db
          .selectFrom('accused_identifier')
          .select('id')
          .where('blind_index', '=', entry(k))
          .execute()
      ).length;
    expect(await count(oldKey)).toBe(2);

    await keysRotateBlindIndexCommand.run(t.deps, []);
    const rotated = { ...t.deps, keyring: loadKeyring(t.deps.config) };
    expect(rotated.keyring.blindIndexKey.equals(oldKey)).toBe(false);
    expect(await count(oldKey)).toBe(0);
    expect(await count(rotated.keyring.blindIndexKey)).toBe(2);
    const keyIds = await t.deps.db
      .selectFrom('accused_identifier')
      .select('key_id')
      .distinct()
      .execute();
    expect(keyIds).toHaveLength(1);

    const client = new TestClient(createApp(rotated), 'en');
    const c = await createStaff(t.deps, t.teamId, ['safety_coordinator'], 'Coördinator 2');
    await client.signIn(c.email, PASSWORD);
    expect(panelWith(await signals(client), a.reference)).toContain(`>${b.reference}</a>`);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('type', '=', 'BLIND_INDEX_ROTATED')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
