import { beforeAll, describe, expect, it } from 'vitest';
import { grantConsent } from '../src/server/consent/consent.service.js';
import { ALL_JOBS } from '../src/server/jobs/all-jobs.js';
import { sendThreatCheckinReminders } from '../src/server/threats/checkin-reminders.job.js';
import sharp from 'sharp';
import { noisePng } from './support/images.js';
import { postMultipart } from './support/reporter-flow.js';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ smtp: true, app: { today: () => '2026-11-23' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;
let expert: Awaited<ReturnType<typeof signedInStaff>>;
let comms: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
  expert = await signedInStaff(t.deps, t.app, ['expert_team_member'], 'Expert');
  comms = await signedInStaff(t.deps, t.app, ['support_officer'], 'Communications officer');
});

const threatCase = () =>
  reportStalking(t.deps, t.app, { category: 'threat', subtype: 'after_media_appearance' });
const referenceOf = async (caseId: string) =>
  (
    await t.deps.db
      .selectFrom('case')
      .select('reference')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).reference;
const mailsAbout = (reference: string) =>
  t.smtp.messages.filter((m) => (m.text ?? '').includes(reference));

describe('periodic check-ins after threats', () => {
  it('is a registered job', () => {
    expect(ALL_JOBS.map((j) => j.name)).toContain('threat-checkin-reminders');
  });

  it('reminds the adviser exactly once per check-in date, without content; a recorded check-in sets the next date', async () => {
    const caseId = await threatCase();
    const reference = await referenceOf(caseId);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: coordinator.id })
      .where('id', '=', caseId)
      .execute();
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/threats`);
    expect(
      (
        await client.post(`/cases/${caseId}/threats/support`, {
          statementStatus: 'requested',
          otherEmployers: 'Ziekenhuis Noord',
          checkinEveryWeeks: '2',
        })
      ).status,
    ).toBe(303);

    expect(await sendThreatCheckinReminders(t.deps, new Date('2026-12-06T09:00:00Z'))).toBe(0);
    expect(await sendThreatCheckinReminders(t.deps, new Date('2026-12-07T09:00:00Z'))).toBe(1);
    expect(await sendThreatCheckinReminders(t.deps, new Date('2026-12-07T10:00:00Z'))).toBe(0);
    expect(await sendThreatCheckinReminders(t.deps, new Date('2026-12-09T09:00:00Z'))).toBe(0);
    const first = mailsAbout(reference);
    expect(first).toHaveLength(1);
    expect(first[0]!.to).toMatchObject({ text: coordinator.email });
    expect(first[0]!.text).toContain('2026-12-07');
    expect(first[0]!.text).toContain(`/cases/${caseId}/threats`);
    for (const secret of ['Ziekenhuis', 'station', 'Sanne', 'dreigende'])
      expect(first[0]!.text).not.toContain(secret);

    await client.get(`/cases/${caseId}/threats`);
    expect(
      (
        await client.post(`/cases/${caseId}/threats/checkins`, {
          occurredOn: '2026-12-09',
          note: 'Rustiger sinds de verklaring.',
        })
      ).status,
    ).toBe(303);
    expect(
      /data-testid="next-checkin">([^<]+)</.exec(
        await (await client.get(`/cases/${caseId}/threats`)).text(),
      )?.[1],
    ).toBe('23 december 2026');
    expect(await sendThreatCheckinReminders(t.deps, new Date('2026-12-22T09:00:00Z'))).toBe(0);
    expect(await sendThreatCheckinReminders(t.deps, new Date('2026-12-23T09:00:00Z'))).toBe(1);
    expect(mailsAbout(reference)).toHaveLength(2);

    const reminded = await t.deps.db
      .selectFrom('audit_event')
      .select(['actor_kind', 'detail'])
      .where('case_id', '=', caseId)
      .where('type', '=', 'THREAT_CHECKIN_REMINDED')
      .orderBy('id')
      .execute();
    expect(reminded.map((r) => [r.actor_kind, r.detail.dueOn])).toEqual([
      ['system', '2026-12-07'],
      ['system', '2026-12-23'],
    ]);
  });

  it('reminds the team’s coordinators when no adviser is assigned, and not for a closed case', async () => {
    const caseId = await threatCase();
    const reference = await referenceOf(caseId);
    const closedId = await threatCase();
    const closedReference = await referenceOf(closedId);
    for (const id of [caseId, closedId]) {
      await coordinator.client.get(`/cases/${id}/threats`);
      await coordinator.client.post(`/cases/${id}/threats/support`, {
        statementStatus: 'none',
        checkinEveryWeeks: '1',
      });
    }
    await t.deps.db
      .updateTable('case')
      .set({ status: 'closed' })
      .where('id', '=', closedId)
      .execute();
    await sendThreatCheckinReminders(t.deps, new Date('2026-11-30T09:00:00Z'));
    const mails = mailsAbout(reference);
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.map((m) => (m.to as { text: string }).text)).toContain(coordinator.email);
    expect(mailsAbout(closedReference)).toHaveLength(0);
  });
});

describe('the threat evidence log', () => {
  it('lets the handler revoke a grant from the page; the officer is refused again', async () => {
    const caseId = await threatCase();
    const before = (await comms.client.get(`/threat-log/${caseId}`)).status;
    expect(before).not.toBe(200);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/threats`);
    expect(
      (await client.post(`/cases/${caseId}/threats/grants`, { email: comms.email })).status,
    ).toBe(303);
    expect((await comms.client.get(`/threat-log/${caseId}`)).status).toBe(200);

    await client.get(`/cases/${caseId}/threats`);
    expect(client.lastHtml).toContain('Communications officer');
    expect(client.lastHtml).toContain(`action="/cases/${caseId}/threats/grants/revoke"`);
    const userId = /name="userId" value="([0-9a-f-]{36})"/.exec(client.lastHtml)?.[1];
    expect(userId).toBe(comms.id);
    expect(
      (await client.post(`/cases/${caseId}/threats/grants/revoke`, { userId: userId! })).status,
    ).toBe(303);

    expect((await comms.client.get(`/threat-log/${caseId}`)).status).toBe(before);
    const page = await (await client.get(`/cases/${caseId}/threats`)).text();
    expect(page).not.toContain('Communications officer');
    expect(
      await t.deps.db
        .selectFrom('threat_log_grant')
        .select('user_id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toEqual([]);
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['THREAT_LOG_GRANTED', 'THREAT_LOG_REVOKED']),
    );
  });

  it('takes a screenshot above the ordinary 1 MiB body limit, strips its metadata, seals it and gives it back', async () => {
    const caseId = await threatCase();
    const { client } = coordinator;
    const shot = noisePng(700, 600, 'Author Jan Jansen');
    expect(shot.length).toBeGreaterThan(1024 * 1024);
    await client.get(`/threat-log/${caseId}`);
    const res = await postMultipart(
      client,
      `/threat-log/${caseId}`,
      {
        platform: 'instagram',
        link: 'https://instagram.example/p/abc',
        seenOn: '2026-11-22',
        note: '',
      },
      [{ field: 'screenshot', name: 'scherm.png', type: 'image/png', bytes: shot }],
    );
    expect(res.status).toBe(303);
    const row = await t.deps.db
      .selectFrom('threat_evidence')
      .select(['id', 'screenshot', 'screenshot_type'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.screenshot_type).toBe('image/png');
    expect(row.screenshot!.includes(Buffer.from('Jan Jansen'))).toBe(false);
    expect(row.screenshot!.includes(shot.subarray(100, 164))).toBe(false); // sealed, not stored as is

    await client.get(`/threat-log/${caseId}`);
    expect(client.lastHtml).toContain(`/threat-log/${caseId}/evidence/${row.id}/screenshot`);
    const back = await client.get(`/threat-log/${caseId}/evidence/${row.id}/screenshot`);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(back.headers.get('content-disposition')).toMatch(/^attachment;/); // never rendered inline (finding 7)
    const bytes = Buffer.from(await back.arrayBuffer());
    expect(bytes.includes(Buffer.from('tEXt'))).toBe(false);
    expect(bytes.includes(Buffer.from('Jan Jansen'))).toBe(false);
    const meta = await sharp(bytes).metadata(); // the whole picture came back, re-encoded
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 700, 600]);
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['THREAT_EVIDENCE_ADDED', 'THREAT_SCREENSHOT_VIEWED']),
    );
  });

  it('refuses a file that is not an image or PDF with a message linked to the field, in Dutch and English, and keeps nothing', async () => {
    const caseId = await threatCase();
    for (const [lang, text] of [
      ['nl', 'Kies een PNG, JPEG of PDF'],
      ['en', 'Choose a PNG, JPEG or PDF'],
    ] as const) {
      const { client } = coordinator;
      await client.get(`/threat-log/${caseId}`, { 'accept-language': lang });
      const res = await client.send(`/threat-log/${caseId}`, {
        method: 'POST',
        headers: { 'accept-language': lang },
        body: (() => {
          const form = new FormData();
          form.set('_csrf', client.csrfToken());
          for (const [k, v] of Object.entries({
            platform: 'x_twitter',
            link: 'https://x.example/1',
            seenOn: '2026-11-22',
          }))
            form.set(k, v);
          form.set(
            'screenshot',
            new File([Buffer.from('MZ not an image')], 'virus.png', { type: 'image/png' }),
          );
          return form;
        })(),
      });
      expect(res.status).toBe(422);
      expect(client.lastHtml).toContain(text);
      expect(client.lastHtml).toContain('href="#field-screenshot"');
    }
    expect(
      await t.deps.db
        .selectFrom('threat_evidence')
        .select('id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toEqual([]);
  });
});

describe('closing an expert consultation', () => {
  it('takes it away from the expert team while the advice stays with the case', async () => {
    const caseId = await threatCase();
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/consultations`);
    const created = await client.post(`/cases/${caseId}/consultations`, {
      summary: 'Een wetenschapper wordt na een tv-optreden online bedreigd.',
    });
    const id = /consultations\/([0-9a-f-]{36})$/.exec(created.headers.get('location') ?? '')![1]!;
    await t.deps.db.transaction().execute((trx) =>
      grantConsent(
        trx,
        t.deps.keyring,
        { id: caseId, teamId: coordinator.teamId },
        {
          info: 'anonymised_summary',
          recipient: { kind: 'role', value: 'expert_team_member' },
          purpose: 'expert_consultation',
          obtainedVia: 'conversation',
        },
        { kind: 'user', userId: coordinator.id },
      ),
    );
    await client.get(`/cases/${caseId}/consultations/${id}`);
    expect((await client.post(`/cases/${caseId}/consultations/${id}/publish`, {})).status).toBe(
      303,
    );
    await expert.client.get(`/consultations/${id}`);
    expect(
      (
        await expert.client.post(`/consultations/${id}/advice`, {
          advice: 'Bied beveiliging bij het volgende optreden.',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await expert.client.post(`/cases/${caseId}/consultations/${id}/close`, {
          _csrf: expert.client.csrfToken(),
        })
      ).status,
    ).toBe(403);

    await client.get(`/cases/${caseId}/consultations/${id}`);
    expect(client.lastHtml).toContain(`action="/cases/${caseId}/consultations/${id}/close"`);
    expect((await client.post(`/cases/${caseId}/consultations/${id}/close`, {})).status).toBe(303);
    const page = await (await client.get(`/cases/${caseId}/consultations/${id}`)).text();
    expect(/data-testid="consultation-status">([^<]+)</.exec(page)?.[1]).toBe('Gesloten');
    expect(page).toContain('Bied beveiliging bij het volgende optreden.');
    expect(page).not.toContain(`/consultations/${id}/close"`);

    expect(await (await expert.client.get('/consultations')).text()).not.toContain(id);
    expect((await expert.client.get(`/consultations/${id}`)).status).toBe(404);
    expect(
      (await expert.client.post(`/consultations/${id}/advice`, { advice: 'Nog iets.' })).status,
    ).toBe(404);
    await client.get(`/cases/${caseId}/consultations/${id}`);
    await client.post(`/cases/${caseId}/consultations/${id}/close`, {}); // already closed: nothing happens
    const closed = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail', 'actor_user_id'])
      .where('case_id', '=', caseId)
      .where('type', '=', 'CONSULTATION_CLOSED')
      .execute();
    expect(closed).toEqual([
      { detail: { consultationId: id, from: 'published' }, actor_user_id: coordinator.id },
    ]);
  });
});
