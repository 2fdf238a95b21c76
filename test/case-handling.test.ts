import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { registrationForm, seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

const TODAY = '2026-03-10';
const t = useTestApp({ app: { today: () => TODAY } });

async function signedIn(
  roles: Parameters<typeof createStaff>[2],
  name = 'Adviser',
  lang: 'nl' | 'en' = 'en',
) {
  const staff = await createStaff(t.deps, t.teamId, roles, name);
  const client = new TestClient(t.app, lang);
  expect((await client.signIn(staff.email, PASSWORD)).status).toBe(303);
  return { ...staff, client };
}

async function auditTypes(caseId: string) {
  const rows = await t.deps.db
    .selectFrom('audit_event')
    .select('type')
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.type);
}

describe('from first contact to closing', () => {
  it('registers a phone report brought in by an association contact, assigns, logs contacts and a task, and closes it', async () => {
    const adviser = await signedIn(['confidential_adviser'], 'Anna Adviseur');
    const { client } = adviser;
    await client.get('/cases/new');
    const res = await client.post('/cases/new', {
      ...registrationForm({ team: t.teamId, preferredAdviserId: adviser.id }),
    });
    expect(res.status).toBe(303);
    const caseId = res.headers.get('location')!.split('/').pop()!;

    const row = await t.deps.db
      .selectFrom('case')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'staff',
      channel: 'phone',
      via: 'board_or_association_contact',
      registered_by: adviser.id,
      assigned_adviser_id: adviser.id,
      status: 'received',
    });

    await client.get(`/cases/${caseId}`);
    expect(client.lastHtml).toContain('Sanne Geheimnaam');
    for (const to of ['intake', 'in_progress']) {
      expect((await client.post(`/cases/${caseId}/status`, { to })).status).toBe(303);
      expect(
        (
          await t.deps.db
            .selectFrom('case')
            .select('status')
            .where('id', '=', caseId)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe(to);
    }
    for (const [occurredOn, notes, isFeedback] of [
      ['2026-03-03', 'Eerste gesprek: melder wil een gesprek met het bestuur.', ''],
      ['2026-03-09', 'Gesprek met bestuur gefaciliteerd; afspraken gemaakt.', 'yes'],
    ]) {
      await client.get(`/cases/${caseId}`);
      const r = await client.post(`/cases/${caseId}/contacts`, {
        occurredOn: occurredOn!,
        contactChannel: 'in_person',
        participants: 'Melder, vertrouwenspersoon',
        notes: notes!,
        ...(isFeedback ? { isFeedback } : {}),
      });
      expect(r.status).toBe(303);
    }
    await client.get(`/cases/${caseId}`);
    expect(
      (
        await client.post(`/cases/${caseId}/tasks`, {
          title: 'Nagaan of afspraken zijn nagekomen',
          dueOn: '2026-03-20',
        })
      ).status,
    ).toBe(303);
    await client.get(`/cases/${caseId}`);
    expect(client.lastHtml).toContain('Eerste gesprek: melder wil een gesprek met het bestuur.');
    expect(client.lastHtml).toContain('Nagaan of afspraken zijn nagekomen');

    const closed = await client.post(`/cases/${caseId}/status`, {
      to: 'closed',
      followUp: 'informal_intervention',
      closedOn: '2026-03-10',
    });
    expect(closed.status).toBe(303);
    const after = await t.deps.db
      .selectFrom('case')
      .select([
        'status',
        'follow_up',
        'closed_on',
        'acknowledged_on',
        'feedback_given_on',
        'next_due_on',
      ])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({
      status: 'closed',
      follow_up: 'informal_intervention',
      closed_on: '2026-03-10',
      acknowledged_on: '2026-03-03',
      feedback_given_on: '2026-03-09',
      next_due_on: null,
    });

    const report = await getAnnualReport(t.deps.db, { year: 2026, lang: 'en' });
    expect(report.byFollowUp.find((e) => e.key === 'informal_intervention')?.count).toBe(1);
    expect(report.byVia.find((e) => e.key === 'board_or_association_contact')?.count).toBe(1);

    const types = await auditTypes(caseId);
    expect(types.filter((t) => t === 'CASE_CONTACT_ADDED')).toHaveLength(2);
    expect(types).toEqual(
      expect.arrayContaining(['CASE_CREATED', 'CASE_ASSIGNED', 'CASE_TASK_ADDED', 'CASE_VIEWED']),
    );
    expect(types.filter((t) => t === 'CASE_STATUS_CHANGED')).toHaveLength(3);
  });

  it('keeps notes, participants, tasks and the third party sealed: no plaintext in any column', async () => {
    // Its own data (issue 15: run alone, this test used to pass on an empty database).
    const { client, id: adviserId } = await signedIn(['confidential_adviser'], 'Dirk Dumptest');
    await client.get('/cases/new');
    const res = await client.post('/cases/new', {
      ...registrationForm({ team: t.teamId, preferredAdviserId: adviserId }),
    });
    expect(res.status).toBe(303);
    const caseId = res.headers.get('location')!.split('/').pop()!;
    await client.get(`/cases/${caseId}`);
    expect(
      (
        await client.post(`/cases/${caseId}/contacts`, {
          occurredOn: '2026-03-04',
          contactChannel: 'in_person',
          participants: 'Melder, Dumpdeelnemer 6r2k',
          notes: 'Dumpnotitie 9q4v over het gesprek',
        })
      ).status,
    ).toBe(303);
    await client.get(`/cases/${caseId}`);
    expect(
      (
        await client.post(`/cases/${caseId}/tasks`, {
          title: 'Dumptaak 3h8n nabellen',
          dueOn: '2026-03-20',
        })
      ).status,
    ).toBe(303);
    await client.get(`/cases/${caseId}`);
    const secrets = [
      'Dumpnotitie 9q4v',
      'Dumpdeelnemer 6r2k',
      'Dumptaak 3h8n',
      'Kwadraat',
      'Sanne Geheimnaam',
      'betast',
    ];
    // The case page shows them, so their absence below means something.
    for (const secret of ['Dumpnotitie 9q4v', 'Dumptaak 3h8n', 'Sanne Geheimnaam', 'betast'])
      expect(client.lastHtml).toContain(secret);
    const { rows } = await sql<{ dump: string }>`
      SELECT string_agg(t, E'\n') AS dump FROM (
        SELECT row_to_json(x)::text AS t FROM case_contact x UNION ALL SELECT row_to_json(x)::text FROM case_task x
        UNION ALL SELECT row_to_json(x)::text FROM case_party x UNION ALL SELECT row_to_json(x)::text FROM "case" x
        UNION ALL SELECT row_to_json(x)::text FROM audit_event x UNION ALL SELECT row_to_json(x)::text FROM case_status_change x) s`.execute(
      t.deps.db,
    );
    expect(rows[0]!.dump).toContain(caseId);
    for (const secret of secrets) expect(rows[0]!.dump).not.toContain(secret);
  });

  it('refuses status changes outside the machine with a clear message, audits them, and reopens only with a reason', async () => {
    const { client } = await signedIn(['safety_coordinator'], 'Coco Coördinator');
    const { id } = await seedCase(t.deps, t.teamId);
    await client.get(`/cases/${id}`);
    const res = await client.post(`/cases/${id}/status`, { to: 'aftercare' });
    expect(res.status).toBe(422);
    expect(client.lastHtml).toContain('This status change is not allowed.');
    expect(client.lastHtml).toContain('href="#field-to"');
    const noFollowUp = await client.post(`/cases/${id}/status`, {
      to: 'closed',
      closedOn: '2026-03-01',
    });
    expect(noFollowUp.status).toBe(422);
    expect(client.lastHtml).toContain('Choose the follow-up to close the report.');
    expect(
      (
        await t.deps.db
          .selectFrom('case')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('received');

    expect(
      (
        await client.post(`/cases/${id}/status`, {
          to: 'closed',
          followUp: 'other',
          closedOn: '2026-03-01',
        })
      ).status,
    ).toBe(303);
    await client.get(`/cases/${id}`);
    expect((await client.post(`/cases/${id}/status`, { to: 'in_progress' })).status).toBe(422);
    expect(client.lastHtml).toContain('Give a reason to reopen the report.');
    expect(
      (
        await client.post(`/cases/${id}/status`, {
          to: 'in_progress',
          reason: 'Nieuw incident gemeld',
        })
      ).status,
    ).toBe(303);
    const row = await t.deps.db
      .selectFrom('case')
      .select(['status', 'follow_up', 'closed_on'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'in_progress', follow_up: null, closed_on: null });
    await client.get(`/cases/${id}`);
    expect(client.lastHtml).toContain('Nieuw incident gemeld');
    const refused = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', id)
      .where('type', '=', 'CASE_STATUS_CHANGE_REFUSED')
      .orderBy('id')
      .execute();
    expect(refused.map((r) => r.detail.error)).toEqual([
      'not_allowed',
      'follow_up_required',
      'reason_required',
    ]);
  });

  it('shows the Dutch message for a refused status change', async () => {
    const { client } = await signedIn(['safety_coordinator'], 'Coördinator NL', 'nl');
    const { id } = await seedCase(t.deps, t.teamId);
    await client.get(`/cases/${id}`);
    await client.post(`/cases/${id}/status`, { to: 'aftercare' });
    expect(client.lastHtml).toContain('Deze statuswijziging is niet toegestaan.');
  });
});

describe('one point of contact', () => {
  it('shuts out an adviser who declared a conflict of interest, and audits the attempt', async () => {
    const adviser = await signedIn(['confidential_adviser'], 'Conflicted Adviser');
    const { id, reference } = await seedCase(t.deps, t.teamId);
    await adviser.client.get(`/cases/${id}`);
    expect((await adviser.client.post(`/cases/${id}/conflict`, {})).status).toBe(303);
    expect((await adviser.client.get(`/cases/${id}`)).status).toBe(403);
    await adviser.client.get('/cases');
    expect(adviser.client.lastHtml).not.toContain(reference);
    const refusal = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', id)
      .where('type', '=', 'CASE_ACCESS_REFUSED')
      .where('actor_user_id', '=', adviser.id)
      .execute();
    expect(refusal).toHaveLength(1);
    expect(refusal[0]!.detail).toMatchObject({ conflict: true });
    expect(await auditTypes(id)).toContain('CASE_CONFLICT_DECLARED');

    const coordinator = await signedIn(['safety_coordinator'], 'Coordinator');
    await coordinator.client.get(`/cases/${id}`);
    const res = await coordinator.client.post(`/cases/${id}/assign`, { adviserId: adviser.id });
    expect(res.status).toBe(422);
    expect(coordinator.client.lastHtml).toContain('a conflict of interest');
    expect(
      (
        await t.deps.db
          .selectFrom('case')
          .select('assigned_adviser_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).assigned_adviser_id,
    ).toBeNull();
  });

  it('honours the reporter’s choice and needs a reason to pass it over or to reassign', async () => {
    const chosen = await createStaff(t.deps, t.teamId, ['confidential_adviser'], 'Chosen Adviser');
    const other = await createStaff(t.deps, t.teamId, ['confidential_adviser'], 'Other Adviser');
    const { client } = await signedIn(['safety_coordinator'], 'Coordinator 2');
    const { id } = await seedCase(t.deps, t.teamId, { preferredAdviserId: chosen.id });
    await client.get(`/cases/${id}`);
    expect((await client.post(`/cases/${id}/assign`, { adviserId: other.id })).status).toBe(422);
    expect(client.lastHtml).toContain('Give a reason for this assignment.');
    expect((await client.post(`/cases/${id}/assign`, { adviserId: chosen.id })).status).toBe(303);
    await client.get(`/cases/${id}`);
    expect((await client.post(`/cases/${id}/assign`, { adviserId: other.id })).status).toBe(422);
    expect(
      (
        await client.post(`/cases/${id}/assign`, {
          adviserId: other.id,
          assignReason: 'Langdurig ziek',
        })
      ).status,
    ).toBe(303);
    const history = await t.deps.db
      .selectFrom('case_assignment')
      .select(['adviser_id', 'reason'])
      .where('case_id', '=', id)
      .orderBy('assigned_at')
      .execute();
    expect(history.map((h) => [h.adviser_id, h.reason !== null])).toEqual([
      [chosen.id, false],
      [other.id, true],
    ]);
    const assigned = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', id)
      .where('type', '=', 'CASE_ASSIGNED')
      .orderBy('id')
      .execute();
    expect(assigned.map((a) => a.detail)).toEqual([
      { adviserId: chosen.id, previousAdviserId: null, hasReason: false },
      { adviserId: other.id, previousAdviserId: chosen.id, hasReason: true },
    ]);
  });

  it('opens a support case for the accused with a different adviser, who never also has the reporter’s case', async () => {
    const reporterAdviser = await signedIn(['confidential_adviser'], 'Reporter Adviser');
    const accusedAdviser = await signedIn(['confidential_adviser'], 'Accused Adviser');
    const { id } = await seedCase(t.deps, t.teamId);
    const { client } = reporterAdviser;
    await client.get(`/cases/${id}`);
    expect(
      (await client.post(`/cases/${id}/assign`, { adviserId: reporterAdviser.id })).status,
    ).toBe(303);
    await client.get(`/cases/${id}`);
    expect(
      (
        await client.post(`/cases/${id}/support-case`, {
          supportAdviserId: reporterAdviser.id,
          supportChannel: 'in_person',
        })
      ).status,
    ).toBe(422);
    expect(client.lastHtml).toContain('Choose an adviser other than the reporter’s.');
    expect(
      (
        await client.post(`/cases/${id}/support-case`, {
          supportAdviserId: accusedAdviser.id,
          supportChannel: 'in_person',
        })
      ).status,
    ).toBe(303);
    const support = await t.deps.db
      .selectFrom('case')
      .select(['id', 'assigned_adviser_id', 'summary'])
      .where('support_for_case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(support.assigned_adviser_id).toBe(accusedAdviser.id);

    // Neither adviser can open the other party's case, nor take it over.
    expect((await reporterAdviser.client.get(`/cases/${support.id}`)).status).toBe(403);
    expect((await accusedAdviser.client.get(`/cases/${id}`)).status).toBe(403);
    const coordinator = await signedIn(['safety_coordinator'], 'Coordinator 3');
    await coordinator.client.get(`/cases/${id}`);
    expect(
      (
        await coordinator.client.post(`/cases/${id}/assign`, {
          adviserId: accusedAdviser.id,
          assignReason: 'test',
        })
      ).status,
    ).toBe(422);
    expect(await auditTypes(id)).toContain('CASE_SUPPORT_CASE_CREATED');
  });

  it('links two cases of the team by reference', async () => {
    const { client } = await signedIn(['safety_coordinator'], 'Coordinator 4');
    const a = await seedCase(t.deps, t.teamId);
    const b = await seedCase(t.deps, t.teamId);
    await client.get(`/cases/${a.id}`);
    expect((await client.post(`/cases/${a.id}/links`, { reference: 'no-such-ref' })).status).toBe(
      422,
    );
    expect((await client.post(`/cases/${a.id}/links`, { reference: b.reference })).status).toBe(
      303,
    );
    await client.get(`/cases/${b.id}`);
    expect(client.lastHtml).toContain(`href="/cases/${a.id}"`);
  });
});

describe('the inbox', () => {
  it('pages with a keyset cursor and filters by view, status, category, year, deadline and reference', async () => {
    const otherTeam = await createTeam(t.deps, `inbox-${Date.now()}`);
    const me = await createStaff(t.deps, otherTeam, ['confidential_adviser'], 'Inbox Adviser');
    const client = new TestClient(t.app, 'en');
    await client.signIn(me.email, PASSWORD);
    const created = [];
    for (let i = 0; i < 55; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      created.push(
        await seedCase(t.deps, otherTeam, {
          receivedOn: i < 50 ? `2026-02-${day}` : `2025-06-${day}`,
          category: i % 5 === 0 ? 'stalking' : 'bullying',
        }),
      );
    }
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: me.id })
      .where(
        'id',
        'in',
        created.slice(0, 3).map((c) => c.id),
      )
      .execute();
    await t.deps.db
      .updateTable('case')
      .set({ status: 'intake' })
      .where('id', '=', created[4]!.id)
      .execute();

    const refs = (html: string) =>
      [...html.matchAll(/<a href="\/cases\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
    await client.get('/cases');
    const first = refs(client.lastHtml);
    expect(first).toHaveLength(50);
    const next = /<a href="([^"]+)" rel="next">/.exec(client.lastHtml)![1]!.replace(/&amp;/g, '&');
    await client.get(next);
    const second = refs(client.lastHtml);
    expect(second).toHaveLength(5);
    expect(new Set([...first, ...second]).size).toBe(55);

    await client.get('/cases?view=mine');
    expect(refs(client.lastHtml).sort()).toEqual(
      created
        .slice(0, 3)
        .map((c) => c.reference)
        .sort(),
    );
    await client.get('/cases?view=unassigned&year=2025');
    expect(refs(client.lastHtml).sort()).toEqual(
      created
        .slice(50)
        .map((c) => c.reference)
        .sort(),
    );
    await client.get('/cases?status=intake');
    expect(refs(client.lastHtml)).toEqual([created[4]!.reference]);
    await client.get('/cases?category=stalking&year=2026');
    expect(refs(client.lastHtml)).toHaveLength(10);
    await client.get(`/cases?q=${encodeURIComponent(created[7]!.reference)}`);
    expect(refs(client.lastHtml)).toEqual([created[7]!.reference]);
    // Acknowledgement deadlines (7 days) of all these lie before TODAY: all overdue, none due.
    await client.get('/cases?deadline=overdue');
    expect(refs(client.lastHtml)).toHaveLength(50);
    await client.get('/cases?deadline=due');
    expect(refs(client.lastHtml)).toHaveLength(0);
  });

  it('lets nobody outside the team register or see cases of the team', async () => {
    const officer = await signedIn(['support_officer'], 'Officer');
    expect((await officer.client.get('/cases/new')).status).toBe(403);
  });
});

describe('case-file export', () => {
  it('returns a PDF of the chosen sections and records what was included', async () => {
    const { client } = await signedIn(['safety_coordinator'], 'Exporter');
    const { id } = await seedCase(t.deps, t.teamId, {
      isAnonymous: false,
      reporter: { name: 'Exportnaam', contact: 'x@example.test' },
    });
    await client.get(`/cases/${id}`);
    await client.post(`/cases/${id}/contacts`, {
      occurredOn: '2026-03-05',
      contactChannel: 'phone',
      participants: 'Melder',
      notes: 'Telefonisch contact',
    });
    await client.get(`/cases/${id}`);
    // A data-subject request: to the reporter themself, no consent needed (a handover needs one: test/sharing-consent.test.ts).
    const body = new URLSearchParams({
      _csrf: client.csrfToken(),
      purpose: 'data_subject_request',
    });
    body.append('sections', 'details');
    body.append('sections', 'contacts');
    const res = await client.send(`/cases/${id}/export`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const event = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', id)
      .where('type', '=', 'CASE_EXPORTED')
      .executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({
      purpose: 'data_subject_request',
      sections: 'contacts,details',
      contacts: 1,
      tasks: 0,
      documents: 0,
    });

    const none = new URLSearchParams({ _csrf: client.csrfToken(), purpose: 'handover' });
    const refused = await client.send(`/cases/${id}/export`, {
      method: 'POST',
      body: none,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(422);
  });
});
