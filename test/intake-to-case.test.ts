import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

const NARRATIVE = 'Mijn begeleider Pietersen raakte mij aan tijdens het overleg op 12 maart.';

function intakeForm(client: TestClient, overrides: Record<string, string> = {}) {
  return {
    team: 'students',
    idempotencyKey: client.inputValue('idempotencyKey'),
    category: 'sexual_violence',
    subtype: 'physical',
    narrative: NARRATIVE,
    location: 'campus',
    reporterRole: 'student',
    accusedRole: 'staff',
    goal: 'advice',
    anonymous: 'yes',
    ...overrides,
  };
}

async function submitReport(overrides: Record<string, string> = {}) {
  const reporter = new TestClient(t.app);
  await reporter.get('/melden');
  const res = await reporter.post('/melden', intakeForm(reporter, overrides));
  expect(res.status).toBe(200);
  return {
    reference: /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)?.[1] ?? '',
    receipt: /data-testid="receipt">([^<]+)</.exec(reporter.lastHtml)?.[1],
    reporter,
  };
}

async function caseIdOf(reference: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom('case')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('public intake', () => {
  it('acknowledges an anonymous report with a reference and a one-time receipt code', async () => {
    const { reference, receipt } = await submitReport();
    expect(reference).toMatch(/^\d{4}-\d{4}$/);
    expect(receipt).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  });

  it('shows the same acknowledgement for a retried submission and stores the report once', async () => {
    const reporter = new TestClient(t.app);
    await reporter.get('/melden');
    const form = { ...intakeForm(reporter), _csrf: reporter.csrfToken() };
    await reporter.post('/melden', form);
    const first = reporter.lastHtml;
    await reporter.post('/melden', form);
    expect(/data-testid="receipt">([^<]+)</.exec(reporter.lastHtml)?.[1]).toBe(
      /data-testid="receipt">([^<]+)</.exec(first)?.[1],
    );
    const reference = /data-testid="reference">([^<]+)</.exec(first)![1]!;
    expect(/data-testid="reference">([^<]+)</.exec(reporter.lastHtml)?.[1]).toBe(reference);
    const rows = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('reference', '=', reference)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('rejects bad input of a full POST on the first question in error, in Dutch and in English, and stores nothing', async () => {
    const before = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [lang, choose, required] of [
      ['nl', 'Maak een keuze.', 'Vul dit veld in.'],
      ['en', 'Make a choice.', 'Fill in this field.'],
    ] as const) {
      const reporter = new TestClient(t.app, lang);
      await reporter.get('/melden');
      const res = await reporter.post(
        '/melden',
        intakeForm(reporter, { narrative: '  ', category: 'nonsense', anonymous: 'no' }),
      );
      expect(res.status).toBe(422);
      expect(reporter.lastHtml).toContain(choose);
      expect(reporter.lastHtml).toContain('href="#field-category"');
      expect(reporter.inputValue('step')).toBe('category');
      // Answering that question leads on to the next one in error.
      await reporter.post('/melden/vraag', {
        draft: reporter.inputValue('draft'),
        step: 'category',
        category: 'bullying',
        returnTo: 'check',
      });
      expect(reporter.inputValue('step')).toBe('narrative');
      expect(reporter.lastHtml).not.toContain('href="#field-narrative"');
      expect(
        (
          await reporter.post('/melden/vraag', {
            draft: reporter.inputValue('draft'),
            step: 'narrative',
            narrative: ' ',
            returnTo: 'check',
          })
        ).status,
      ).toBe(422);
      expect(reporter.lastHtml).toContain(required);
      expect(reporter.lastHtml).toContain('href="#field-narrative"');
    }
    const after = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('requires a name and contact for a named report and refuses a subtype of another category', async () => {
    const reporter = new TestClient(t.app, 'en');
    await reporter.get('/melden');
    await reporter.post('/melden', intakeForm(reporter, { anonymous: 'no' }));
    expect(reporter.inputValue('step')).toBe('contact');
    expect(reporter.lastHtml).toContain('Give your name and how we can reach you');
    await reporter.get('/melden');
    await reporter.post('/melden', intakeForm(reporter, { subtype: 'online_hate' }));
    expect(reporter.inputValue('step')).toBe('subtype');
    expect(reporter.lastHtml).toContain('This form does not belong to the chosen category.');
  });

  it('refuses a POST without a valid CSRF token and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('case')
            .select(({ fn }) => fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const reporter = new TestClient(t.app);
    await reporter.get('/melden');
    const form = intakeForm(reporter);
    const res = await reporter.post('/melden', { ...form, _csrf: 'forged' });
    expect(res.status).toBe(403);
    const missing = await new TestClient(t.app).post('/melden', { ...form, _csrf: '' });
    expect(missing.status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('confidentiality at rest', () => {
  it('keeps no plaintext of the narrative, the reporter or the receipt code in any column', async () => {
    const { receipt } = await submitReport({
      narrative: 'Uniek verhaal 7f3a over de practicumleider.',
    });
    await submitReport({
      anonymous: 'no',
      name: 'Marieke Uniekenaam',
      contact: 'marieke.uniek@example.test',
    });
    const { rows } = await (
      await import('kysely')
    ).sql<{ dump: string }>`
      SELECT string_agg(t::text, E'\n') AS dump FROM (
        SELECT row_to_json(c)::text AS t FROM "case" c
        UNION ALL SELECT row_to_json(p)::text FROM case_party p
        UNION ALL SELECT row_to_json(k)::text FROM case_key k
        UNION ALL SELECT row_to_json(a)::text FROM audit_event a
      ) x`.execute(t.deps.db);
    const dump = rows[0]!.dump;
    expect(dump).toContain('sexual_violence'); // the dump does contain the statistical columns
    for (const secret of [
      'Uniek verhaal 7f3a',
      'Marieke Uniekenaam',
      'marieke.uniek@example.test',
      receipt!,
      receipt!.replace(/-/g, ''),
    ]) {
      expect(dump).not.toContain(secret);
    }
  });
});

describe('the adviser inbox and case', () => {
  it('lets an adviser of the team see the report in the inbox and open it, and audits the read', async () => {
    const { reference } = await submitReport();
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = new TestClient(t.app);
    const login = await client.signIn(adviser.email, PASSWORD);
    expect(login.status).toBe(303);
    await client.get('/cases');
    expect(client.lastHtml).toContain(reference);
    const id = await caseIdOf(reference);
    const res = await client.get(`/cases/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(client.lastHtml).toContain(NARRATIVE);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'actor_user_id'])
      .where('case_id', '=', id)
      .execute();
    expect(events).toContainEqual({ type: 'CASE_VIEWED', actor_user_id: adviser.id });
  });

  it('refuses the case to a signed-out visitor, a support officer and an adviser of another team', async () => {
    const { reference } = await submitReport();
    const id = await caseIdOf(reference);

    const visitor = await new TestClient(t.app).get(`/cases/${id}`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toBe('/login');

    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const officerClient = new TestClient(t.app);
    await officerClient.signIn(officer.email, PASSWORD);
    expect((await officerClient.get(`/cases/${id}`)).status).toBe(403);
    await officerClient.get('/cases');
    expect(officerClient.lastHtml).not.toContain(reference);

    const otherTeam = await createTeam(t.deps, `staff-${Date.now()}`);
    const stranger = await createStaff(t.deps, otherTeam, [
      'confidential_adviser',
      'safety_coordinator',
    ]);
    const strangerClient = new TestClient(t.app);
    await strangerClient.signIn(stranger.email, PASSWORD);
    expect((await strangerClient.get(`/cases/${id}`)).status).toBe(404);
    await strangerClient.get('/cases');
    expect(strangerClient.lastHtml).not.toContain(reference);
    expect(strangerClient.lastHtml).not.toContain(NARRATIVE);

    const refusals = await t.deps.db
      .selectFrom('audit_event')
      .select('actor_user_id')
      .where('type', '=', 'CASE_ACCESS_REFUSED')
      .execute();
    expect(refusals.map((r) => r.actor_user_id)).toEqual(
      expect.arrayContaining([officer.id, stranger.id]),
    );
  });
});
