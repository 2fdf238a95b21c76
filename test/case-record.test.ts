import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { importCases } from '../src/server/imports/case-import.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { registrationForm, seedCase } from './support/case-helpers.js';
import {
  EXIF_SECRET,
  jpegWithExif,
  openMailbox,
  postMultipart,
  reportAnonymously,
} from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

const TODAY = '2026-03-10';
const t = useTestApp({ app: { today: () => TODAY } });

async function signedIn(
  roles: Parameters<typeof createStaff>[2],
  name = 'Adviser',
  lang: 'nl' | 'en' = 'en',
  team = t.teamId,
) {
  const staff = await createStaff(t.deps, team, roles, name);
  const client = new TestClient(t.app, lang);
  expect((await client.signIn(staff.email, PASSWORD)).status).toBe(303);
  return { ...staff, client };
}

async function auditOf(caseId: string, type: string) {
  return t.deps.db
    .selectFrom('audit_event')
    .select(['detail', 'actor_user_id'])
    .where('case_id', '=', caseId)
    .where('type', '=', type)
    .orderBy('id')
    .execute();
}

describe('documents and evidence on the case record', () => {
  it('lets the adviser add a file without its metadata, sealed, listed with the reporter’s evidence, kept from the reporter', async () => {
    const { receipt, reference } = await reportAnonymously(t.app, [
      { field: 'files', name: 'screenshot.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
    ]);
    const { id } = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const adviser = await signedIn(['confidential_adviser'], 'Dirk Documenten');
    const { client } = adviser;
    await client.get(`/cases/${id}`);
    expect((await client.post(`/cases/${id}/assign`, { adviserId: adviser.id })).status).toBe(303);

    await client.get(`/cases/${id}`);
    const res = await postMultipart(client, `/cases/${id}/documents`, {}, [
      { field: 'files', name: 'verslag-gesprek.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
    ]);
    expect(res.status).toBe(303);
    await client.get(`/cases/${id}`);
    expect(client.lastHtml).toContain('screenshot.jpg');
    expect(client.lastHtml).toContain('verslag-gesprek.jpg');
    expect(client.lastHtml).toContain('internal document');
    expect(client.lastHtml).toContain('from the reporter');

    const row = await t.deps.db
      .selectFrom('case_attachment')
      .selectAll()
      .where('case_id', '=', id)
      .where('staff_only', '=', true)
      .executeTakeFirstOrThrow();
    expect(row.uploaded_by_user_id).toBe(adviser.id);
    expect(row.file_name.includes(Buffer.from('verslag-gesprek'))).toBe(false);
    const href = new RegExp(`href="(/cases/${id}/files/${row.id})"`).exec(client.lastHtml)?.[1];
    expect(href).toBeDefined();
    const download = await client.get(href!);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(bytes.includes(Buffer.from(EXIF_SECRET))).toBe(false);
    const added = await auditOf(id, 'CASE_ATTACHMENT_ADDED');
    expect(added.at(-1)).toMatchObject({
      actor_user_id: adviser.id,
      detail: { attachmentId: row.id, staffOnly: true },
    });
    expect(
      (await auditOf(id, 'CASE_ATTACHMENT_DOWNLOADED')).map((a) => a.detail.attachmentId),
    ).toEqual([row.id]);

    // The reporter's mailbox lists their own evidence, not the team's document, and refuses its id.
    const mailbox = await openMailbox(t.app, receipt, 'en');
    await mailbox.client.get('/postbus/inbox');
    expect(mailbox.client.lastHtml).toContain('screenshot.jpg');
    expect(mailbox.client.lastHtml).not.toContain('verslag-gesprek');
    expect((await mailbox.client.get(`/postbus/bestanden/${row.id}`)).status).toBe(404);
  });

  it('refuses a file of the wrong kind or no file with a message at the field, and refuses staff who may not handle the case', async () => {
    const adviser = await signedIn(['confidential_adviser'], 'Fenna Fout');
    const { id } = await seedCase(t.deps, t.teamId);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviser.id })
      .where('id', '=', id)
      .execute();
    await adviser.client.get(`/cases/${id}`);
    expect(
      (
        await postMultipart(adviser.client, `/cases/${id}/documents`, {}, [
          {
            field: 'files',
            name: 'notes.txt',
            type: 'text/plain',
            bytes: Buffer.from('plain text'),
          },
        ])
      ).status,
    ).toBe(422);
    expect(adviser.client.lastHtml).toContain('href="#field-files"');
    expect(adviser.client.lastHtml).toContain('Choose a JPEG, PNG or PDF.');
    expect((await postMultipart(adviser.client, `/cases/${id}/documents`, {})).status).toBe(422);
    expect(adviser.client.lastHtml).toContain('Choose at least one file.');

    const colleague = await signedIn(['confidential_adviser'], 'Collega Zonder Zaak');
    await colleague.client.get('/cases');
    const refused = await postMultipart(colleague.client, `/cases/${id}/documents`, {}, [
      { field: 'files', name: 'x.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
    ]);
    expect(refused.status).toBe(403);
    expect(
      await t.deps.db
        .selectFrom('case_attachment')
        .select('id')
        .where('case_id', '=', id)
        .execute(),
    ).toHaveLength(0);
  });

  it('lists the documents in the case-file export and counts them in the audit', async () => {
    const { client, id: coordinatorId } = await signedIn(['safety_coordinator'], 'Exporteur');
    const { id } = await seedCase(t.deps, t.teamId);
    await client.get(`/cases/${id}`);
    expect(
      (
        await postMultipart(client, `/cases/${id}/documents`, {}, [
          { field: 'files', name: 'bijlage.jpg', type: 'image/jpeg', bytes: jpegWithExif() },
        ])
      ).status,
    ).toBe(303);
    await client.get(`/cases/${id}`);
    const body = new URLSearchParams({
      _csrf: client.csrfToken(),
      purpose: 'data_subject_request',
    });
    body.append('sections', 'documents');
    const res = await client.send(`/cases/${id}/export`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const [event] = await auditOf(id, 'CASE_EXPORTED');
    expect(event).toMatchObject({
      actor_user_id: coordinatorId,
      detail: { purpose: 'data_subject_request', sections: 'documents', documents: 1, contacts: 0 },
    });
  });
});

describe('the case record', () => {
  it('marks a task done, once, audited', async () => {
    const adviser = await signedIn(['confidential_adviser'], 'Tineke Taak');
    const { id } = await seedCase(t.deps, t.teamId);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviser.id })
      .where('id', '=', id)
      .execute();
    await adviser.client.get(`/cases/${id}`);
    expect(
      (
        await adviser.client.post(`/cases/${id}/tasks`, {
          title: 'Terugbellen',
          dueOn: '2026-03-12',
        })
      ).status,
    ).toBe(303);
    const task = await t.deps.db
      .selectFrom('case_task')
      .select(['id', 'done_at'])
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(task.done_at).toBeNull();
    await adviser.client.get(`/cases/${id}`);
    expect(adviser.client.lastHtml).toContain(`/cases/${id}/tasks/${task.id}/done`);
    expect((await adviser.client.post(`/cases/${id}/tasks/${task.id}/done`, {})).status).toBe(303);
    expect(
      (
        await t.deps.db
          .selectFrom('case_task')
          .select('done_at')
          .where('id', '=', task.id)
          .executeTakeFirstOrThrow()
      ).done_at,
    ).not.toBeNull();
    await adviser.client.get(`/cases/${id}`);
    expect(adviser.client.lastHtml).toContain('Terugbellen — done');
    expect(adviser.client.lastHtml).not.toContain(`/cases/${id}/tasks/${task.id}/done`);
    expect((await adviser.client.post(`/cases/${id}/tasks/${task.id}/done`, {})).status).toBe(404);
    expect((await auditOf(id, 'CASE_TASK_COMPLETED')).map((a) => a.detail)).toEqual([
      { taskId: task.id },
    ]);
  });

  it('changes the reporter’s goal, audited with before and after, and refuses an unknown goal', async () => {
    const { client } = await signedIn(['safety_coordinator'], 'Gerda Goal');
    const { id } = await seedCase(t.deps, t.teamId, { reporterGoal: 'advice' });
    await client.get(`/cases/${id}`);
    expect((await client.post(`/cases/${id}/goal`, { goal: 'nonsense' })).status).toBe(422);
    expect(client.lastHtml).toContain('href="#field-goal"');
    expect((await client.post(`/cases/${id}/goal`, { goal: 'action' })).status).toBe(303);
    expect(
      (
        await t.deps.db
          .selectFrom('case')
          .select('reporter_goal')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).reporter_goal,
    ).toBe('action');
    expect((await auditOf(id, 'CASE_GOAL_UPDATED')).map((a) => a.detail)).toEqual([
      { from: 'advice', to: 'action' },
    ]);
  });

  it('refuses a received date in the future at registration, and keeps nothing', async () => {
    const { client } = await signedIn(['confidential_adviser'], 'Rik Registratie');
    const before = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await client.get('/cases/new');
    const res = await client.post(
      '/cases/new',
      registrationForm({ team: t.teamId, receivedOn: '2026-03-11' }),
    );
    expect(res.status).toBe(422);
    expect(client.lastHtml).toContain('href="#field-receivedOn"');
    const after = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(
      (await client.post('/cases/new', registrationForm({ team: t.teamId, receivedOn: TODAY })))
        .status,
    ).toBe(303);
  });
});

describe('the inbox', () => {
  it('lets an adviser who cannot open a case declare a conflict of interest from its row, audited', async () => {
    const team = await createTeam(t.deps, `conflict-${Date.now()}`);
    const holder = await createStaff(t.deps, team, ['confidential_adviser'], 'Houder');
    const other = await signedIn(['confidential_adviser'], 'Olga Other', 'en', team);
    const { id, reference } = await seedCase(t.deps, team);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: holder.id })
      .where('id', '=', id)
      .execute();
    expect((await other.client.get(`/cases/${id}`)).status).toBe(403);

    await other.client.get('/cases');
    expect(other.client.lastHtml).toContain(reference);
    expect(other.client.lastHtml).toContain(`action="/cases/${id}/conflict"`);
    expect((await other.client.post(`/cases/${id}/conflict`, {})).status).toBe(303);
    const declared = await auditOf(id, 'CASE_CONFLICT_DECLARED');
    expect(declared).toEqual([{ actor_user_id: other.id, detail: { unassigned: false } }]);
    await other.client.get('/cases');
    expect(other.client.lastHtml).not.toContain(reference);
    expect(
      (
        await t.deps.db
          .selectFrom('case')
          .select('assigned_adviser_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).assigned_adviser_id,
    ).toBe(holder.id);

    const outsider = await signedIn(['confidential_adviser'], 'Buiten Team');
    await outsider.client.get('/cases');
    expect((await outsider.client.post(`/cases/${id}/conflict`, {})).status).toBe(404);
  });

  it('marks a case in escrow as dormant, in Dutch and English, and no other case', async () => {
    const team = await createTeam(t.deps, `escrow-${Date.now()}`);
    const dormant = await seedCase(t.deps, team, { narrative: 'Slapend geheim' });
    const woken = await seedCase(t.deps, team);
    const plain = await seedCase(t.deps, team);
    await t.deps.db
      .insertInto('pattern_escrow')
      .values([{ case_id: dormant.id }, { case_id: woken.id, state: 'matched' }])
      .execute();
    for (const [lang, word] of [
      ['en', 'dormant'],
      ['nl', 'slapend'],
    ] as const) {
      const { client } = await signedIn(['safety_coordinator'], `Coördinator ${lang}`, lang, team);
      await client.get('/cases');
      const rowOf = (ref: string) =>
        new RegExp(`<tr[ >](?:(?!</tr>).)*>${ref}</a>(?:(?!</tr>).)*</tr>`, 's').exec(
          client.lastHtml,
        )?.[0] ?? '';
      expect(rowOf(dormant.reference)).toContain(`(${word})`);
      expect(rowOf(woken.reference)).not.toContain('data-testid="dormant"');
      expect(rowOf(plain.reference)).not.toContain('data-testid="dormant"');
      expect(client.lastHtml).not.toContain('Slapend geheim');
    }
  });
});

describe('annual figures and imports', () => {
  it('does not count a support case for the accused as a report', async () => {
    const team = await createTeam(t.deps, `support-${Date.now()}`);
    const teamKey = (
      await t.deps.db
        .selectFrom('team')
        .select('key')
        .where('id', '=', team)
        .executeTakeFirstOrThrow()
    ).key;
    const reporterAdviser = await signedIn(['confidential_adviser'], 'Adviseur Melder', 'en', team);
    const accusedAdviser = await createStaff(
      t.deps,
      team,
      ['confidential_adviser'],
      'Adviseur Beklaagde',
    );
    const { id } = await seedCase(t.deps, team, { receivedOn: '2026-02-01' });
    await seedCase(t.deps, team, { receivedOn: '2026-02-02', category: 'stalking' });
    await reporterAdviser.client.get(`/cases/${id}`);
    expect(
      (await reporterAdviser.client.post(`/cases/${id}/assign`, { adviserId: reporterAdviser.id }))
        .status,
    ).toBe(303);
    await reporterAdviser.client.get(`/cases/${id}`);
    expect(
      (
        await reporterAdviser.client.post(`/cases/${id}/support-case`, {
          supportAdviserId: accusedAdviser.id,
          supportChannel: 'in_person',
        })
      ).status,
    ).toBe(303);
    const { n } = await t.deps.db
      .selectFrom('case')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('team_id', '=', team)
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(3); // the support case exists …

    const report = await getAnnualReport(t.deps.db, { year: 2026, teamKey, lang: 'en' });
    expect(report.total).toBe(2); // … but only the two reports count
    expect(report.byCategory.map((e) => [e.key, e.count])).toEqual([
      ['bullying', 1],
      ['stalking', 1],
    ]);
    expect(report.byChannel.reduce((sum, e) => sum + e.count, 0)).toBe(2);
  });

  it('gives imported open cases the team’s deadlines still ahead on the import day, and closed ones none to meet', async () => {
    const team = await createTeam(t.deps, `import-${Date.now()}`);
    const teamKey = (
      await t.deps.db
        .selectFrom('team')
        .select('key')
        .where('id', '=', team)
        .executeTakeFirstOrThrow()
    ).key;
    await t.deps.db
      .updateTable('team')
      .set({ ack_days: 5, feedback_days: 60 })
      .where('id', '=', team)
      .execute();
    const header =
      'reference,received_on,channel,via,reporter_role,reporter_gender,category,accused_role,follow_up,closed_on';
    const text = [
      header,
      'OPEN-1,2026-03-01,phone,self,student,female,bullying,student,,',
      'OPEN-OLD,2026-02-01,email,self,student,male,bullying,student,,',
      'CLOSED-1,2025-05-01,email,self,staff,male,stalking,staff,advice,2025-06-01',
    ].join('\n');
    expect(
      (await importCases(t.deps.db, t.deps.keyring, { text, teamKey, today: '2026-03-03' }))
        .imported,
    ).toBe(3);
    const rows = await t.deps.db
      .selectFrom('case')
      .select(['reference', 'status', 'ack_due_on', 'feedback_due_on', 'next_due_on'])
      .where('team_id', '=', team)
      .orderBy('reference')
      .execute();
    expect(rows).toEqual([
      {
        reference: 'CLOSED-1',
        status: 'closed',
        ack_due_on: null,
        feedback_due_on: null,
        next_due_on: null,
      },
      {
        reference: 'OPEN-1',
        status: 'received',
        ack_due_on: '2026-03-06',
        feedback_due_on: '2026-04-30',
        next_due_on: '2026-03-06',
      },
      // The acknowledgement term (5 days) ran out in the earlier system before the import; the feedback term (60 days) is still ahead.
      {
        reference: 'OPEN-OLD',
        status: 'received',
        ack_due_on: null,
        feedback_due_on: '2026-04-02',
        next_due_on: '2026-04-02',
      },
    ]);

    // The inbox's deadline view (on TODAY, a week after the import) finds the imported case whose term ran out since, as it would a registered one.
    const { client } = await signedIn(['safety_coordinator'], 'Import Coördinator', 'en', team);
    await client.get('/cases?deadline=overdue');
    expect(client.lastHtml).toContain('OPEN-1');
    expect(client.lastHtml).not.toContain('OPEN-OLD');
    expect(client.lastHtml).not.toContain('CLOSED-1');
  });
});

describe('team settings', () => {
  it('lets the administrator set the reminder lead days, the pattern threshold and the suppression threshold, validated and audited', async () => {
    const admin = await signedIn(['administrator'], 'Beheerder');
    const { client } = admin;
    await client.get(`/admin/teams/${t.teamId}`);
    expect(client.lastHtml).toContain('name="reminderLeadDays"');
    expect(client.lastHtml).toContain('name="patternThreshold"');
    expect(client.lastHtml).toMatch(
      /name="suppressionThreshold"[^>]*value="5"|value="5"[^>]*name="suppressionThreshold"/,
    );
    const form = {
      nameNl: 'Team Sociale Veiligheid',
      nameEn: 'Social Safety Team',
      ackDays: '7',
      feedbackDays: '90',
      retentionMonths: '60',
    };
    expect(
      (
        await client.post(`/admin/teams/${t.teamId}`, {
          ...form,
          reminderLeadDays: '3',
          patternThreshold: '1',
        })
      ).status,
    ).toBe(422);
    expect(client.lastHtml).toContain('href="#field-patternThreshold"');
    expect(
      (
        await client.post(`/admin/teams/${t.teamId}`, {
          ...form,
          reminderLeadDays: '',
          patternThreshold: '3',
        })
      ).status,
    ).toBe(422);
    expect(client.lastHtml).toContain('href="#field-reminderLeadDays"');
    for (const bad of ['0', '51', '']) {
      expect(
        (
          await client.post(`/admin/teams/${t.teamId}`, {
            ...form,
            reminderLeadDays: '3',
            patternThreshold: '4',
            suppressionThreshold: bad,
          })
        ).status,
      ).toBe(422);
      expect(client.lastHtml).toContain('href="#field-suppressionThreshold"');
    }
    expect(
      (
        await client.post(`/admin/teams/${t.teamId}`, {
          ...form,
          reminderLeadDays: '3',
          patternThreshold: '4',
          suppressionThreshold: '10',
        })
      ).status,
    ).toBe(303);
    const team = await t.deps.db
      .selectFrom('team')
      .select(['reminder_lead_days', 'pattern_threshold', 'suppression_threshold'])
      .where('id', '=', t.teamId)
      .executeTakeFirstOrThrow();
    expect(team).toEqual({
      reminder_lead_days: 3,
      pattern_threshold: 4,
      suppression_threshold: 10,
    });
    const { rows } = await sql<{
      detail: Record<string, unknown>;
    }>`SELECT detail FROM audit_event WHERE type = 'TEAM_UPDATED' AND actor_user_id = ${admin.id}`.execute(
      t.deps.db,
    );
    expect(rows.map((r) => r.detail)).toEqual([
      {
        ackDays: 7,
        feedbackDays: 90,
        retentionMonths: 60,
        reminderLeadDays: 3,
        patternThreshold: 4,
        suppressionThreshold: 10,
      },
    ]);
    await client.get(`/admin/teams/${t.teamId}`);
    expect(client.lastHtml).toMatch(
      /name="patternThreshold"[^>]*value="4"|value="4"[^>]*name="patternThreshold"/,
    );
  });
});
