import { describe, expect, it } from 'vitest';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { sendRightsReminders } from '../src/server/rights/rights-reminders.job.js';
import { ALL_JOBS } from '../src/server/jobs/all-jobs.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { openMailbox, postMultipart, reportAnonymously } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';
import { formatLongDate } from '../src/ui/dates.js';

const t = useTestApp({ smtp: true, env: { MELDPUNT_BASE_URL: 'https://meldpunt.example.test' } });

const auditTypes = async (caseId: string) =>
  (
    await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute()
  ).map((e) => e.type);

async function mailsTo(email: string, atLeast: number) {
  for (
    let i = 0;
    i < 100 && t.smtp.messages.filter((m) => JSON.stringify(m.to).includes(email)).length < atLeast;
    i++
  )
    await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
  return t.smtp.messages.filter((m) => JSON.stringify(m.to).includes(email));
}

/** An anonymous report with a receipt, its case id, and the reporter signed in to the mailbox. */
async function reporterWithCase(narrative: string, lang?: 'nl' | 'en') {
  const { receipt, reference } = await reportAnonymously(t.app, [], { narrative });
  const caseId = await caseIdOf(t.deps, reference);
  const { client } = await openMailbox(t.app, receipt, lang);
  await client.get('/postbus/inbox');
  return { receipt, reference, caseId, client };
}

describe('the reporter\u2019s rights from the mailbox', () => {
  it('downloads a readable file of what is held, named in the reporter\u2019s language, audited', async () => {
    const { reference, caseId, client } = await reporterWithCase(
      'Download verhaal r4k over de stage',
    );
    expect(
      (await postMultipart(client, '/postbus/berichten', { body: 'Bericht r4k van de melder' }))
        .status,
    ).toBe(303);
    const res = await client.get('/postbus/mijn-gegevens');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="mijn-melding-${reference}.txt"`,
    );
    const text = await res.text();
    expect(text).toContain('Download verhaal r4k over de stage');
    expect(text).toContain('Bericht r4k van de melder');
    expect(text).toContain('Je verhaal:');
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', caseId)
      .where('type', '=', 'REPORTER_DATA_EXPORTED')
      .execute();
    expect(events.map((e) => e.detail)).toEqual([{ format: 'text', via: 'mailbox' }]);

    const english = await openMailbox(
      t.app,
      (await reportAnonymously(t.app, [], { narrative: 'English r4k' })).receipt,
      'en',
    );
    await english.client.get('/postbus/inbox');
    const en = await english.client.get('/postbus/mijn-gegevens');
    expect(en.headers.get('content-disposition')).toMatch(/filename="my-report-[^"]+\.txt"/);
    expect(await en.text()).toContain('Your story:');
  });

  it('records a correction on the case; the adviser keeps or replaces the original, audited', async () => {
    const { caseId, client } = await reporterWithCase('Het gebeurde op dinsdag c7z');
    expect((await client.post('/postbus/correctie', { rightsCorrection: '' })).status).toBe(422);
    expect(client.lastHtml).toContain('href="#field-rightsCorrection"');
    await client.get('/postbus/inbox');
    expect(
      (
        await client.post('/postbus/correctie', {
          rightsCorrection: 'Het was woensdag c7z, niet dinsdag',
        })
      ).status,
    ).toBe(303);
    await client.get('/postbus/inbox');
    expect(client.lastHtml).toContain('data-testid="rights-requests"');

    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    const staff = coordinator.client;
    await staff.get(`/cases/${caseId}/rights`);
    const requestId = /\/rights\/requests\/([0-9a-f-]{36})/.exec(staff.lastHtml)?.[1];
    expect(requestId).toBeDefined();
    await staff.get(`/cases/${caseId}/rights/requests/${requestId}`);
    expect(staff.lastHtml).toContain('Het was woensdag c7z, niet dinsdag');
    // Granted without saying what happens to the original: refused with an error.
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/requests/${requestId}/decision`, {
          reason: 'request_founded',
        })
      ).status,
    ).toBe(422);
    // Replaced without a new text: refused too.
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/requests/${requestId}/decision`, {
          reason: 'request_founded',
          outcome: 'replaced',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/requests/${requestId}/decision`, {
          reason: 'request_founded',
          outcome: 'replaced',
          newText: 'Het gebeurde op woensdag c7z',
        })
      ).status,
    ).toBe(303);
    const file = await (await client.get('/postbus/mijn-gegevens')).text();
    expect(file).toContain('Het gebeurde op woensdag c7z');
    expect(file).not.toContain('Het gebeurde op dinsdag c7z');
    const row = await t.deps.db
      .selectFrom('rights_request')
      .select(['status', 'reason', 'outcome', 'decided_by'])
      .where('id', '=', requestId!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'granted',
      reason: 'request_founded',
      outcome: 'replaced',
      decided_by: coordinator.id,
    });
    expect(await auditTypes(caseId)).toEqual(
      expect.arrayContaining([
        'RIGHTS_REQUEST_RECORDED',
        'RIGHTS_REQUESTS_VIEWED',
        'RIGHTS_REQUEST_DECIDED',
        'CASE_NARRATIVE_CORRECTED',
      ]),
    );

    // Kept: the original stays, the correction is recorded beside it.
    await client.get('/postbus/inbox');
    await client.post('/postbus/correctie', { rightsCorrection: 'Ook de plaats klopt niet c7z' });
    const second = (
      await t.deps.db
        .selectFrom('rights_request')
        .select('id')
        .where('case_id', '=', caseId)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow()
    ).id;
    await staff.get(`/cases/${caseId}/rights/requests/${second}`);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/requests/${second}/decision`, {
          reason: 'request_founded',
          outcome: 'kept',
        })
      ).status,
    ).toBe(303);
    expect(await (await client.get('/postbus/mijn-gegevens')).text()).toContain(
      'Het gebeurde op woensdag c7z',
    );
    await client.get('/postbus/inbox');
    expect(client.lastHtml).toContain('Toegewezen: het verzoek is terecht'); // the reporter sees the decision and its ground
    await staff.get(`/cases/${caseId}/rights/requests/${second}`);
    expect(staff.lastHtml).toContain('Ook de plaats klopt niet c7z');
  });

  it('erasure: asked in the mailbox, decided by the coordinator only; content gone, statistics unchanged, audited', async () => {
    const { caseId, client, receipt } = await reporterWithCase('Wisverhaal e9q dat weg moet');
    expect(
      (await postMultipart(client, '/postbus/berichten', { body: 'Wisbericht e9q' })).status,
    ).toBe(303);
    await client.get('/postbus/inbox');
    expect((await client.post('/postbus/wissen', { erasureWhy: 'Ik wil verder e9q' })).status).toBe(
      422,
    ); // not confirmed
    expect(client.lastHtml).toContain('href="#field-erasureConfirm"');
    await client.get('/postbus/inbox');
    expect(
      (
        await client.post('/postbus/wissen', {
          erasureConfirm: 'yes',
          erasureWhy: 'Ik wil verder e9q',
        })
      ).status,
    ).toBe(303);
    await client.get('/postbus/inbox');
    expect(client.lastHtml).toContain('data-testid="erasure-pending"');
    const request = await t.deps.db
      .selectFrom('rights_request')
      .select(['id', 'due_on', 'requested_on'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();

    // The coordinator sees it with its legal term; an adviser cannot decide it.
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    await coordinator.client.get('/rights-requests');
    expect(coordinator.client.lastHtml).toContain(`/cases/${caseId}/rights/requests/${request.id}`);
    expect(coordinator.client.lastHtml).toContain(formatLongDate(request.due_on, 'nl')); // "3 maart 2026" (issue 19)
    const adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviser.id })
      .where('id', '=', caseId)
      .execute();
    await adviser.client.get(`/cases/${caseId}/rights/requests/${request.id}`);
    expect(adviser.client.lastHtml).not.toContain('/erasure"');
    expect(
      (
        await adviser.client.post(`/cases/${caseId}/rights/requests/${request.id}/erasure`, {
          reason: 'consent_withdrawn',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await adviser.client.post(`/cases/${caseId}/rights/requests/${request.id}/decision`, {
          reason: 'consent_withdrawn',
        })
      ).status,
    ).toBe(404);
    expect((await adviser.client.get('/rights-requests')).status).toBe(403);

    const year = Number(
      (
        await t.deps.db
          .selectFrom('case')
          .select('received_on')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).received_on.slice(0, 4),
    );
    const before = await getAnnualReport(t.deps.db, { year, lang: 'nl' });
    const casesBefore = (await t.deps.db.selectFrom('case').select('id').execute()).length;
    await coordinator.client.get(`/cases/${caseId}/rights/requests/${request.id}`);
    expect(
      (await coordinator.client.post(`/cases/${caseId}/rights/requests/${request.id}/erasure`, {}))
        .status,
    ).toBe(422); // a reason is required
    const erased = await coordinator.client.post(
      `/cases/${caseId}/rights/requests/${request.id}/erasure`,
      { reason: 'consent_withdrawn', note: 'Melder trekt zich terug' },
    );
    expect(erased.status).toBe(303);
    expect(erased.headers.get('location')).toBe('/rights-requests?notice=erased');

    // Content, keys, messages and the mailbox are gone; the statistical row and the figures stay.
    const row = await t.deps.db
      .selectFrom('case')
      .select(['summary', 'happened', 'receipt_hash', 'erased_at', 'status', 'category'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      summary: null,
      receipt_hash: null,
      status: 'closed',
      category: 'intimidation',
    });
    expect(row.erased_at).not.toBeNull();
    for (const table of ['case_key', 'case_message', 'case_party', 'reporter_session'] as const) {
      expect(
        await t.deps.db.selectFrom(table).select('case_id').where('case_id', '=', caseId).execute(),
        table,
      ).toHaveLength(0);
    }
    expect(await getAnnualReport(t.deps.db, { year, lang: 'nl' })).toEqual(before);
    expect((await t.deps.db.selectFrom('case').select('id').execute()).length).toBe(casesBefore);
    // The request's record stays, with its reason code; its free text went with the case.
    expect(
      await t.deps.db
        .selectFrom('rights_request')
        .select(['status', 'reason', 'details', 'decision_note'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'granted',
      reason: 'consent_withdrawn',
      details: null,
      decision_note: null,
    });
    expect(await auditTypes(caseId)).toEqual(
      expect.arrayContaining(['RIGHTS_REQUEST_RECORDED', 'RIGHTS_REQUEST_DECIDED', 'CASE_ERASED']),
    );
    // The reporter is signed out and the receipt no longer opens anything.
    expect((await client.get('/postbus/inbox')).status).toBe(303);
    expect((await openMailbox(t.app, receipt)).res.status).toBe(401);
    // The erased case no longer opens for anyone, as after retention; it left the open requests.
    expect((await coordinator.client.get(`/cases/${caseId}/rights`)).status).toBe(404);
    await coordinator.client.get('/rights-requests');
    expect(coordinator.client.lastHtml).not.toContain(request.id);
  });

  it('a reporter\u2019s mailbox reaches no other case\u2019s data', async () => {
    const victim = await reporterWithCase('Geheim slachtofferverhaal x1v');
    const file = await postMultipart(
      victim.client,
      '/postbus/berichten',
      { body: 'Geheim bericht x1v' },
      [
        {
          field: 'files',
          name: 'x1v.jpg',
          type: 'image/jpeg',
          bytes: (await import('./support/reporter-flow.js')).jpegWithExif(),
        },
      ],
    );
    expect(file.status).toBe(303);
    const victimFile = await t.deps.db
      .selectFrom('case_attachment')
      .select('id')
      .where('case_id', '=', victim.caseId)
      .executeTakeFirstOrThrow();
    const attacker = await reporterWithCase('Aanvallersverhaal x1v');

    const download = await (await attacker.client.get('/postbus/mijn-gegevens')).text();
    expect(download).toContain('Aanvallersverhaal x1v');
    expect(download).not.toContain('slachtoffer');
    expect(download).not.toContain('Geheim');
    expect((await attacker.client.get(`/postbus/bestanden/${victimFile.id}`)).status).toBe(404);
    // Case ids in the form or the query are ignored: requests land on the attacker's own case.
    await attacker.client.get('/postbus/inbox');
    expect(
      (
        await attacker.client.post(`/postbus/wissen?caseId=${victim.caseId}`, {
          erasureConfirm: 'yes',
          caseId: victim.caseId,
          id: victim.caseId,
        })
      ).status,
    ).toBe(303);
    expect(
      await t.deps.db
        .selectFrom('rights_request')
        .select('id')
        .where('case_id', '=', victim.caseId)
        .execute(),
    ).toHaveLength(0);
    expect(
      await t.deps.db
        .selectFrom('rights_request')
        .select('id')
        .where('case_id', '=', attacker.caseId)
        .execute(),
    ).toHaveLength(1);
    // The staff routes are not open to a mailbox session.
    expect((await attacker.client.get(`/cases/${victim.caseId}/rights`)).status).toBe(303);
    expect((await attacker.client.get(`/cases/${victim.caseId}/rights/reporter-data`)).status).toBe(
      303,
    );
    // Without a mailbox session nothing is downloaded.
    await attacker.client.post('/postbus/uitloggen', {});
    const gone = await attacker.client.get('/postbus/mijn-gegevens');
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/postbus');
  });
});

describe('requests through staff and the coordinator\u2019s reminders', () => {
  it('the reminders run as a listed job', () => {
    expect(ALL_JOBS.map((job) => job.name)).toContain('rights-reminders');
  });

  it('records a named reporter\u2019s request on their behalf, lists it with its term, and reminds the coordinators a week before', async () => {
    const { reference } = await submitReport(t.app, {
      anonymous: 'no',
      name: 'Noor Namelijk',
      contact: 'noor@example.test',
      narrative: 'Genoemd verhaal n2m',
    });
    const caseId = await caseIdOf(t.deps, reference);
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    const staff = coordinator.client;
    await staff.get(`/cases/${caseId}`);
    expect(staff.lastHtml).toContain(`href="/cases/${caseId}/rights"`);
    await staff.get(`/cases/${caseId}/rights`);
    expect(
      (await staff.post(`/cases/${caseId}/rights/requests`, { subject: 'reporter' })).status,
    ).toBe(422);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/requests`, {
          subject: 'reporter',
          kind: 'access',
          details: 'Per e-mail gevraagd n2m',
        })
      ).status,
    ).toBe(303);
    const request = await t.deps.db
      .selectFrom('rights_request')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      subject: 'reporter',
      kind: 'access',
      via: 'staff',
      status: 'open',
      recorded_by: coordinator.id,
    });
    // The legal term: one month from receipt; extended once by two more.
    const requested = new Date(`${request.requested_on}T00:00:00Z`);
    const oneMonth = new Date(
      Date.UTC(requested.getUTCFullYear(), requested.getUTCMonth() + 1, requested.getUTCDate()),
    )
      .toISOString()
      .slice(0, 10);
    expect(request.due_on).toBe(oneMonth);
    // The staff download is the reporter's readable file.
    const file = await staff.get(`/cases/${caseId}/rights/reporter-data`);
    expect(await file.text()).toContain('Noor Namelijk');

    const dayBefore = new Date(Date.parse(`${request.due_on}T09:00:00Z`) - 8 * 86_400_000);
    const weekBefore = new Date(Date.parse(`${request.due_on}T09:00:00Z`) - 7 * 86_400_000);
    await sendRightsReminders(t.deps, dayBefore);
    expect(
      (await mailsTo(coordinator.email, 0)).filter((m) => m.text?.includes(reference)),
    ).toHaveLength(0);
    await sendRightsReminders(t.deps, weekBefore);
    const about = (mails: { text?: string }[]) => mails.filter((m) => m.text?.includes(reference));
    const mails = about(await mailsTo(coordinator.email, 1));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/cases/${caseId}/rights`);
    expect(mails[0]!.text).not.toContain('n2m'); // content-free
    await sendRightsReminders(t.deps, new Date(weekBefore.getTime() + 3_600_000));
    expect(about(await mailsTo(coordinator.email, 1))).toHaveLength(1);
    expect(await auditTypes(caseId)).toContain('RIGHTS_REMINDER_SENT');

    await staff.get(`/cases/${caseId}/rights/requests/${request.id}`);
    expect(
      (await staff.post(`/cases/${caseId}/rights/requests/${request.id}/extend`, {})).status,
    ).toBe(303);
    const extended = await t.deps.db
      .selectFrom('rights_request')
      .select(['due_on', 'extended'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(extended).toEqual({
      extended: true,
      due_on: new Date(
        Date.UTC(requested.getUTCFullYear(), requested.getUTCMonth() + 3, requested.getUTCDate()),
      )
        .toISOString()
        .slice(0, 10),
    });
    expect(await auditTypes(caseId)).toContain('RIGHTS_REQUEST_EXTENDED');
  });
});

describe('the accused: information duty (art. 14) and their own requests', () => {
  it('a deferral needs a reason and a review date, and its reminder comes on that date', async () => {
    const { reference } = await submitReport(t.app, { narrative: 'Verhaal a14' });
    const caseId = await caseIdOf(t.deps, reference);
    const adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviser.id })
      .where('id', '=', caseId)
      .execute();
    const staff = adviser.client;
    await staff.get(`/cases/${caseId}/rights`);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/accused-information`, {
          state: 'deferred',
          reviewOn: '2030-01-15',
        })
      ).status,
    ).toBe(422);
    expect(staff.lastHtml).toContain('href="#field-reason"');
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/accused-information`, {
          state: 'deferred',
          reason: 'Melder is nog in gevaar a14',
        })
      ).status,
    ).toBe(422);
    expect(staff.lastHtml).toContain('href="#field-reviewOn"');
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/accused-information`, {
          state: 'deferred',
          reason: 'Melder is nog in gevaar a14',
          reviewOn: '2020-01-01',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/accused-information`, {
          state: 'deferred',
          reason: 'Melder is nog in gevaar a14',
          reviewOn: '2031-02-31',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/accused-information`, {
          state: 'informed',
          informedOn: '0000-01-01',
        })
      ).status,
    ).toBe(422);
    expect(
      await t.deps.db
        .selectFrom('accused_information')
        .select('case_id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toHaveLength(0);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/accused-information`, {
          state: 'deferred',
          reason: 'Melder is nog in gevaar a14',
          reviewOn: '2030-01-15',
        })
      ).status,
    ).toBe(303);
    await staff.get(`/cases/${caseId}/rights`);
    expect(staff.lastHtml).toContain('15 januari 2030');
    expect(staff.lastHtml).toContain('Melder is nog in gevaar a14');
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', caseId)
      .where('type', '=', 'ACCUSED_INFORMATION_RECORDED')
      .execute();
    expect(events.map((e) => e.detail)).toEqual([{ state: 'deferred', reviewOn: '2030-01-15' }]);

    await sendRightsReminders(t.deps, new Date('2030-01-14T09:00:00Z'));
    expect(await mailsTo(adviser.email, 0)).toHaveLength(0);
    await sendRightsReminders(t.deps, new Date('2030-01-15T09:00:00Z'));
    const mails = await mailsTo(adviser.email, 1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/cases/${caseId}/rights`);
    expect(mails[0]!.text).not.toContain('gevaar');
    await sendRightsReminders(t.deps, new Date('2030-01-16T09:00:00Z'));
    expect(await mailsTo(adviser.email, 1)).toHaveLength(1);

    // Informed later: the deferral and its reminder end.
    await staff.get(`/cases/${caseId}/rights`);
    expect(
      (
        await staff.post(`/cases/${caseId}/rights/accused-information`, {
          state: 'informed',
          informedOn: '2026-01-02',
        })
      ).status,
    ).toBe(303);
    expect(
      await t.deps.db
        .selectFrom('accused_information')
        .select(['informed_on', 'deferred_reason', 'review_on'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ informed_on: '2026-01-02', deferred_reason: null, review_on: null });
  });

  it('the accused\u2019s requests, recorded from their support case, are decided on the report; the support case sees what was disclosed, never what was withheld', async () => {
    const { reference } = await submitReport(t.app, { narrative: 'Verhaal over beklaagde b5t' });
    const caseId = await caseIdOf(t.deps, reference);
    const reporterAdviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    const accusedAdviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    const r = reporterAdviser.client;
    await r.get(`/cases/${caseId}`);
    expect(
      (await r.post(`/cases/${caseId}/assign`, { adviserId: reporterAdviser.id })).status,
    ).toBe(303);
    await r.get(`/cases/${caseId}`);
    expect(
      (
        await r.post(`/cases/${caseId}/support-case`, {
          supportAdviserId: accusedAdviser.id,
          supportChannel: 'in_person',
        })
      ).status,
    ).toBe(303);
    const support = (
      await t.deps.db
        .selectFrom('case')
        .select('id')
        .where('support_for_case_id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).id;
    await r.get(`/cases/${caseId}/rights`);
    await r.post(`/cases/${caseId}/rights/accused-information`, {
      state: 'deferred',
      reason: 'Onderzoek loopt nog b5t',
      reviewOn: '2030-02-01',
    });

    const a = accusedAdviser.client;
    expect((await a.get(`/cases/${caseId}/rights`)).status).toBe(403); // the other party's case stays closed
    await a.get(`/cases/${support}`);
    expect(a.lastHtml).toContain(`href="/cases/${support}/rights"`); // the support case links to the accused's side
    await a.get(`/cases/${support}/rights`);
    expect(a.lastHtml).toContain('1 februari 2030'); // deferred, with its review date …
    expect(a.lastHtml).not.toContain('Onderzoek loopt nog b5t'); // … but not the reason
    expect(
      (
        await a.post(`/cases/${support}/rights/requests`, {
          subject: 'reporter',
          kind: 'access',
          details: 'Beklaagde wil inzage b5t',
        })
      ).status,
    ).toBe(303);
    const request = await t.deps.db
      .selectFrom('rights_request')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ subject: 'accused', kind: 'access', via: 'staff' }); // the subject is the accused, whatever the form says
    expect(
      (
        await a.post(`/cases/${support}/rights/accused-information`, {
          state: 'informed',
          informedOn: '2026-01-02',
        })
      ).status,
    ).toBe(404);

    await r.get(`/cases/${caseId}/rights/requests/${request.id}`);
    expect(r.lastHtml).toContain('Beklaagde wil inzage b5t');
    expect(
      (
        await r.post(`/cases/${caseId}/rights/requests/${request.id}/decision`, {
          reason: 'request_founded',
          disclosed: 'Naam, functie en de klachtcategorie b5t',
          withheld: 'Datum en plaats: herleidbaar tot de melder b5t',
        })
      ).status,
    ).toBe(303);
    await a.get(`/cases/${support}/rights`);
    expect(a.lastHtml).toContain('Naam, functie en de klachtcategorie b5t');
    expect(a.lastHtml).not.toContain('herleidbaar tot de melder');
    expect(a.lastHtml).not.toContain('Verhaal over beklaagde');
    await r.get(`/cases/${caseId}/rights/requests/${request.id}`);
    expect(r.lastHtml).toContain('Datum en plaats: herleidbaar tot de melder b5t');
    expect(await auditTypes(caseId)).toEqual(
      expect.arrayContaining([
        'RIGHTS_REQUEST_RECORDED',
        'RIGHTS_REQUEST_DECIDED',
        'ACCUSED_INFORMATION_RECORDED',
      ]),
    );
  });
});
