import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, defaultTeamId, PASSWORD } from './support/factories.js';
import { intakeFields, postMultipart } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ smtp: true });

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** Minimal RFC 5545 reading: unfold lines, then the properties of the one VEVENT. */
function parseIcs(text: string): Record<string, string> {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.filter(Boolean).at(-1)).toBe('END:VCALENDAR');
  const start = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return Object.fromEntries(
    lines
      .slice(start + 1, end)
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]),
  );
}

async function namedReport(lang: 'nl' | 'en' = 'nl') {
  const reporter = new TestClient(t.app, lang);
  await reporter.get('/melden');
  const fields = intakeFields(reporter, {
    anonymous: 'no',
    name: 'Noor Benoemd',
    contact: 'noor@example.test',
    narrative: 'Mijn leidinggevende 4d4d schreeuwt.',
  });
  expect((await postMultipart(reporter, '/melden', fields)).status).toBe(200);
  expect(reporter.lastHtml).not.toContain('data-testid="receipt"');
  const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!;
  expect(reporter.lastHtml).toContain('action="/melden/gesprek"'); // a named report: the choices at once, no code to save
  expect(reporter.lastHtml).not.toContain('action="/melden/afspraak"');
  await reporter.post('/melden/gesprek', { idempotencyKey: fields.idempotencyKey! });
  expect(reporter.lastHtml).toContain('action="/melden/afspraak"');
  return { reporter, reference, key: fields.idempotencyKey! };
}

describe('appointments', () => {
  it('takes a request after a named intake; the adviser confirms; a content-free notice links to a valid .ics', async () => {
    const { reporter, reference, key } = await namedReport();
    const res = await reporter.post('/melden/afspraak', {
      idempotencyKey: key,
      mode: 'online_meeting',
      location: 'online',
      slot1: `${NEXT_YEAR}-03-02T10:00`,
      slot2: `${NEXT_YEAR}-07-15 14:30`,
      slot3: '',
      email: 'noor@example.test',
    });
    expect(res.status).toBe(303); // post/redirect/get: a reload cannot request it twice
    expect((await reporter.follow(res)).status).toBe(200);
    expect(reporter.lastHtml).toContain('data-testid="appointment-requested"');

    const caseId = (
      await t.deps.db
        .selectFrom('case')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow()
    ).id;
    const adviser = await createStaff(t.deps, await defaultTeamId(t.deps), [
      'confidential_adviser',
    ]);
    const staff = new TestClient(t.app, 'en');
    await staff.signIn(adviser.email, PASSWORD);
    await staff.get(`/cases/${caseId}/messages`);
    const action = /action="(\/cases\/[0-9a-f-]+\/appointments\/[0-9a-f-]+\/confirm)"/.exec(
      staff.lastHtml,
    )![1]!;
    expect((await staff.post(action, { slot: '1' })).status).toBe(422);
    expect(staff.lastHtml).toContain('Fill in this field.');
    expect(
      (await staff.submit(action, { slot: '1', details: 'Teams-link volgt; kamer 2.14' })).status,
    ).toBe(200);
    expect(staff.lastHtml).toContain('The appointment has been confirmed.');

    for (let i = 0; i < 100 && t.smtp.messages.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(t.smtp.messages).toHaveLength(1);
    const mail = t.smtp.messages[0]!;
    const whole = `${mail.subject}\n${mail.text}`;
    for (const secret of ['Noor', '4d4d', reference, 'ntimidat', 'kamer 2.14'])
      expect(whole).not.toContain(secret);
    const link = /https?:\/\/[^\s]+\/afspraak\/[A-Za-z0-9_-]+\.ics/.exec(whole)?.[0];
    expect(link).toBeDefined();

    const ics = await new TestClient(t.app).get(new URL(link!).pathname);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const event = parseIcs(await ics.text());
    // 15 July 14:30 in Amsterdam (summer time, UTC+2) is 12:30 UTC; one hour long.
    expect(event.DTSTART).toBe(`${NEXT_YEAR}0715T123000Z`);
    expect(event.DTEND).toBe(`${NEXT_YEAR}0715T133000Z`);
    // The chosen place with its directions (in the reader's language), then the adviser's details.
    expect(event.LOCATION).toBe(
      'Online (Teams) — Je krijgt de link naar het Teams-gesprek bij de bevestiging. — Teams-link volgt\\; kamer 2.14',
    );
    expect(event.UID).toMatch(/@meldpunt$/);
    expect(event.SUMMARY).not.toContain('4d4d');

    expect(
      (await new TestClient(t.app).get('/afspraak/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status,
    ).toBe(404);
    await staff.get(`/cases/${caseId}/messages`);
    expect(staff.lastHtml).toContain('data-testid="appointment-location"');
    expect(staff.lastHtml).toContain('<strong>Online (Teams)</strong>'); // the adviser reads it in English
    const types = (
      await t.deps.db
        .selectFrom('audit_event')
        .select('type')
        .where('case_id', '=', caseId)
        .execute()
    ).map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'APPOINTMENT_REQUESTED',
        'APPOINTMENT_CONFIRMED',
        'NOTIFICATION_SENT',
      ]),
    );
  });

  it('rejects a request without a mode or time, or with a past or malformed time, in both languages', async () => {
    const { reporter, key } = await namedReport();
    const bad = {
      idempotencyKey: key,
      mode: '',
      slot1: '2001-01-01T10:00',
      slot2: '31-12-2030',
      slot3: '',
      email: 'geen-adres',
    };
    expect((await reporter.post('/melden/afspraak', bad)).status).toBe(422);
    for (const text of [
      'Maak een keuze.',
      'Vul een geldig moment in de toekomst in',
      'Vul een geldig e-mailadres in.',
      'href="#field-slot1"',
      'href="#field-mode"',
    ]) {
      expect(reporter.lastHtml).toContain(text);
    }
    const { reporter: en, key: enKey } = await namedReport('en');
    await en.post('/melden/afspraak', {
      ...bad,
      idempotencyKey: enKey,
      mode: 'phone',
      email: '',
      slot1: '',
      slot2: '',
    });
    expect(en.lastHtml).toContain('Propose at least one time.');
    expect(
      await t.deps.db
        .selectFrom('appointment')
        .select('id')
        .where('status', '=', 'requested')
        .execute(),
    ).toHaveLength(0);
  });

  it('refuses the follow-up steps to another browser that carries the idempotency key (issue 15 finding 1)', async () => {
    const { key, reference } = await namedReport();
    const other = new TestClient(t.app);
    await other.get('/melden');
    expect(
      (await other.post('/melden/bewaard', { idempotencyKey: key, saved: 'yes' })).status,
    ).toBe(404);
    await other.get('/melden');
    expect((await other.post('/melden/gesprek', { idempotencyKey: key })).status).toBe(404);
    await other.get('/melden');
    expect(
      (
        await other.post('/melden/afspraak', {
          idempotencyKey: key,
          mode: 'phone',
          slot1: '2099-03-02T10:00',
          slot2: '',
          slot3: '',
          email: '',
        })
      ).status,
    ).toBe(404);
    const ofCase = await t.deps.db
      .selectFrom('appointment')
      .innerJoin('case', 'case.id', 'appointment.case_id')
      .select('appointment.id')
      .where('case.reference', '=', reference)
      .execute();
    expect(ofCase).toHaveLength(0);
  });

  it('requires the "I have saved my code" step after an anonymous report', async () => {
    const reporter = new TestClient(t.app, 'en');
    await reporter.get('/melden');
    const fields = intakeFields(reporter);
    await postMultipart(reporter, '/melden', fields);
    expect(reporter.lastHtml).toContain('data-testid="receipt"');
    expect(
      (await reporter.post('/melden/bewaard', { idempotencyKey: fields.idempotencyKey! })).status,
    ).toBe(422);
    expect(reporter.lastHtml).toContain('Confirm that you have saved your code.');
    expect(
      (
        await reporter.post('/melden/bewaard', {
          idempotencyKey: fields.idempotencyKey!,
          saved: 'yes',
        })
      ).status,
    ).toBe(200);
    // Then a choice, not an appointment form: the mailbox, a conversation, or done (issue 18).
    expect(reporter.lastHtml).toContain(
      '<h1 class="utrecht-heading-1">What would you like to do now?</h1>',
    );
    expect(reporter.lastHtml).toContain('href="/postbus"');
    expect(reporter.lastHtml).toContain('action="/melden/gesprek"');
    expect(reporter.lastHtml).not.toContain('action="/melden/afspraak"');
    expect(
      (await reporter.post('/melden/gesprek', { idempotencyKey: fields.idempotencyKey! })).status,
    ).toBe(200);
    expect(reporter.lastHtml).toContain('action="/melden/afspraak"');
    expect(reporter.lastHtml.match(/<h[1-6][^>]*>Request a conversation</g)).toHaveLength(1); // one heading, not the h1 and an h2 again
  });

  it('refuses an unknown location with a clear error and keeps what the reporter entered', async () => {
    const { reporter, key, reference } = await namedReport();
    const res = await reporter.post('/melden/afspraak', {
      idempotencyKey: key,
      mode: 'in_person',
      location: 'mars_base',
      slot1: `${NEXT_YEAR}-04-01T09:30`,
      slot2: '',
      slot3: '',
      email: 'noor@example.test',
    });
    expect(res.status).toBe(422);
    expect(reporter.lastHtml).toContain('Deze locatie bestaat niet (meer).');
    expect(reporter.lastHtml).toContain('href="#field-location"');
    expect(reporter.lastHtml).toContain(`value="${NEXT_YEAR}-04-01T09:30"`); // the form is kept
    expect(reporter.lastHtml).toContain('value="noor@example.test"');
    expect(reporter.lastHtml).toMatch(/value="in_person"\s+checked/);
    // In person without a place: asked to choose.
    await reporter.post('/melden/afspraak', {
      idempotencyKey: key,
      mode: 'in_person',
      slot1: `${NEXT_YEAR}-04-01T09:30`,
    });
    expect(reporter.lastHtml).toContain('Kies waar je het gesprek wilt voeren.');
    const rows = await t.deps.db
      .selectFrom('appointment')
      .innerJoin('case', 'case.id', 'appointment.case_id')
      .select('appointment.id')
      .where('case.reference', '=', reference)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("lets the coordinator keep the team's locations; a new one is offered and lands on the .ics, a retired one is refused", async () => {
    const teamId = await defaultTeamId(t.deps);
    const coordinator = await createStaff(t.deps, teamId, ['safety_coordinator']);
    const adviser = await createStaff(t.deps, teamId, ['confidential_adviser']);
    const other = new TestClient(t.app, 'en');
    await other.signIn(adviser.email, PASSWORD);
    expect((await other.get('/team/locations')).status).toBe(403); // an adviser does not keep them

    const staff = new TestClient(t.app, 'en');
    await staff.signIn(coordinator.email, PASSWORD);
    await staff.get('/team/locations');
    // The seed's defaults: the city centre, Randwyck, online.
    for (const label of ['City centre (SSC)', 'Randwyck campus (PHS)', 'Online (Teams)'])
      expect(staff.lastHtml).toContain(label);
    expect(
      (
        await staff.submit('/team/locations', {
          key: 'bad key!',
          labelNl: 'X',
          labelEn: 'X',
          instructionsNl: '',
          instructionsEn: '',
        })
      ).status,
    ).toBe(422);
    expect(staff.lastHtml).toContain('Use 2 to 40 lower-case letters');
    await staff.get('/team/locations');
    await staff.submit('/team/locations', {
      key: 'tapijn',
      labelNl: 'Tapijnkazerne',
      labelEn: 'Tapijn barracks',
      instructionsNl: 'Tapijnkazerne 11, gebouw Y, tweede verdieping',
      instructionsEn: 'Tapijnkazerne 11, building Y, second floor',
      isActive: 'on',
    });
    await staff.get('/team/locations');
    await staff.submit('/team/locations', {
      key: 'randwyck',
      labelNl: 'Campus Randwyck (PHS)',
      labelEn: 'Randwyck campus (PHS)',
      instructionsNl: '',
      instructionsEn: '',
    }); // unticked: no longer offered
    const saved = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'MEETING_LOCATION_SAVED')
      .where('team_id', '=', teamId)
      .execute();
    expect(saved).toHaveLength(2);

    const { reporter, key, reference } = await namedReport('en');
    expect(reporter.lastHtml).toContain('Tapijn barracks');
    expect(reporter.lastHtml).not.toContain('value="randwyck"');
    await reporter.post('/melden/afspraak', {
      idempotencyKey: key,
      mode: 'in_person',
      location: 'randwyck',
      slot1: `${NEXT_YEAR}-05-04T11:00`,
    });
    expect(reporter.lastHtml).toContain('This location does not exist (any more).');
    const res = await reporter.post('/melden/afspraak', {
      idempotencyKey: key,
      mode: 'in_person',
      location: 'tapijn',
      slot1: `${NEXT_YEAR}-05-04T11:00`,
    });
    expect(res.status).toBe(303);
    const caseId = (
      await t.deps.db
        .selectFrom('case')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow()
    ).id;
    await other.get(`/cases/${caseId}/messages`);
    expect(other.lastHtml).toContain('<strong>Tapijn barracks</strong>');
    const action = /action="(\/cases\/[0-9a-f-]+\/appointments\/[0-9a-f-]+\/confirm)"/.exec(
      other.lastHtml,
    )![1]!;
    await other.submit(action, { slot: '0', details: 'Room 0.12' });
    const file = /href="(\/cases\/[0-9a-f-]+\/appointments\/[0-9a-f-]+\.ics)"/.exec(
      other.lastHtml,
    )![1]!;
    const ics = await other.get(file);
    const event = parseIcs(await ics.text());
    expect(event.LOCATION).toBe(
      'Tapijn barracks — Tapijnkazerne 11\\, building Y\\, second floor — Room 0.12',
    );
  });
});
