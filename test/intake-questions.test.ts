import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { saveOrgUnit } from '../src/server/admin/org-units.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff } from './support/factories.js';
import { jpegWithExif, postMultipart } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';
import { loadCaseContext } from '../src/server/cases/case-context.js';

const t = useTestApp();
let adviser: { id: string; email: string };

const ACCUSED_EMAIL = 'p.docent.uniek@example.test';
const NARRATIVE = 'De practicumdocent maakte 9d2b opmerkingen over mijn lichaam.';

/** The answer a reporter gives on each question page, by step. */
const ANSWERS: Record<string, Record<string, string>> = {
  behalf: { behalf: 'colleague' },
  category: { category: 'intimidation' },
  subtype: { subtype: 'sexual' },
  narrative: { narrative: NARRATIVE },
  when: { happenedDay: '', happenedMonth: '3', happenedYear: '2026' },
  location: { location: 'campus' },
  reporterRole: { reporterRole: 'phd' },
  gender: { gender: 'non_binary' },
  orgUnit: { orgUnit: 'LAW' },
  accusedRole: { accusedRole: 'staff' },
  accused: { accusedName: 'P. Docent', accusedUnit: 'LAW', accusedEmail: ACCUSED_EMAIL },
  goal: { goal: 'action' },
  anonymous: { anonymous: 'yes' },
  channel: { channel: 'mailbox' },
};

/** Posts one question page the way a browser without JavaScript does. */
async function answer(
  client: TestClient,
  fields: Record<string, string>,
  extra: Record<string, string> = {},
) {
  return client.post('/melden/vraag', {
    draft: client.inputValue('draft'),
    step: client.inputValue('step'),
    idempotencyKey: client.inputValue('idempotencyKey'),
    ...fields,
    ...extra,
  });
}

/** The question counter of each page the last walk saw. */
const counters: string[] = [];

/** Walks every question page from GET /melden to the check page; returns the steps seen. */
async function walk(client: TestClient, answers: Record<string, Record<string, string>>) {
  await client.get('/melden');
  const seen: string[] = [];
  counters.length = 0;
  for (let i = 0; i < 25 && client.inputValue('step'); i++) {
    const step = client.inputValue('step');
    seen.push(step);
    counters.push(/class="step-count">([^<]*)</.exec(client.lastHtml)?.[1] ?? '');
    const res = await answer(client, answers[step] ?? {});
    expect(res.status, `step ${step}`).toBe(200);
  }
  return seen;
}

beforeAll(async () => {
  await t.deps.db
    .transaction()
    .execute((trx) =>
      saveOrgUnit(
        trx,
        t.teamId,
        { key: 'LAW', labelNl: 'Rechten', labelEn: 'Law' },
        { kind: 'system' },
      ),
    );
  adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser'], 'Anna Adviseur');
});

describe('the intake as question pages, without JavaScript', () => {
  it('asks one thing at a time, shows every answer to check, and files the report with all of them', async () => {
    const client = new TestClient(t.app, 'en');
    const seen = await walk(client, { ...ANSWERS, adviser: { adviser: adviser.id } });
    expect(seen).toEqual([
      'behalf',
      'category',
      'subtype',
      'narrative',
      'when',
      'location',
      'reporterRole',
      'gender',
      'orgUnit',
      'accusedRole',
      'accused',
      'goal',
      'anonymous',
      'channel',
      'adviser',
    ]);
    expect(client.lastHtml).toContain('Check your answers before sending');
    const answers = /data-testid="answers">([\s\S]*?)<\/dl>/.exec(client.lastHtml)![1]!;
    // The counter only counts up, one per page, and promises no total that later answers would change (issue 18).
    expect(counters).toEqual(seen.map((_, i) => `Question ${i + 1}`));
    for (const shown of [
      'For a colleague or staff member',
      'Sexual intimidation',
      NARRATIVE,
      'March 2026',
      'What is the role of the person it happened to?',
      'PhD candidate',
      'Non-binary',
      'Law',
      ACCUSED_EMAIL,
      'Anna Adviseur',
      'Through messages in the mailbox',
    ]) {
      expect(answers).toContain(shown);
    }
    // No answer travels in plaintext between pages: only the sealed draft.
    expect(client.inputValue('draft')).not.toContain('colleague');

    const res = await postMultipart(
      client,
      '/melden',
      { draft: client.inputValue('draft'), idempotencyKey: client.inputValue('idempotencyKey') },
      [{ field: 'files', name: 'photo.jpg', type: 'image/jpeg', bytes: jpegWithExif() }],
    );
    expect(res.status).toBe(200);
    const reference = /data-testid="reference">([^<]+)</.exec(client.lastHtml)![1]!;
    expect(client.lastHtml).toMatch(/data-testid="receipt">[A-Z2-9-]{19}</);

    const row = await t.deps.db
      .selectFrom('case')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      via: 'staff_member',
      reporter_role: 'phd',
      reporter_gender: 'non_binary',
      org_unit_key: 'LAW',
      category: 'intimidation',
      subtype: 'sexual',
      accused_role: 'staff',
      reporter_goal: 'action',
      is_anonymous: true,
      preferred_channel: 'mailbox',
      preferred_adviser_id: adviser.id,
      assigned_adviser_id: adviser.id,
      form_version: 'intake-2026-12-05a',
    });
    const sealer = await loadCaseContext(t.deps.db, t.deps.keyring, row.id, { kind: 'system' });
    expect(sealer.openText(row.happened!, 'happened')).toBe('2026-03');
    const identifiers = await t.deps.db
      .selectFrom('accused_identifier')
      .select('kind')
      .where('case_id', '=', row.id)
      .orderBy('kind')
      .execute();
    expect(identifiers.map((i) => i.kind)).toEqual(['email', 'name_unit']);
    expect(
      await t.deps.db
        .selectFrom('case_attachment')
        .select('id')
        .where('case_id', '=', row.id)
        .execute(),
    ).toHaveLength(1);

    const { rows } = await sql<{ dump: string }>`
      SELECT string_agg(t, E'\n') AS dump FROM (
        SELECT row_to_json(c)::text AS t FROM "case" c UNION ALL SELECT row_to_json(p)::text FROM case_party p
        UNION ALL SELECT row_to_json(i)::text FROM accused_identifier i UNION ALL SELECT row_to_json(a)::text FROM audit_event a) x`.execute(
      t.deps.db,
    );
    // Whole strings: a 4-character marker would turn up by chance in hex-encoded ciphertext.
    for (const secret of [ACCUSED_EMAIL, 'P. Docent', NARRATIVE, '2026-03'])
      expect(rows[0]!.dump).not.toContain(secret);
  });

  it('lets the reporter change an answer from the check page and returns there', async () => {
    const client = new TestClient(t.app);
    await walk(client, ANSWERS);
    expect(client.lastHtml).toContain('<a href="/privacy/students">'); // the chosen team's privacy statement, before sending (issue 23)
    await client.post('/melden/vraag', {
      draft: client.inputValue('draft'),
      returnTo: 'check',
      edit: 'location',
    });
    expect(client.inputValue('step')).toBe('location');
    await answer(client, { location: 'online' }, { returnTo: 'check' });
    expect(client.lastHtml).toContain('Controleer je antwoorden');
    expect(/data-testid="answers">([\s\S]*?)<\/dl>/.exec(client.lastHtml)![1]).toContain('Online');

    // Choosing a named report from the check page asks for the contact details before returning.
    await client.post('/melden/vraag', {
      draft: client.inputValue('draft'),
      returnTo: 'check',
      edit: 'anonymous',
    });
    await answer(client, { anonymous: 'no' }, { returnTo: 'check' });
    expect(client.inputValue('step')).toBe('contact');
    await answer(
      client,
      { name: 'Noor Named', contact: 'noor@example.test' },
      { returnTo: 'check' },
    );
    expect(client.lastHtml).toContain('Controleer je antwoorden');
  });

  it('goes back a question without losing what was typed', async () => {
    const client = new TestClient(t.app);
    await client.get('/melden');
    await answer(client, { behalf: 'self' });
    await answer(client, { category: 'bullying' });
    expect(client.inputValue('step')).toBe('narrative'); // bullying has no subtypes
    await answer(client, { narrative: 'Half getypt verhaal' }, { nav: 'back' });
    expect(client.inputValue('step')).toBe('category');
    await answer(client, { category: 'bullying' });
    expect(client.lastHtml).toContain('Half getypt verhaal');
  });

  it('rejects a bad answer on its own page with a message linked to the field, in Dutch and English', async () => {
    const cases = [
      [
        'when',
        { happenedDay: '31', happenedMonth: '2', happenedYear: '2026' },
        '#field-happenedMonth',
        'Vul een geldige maand en een jaar in',
        'Enter a valid month and year',
      ],
      [
        'accused',
        { accusedEmail: 'geen-adres' },
        '#field-accusedEmail',
        'Vul een geldig e-mailadres in.',
        'Enter a valid e-mail address.',
      ],
      [
        'narrative',
        { narrative: '   ' },
        '#field-narrative',
        'Vul dit veld in.',
        'Fill in this field.',
      ],
      ['orgUnit', { orgUnit: 'NOPE' }, '#field-orgUnit', 'Maak een keuze.', 'Make a choice.'],
    ] as const;
    for (const [step, fields, anchor, nl, en] of cases) {
      for (const [lang, message] of [
        ['nl', nl],
        ['en', en],
      ] as const) {
        const client = new TestClient(t.app, lang);
        await walk(client, ANSWERS);
        await client.post('/melden/vraag', {
          draft: client.inputValue('draft'),
          returnTo: 'check',
          edit: step,
        });
        const res = await answer(client, fields, { returnTo: 'check' });
        expect(res.status, `${step} ${lang}`).toBe(422);
        expect(client.lastHtml).toContain(`href="${anchor}"`);
        expect(client.lastHtml).toContain(message);
      }
    }
  });

  it('refuses an anonymous reporter who wants to be e-mailed, and a choice of an adviser from elsewhere', async () => {
    const client = new TestClient(t.app, 'en');
    await walk(client, ANSWERS);
    await client.post('/melden/vraag', {
      draft: client.inputValue('draft'),
      returnTo: 'check',
      edit: 'channel',
    });
    expect((await answer(client, { channel: 'email' }, { returnTo: 'check' })).status).toBe(422);
    expect(client.lastHtml).toContain('For an anonymous report we cannot e-mail or call you.');
    await answer(client, { channel: 'in_person' }, { returnTo: 'check' });
    await client.post('/melden/vraag', {
      draft: client.inputValue('draft'),
      returnTo: 'check',
      edit: 'adviser',
    });
    expect(
      (
        await answer(
          client,
          { adviser: '00000000-0000-4000-8000-000000000000' },
          { returnTo: 'check' },
        )
      ).status,
    ).toBe(422);
  });

  it('takes a contact detail only as an e-mail address or a phone number, keeping what was typed (issue 18)', async () => {
    const client = new TestClient(t.app);
    await client.get('/melden');
    const answers: Record<string, Record<string, string>> = {
      ...ANSWERS,
      anonymous: { anonymous: 'no' },
    };
    for (let i = 0; i < 25 && client.inputValue('step') !== 'contact'; i++)
      await answer(client, answers[client.inputValue('step')] ?? {});
    expect((await answer(client, { name: 'Noor Benoemd', contact: 'bel me morgen' })).status).toBe(
      422,
    );
    expect(client.lastHtml).toContain(
      'Vul een e-mailadres in (zoals naam@voorbeeld.nl) of een telefoonnummer (zoals 06 12345678).',
    );
    expect(client.lastHtml).toContain('href="#field-contact"');
    expect(client.inputValue('contact')).toBe('bel me morgen');
    expect(client.inputValue('name')).toBe('Noor Benoemd');
    expect((await answer(client, { name: 'Noor Benoemd', contact: '06 1234 5678' })).status).toBe(
      200,
    );
    expect(client.inputValue('step')).toBe('channel');
  });

  it('opens a draft only in the browser that made it, and not once tampered with', async () => {
    const client = new TestClient(t.app, 'en');
    await walk(client, ANSWERS);
    const draft = client.inputValue('draft');
    const before = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();

    const other = new TestClient(t.app, 'en');
    await other.get('/melden');
    const res = await other.post('/melden', {
      draft,
      idempotencyKey: client.inputValue('idempotencyKey'),
    });
    expect(res.status).toBe(422);
    expect(other.lastHtml).toContain('Your answers have expired');

    const flipped = draft.slice(0, -2) + (draft.at(-2) === 'A' ? 'B' : 'A') + draft.slice(-1); // one character changed, always
    expect((await client.post('/melden', { draft: flipped })).status).toBe(422);
    const after = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
