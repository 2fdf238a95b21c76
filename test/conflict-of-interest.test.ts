import { describe, expect, it } from 'vitest';
import { reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

/**
 * Issue 15, finding 15: a declared conflict of interest shuts the declarer out of the case's
 * anonymised summaries too — the MDO agenda and the expert team's consultation pages.
 */
describe('conflict of interest outside the case pages', () => {
  it('hides the case from the MDO agenda and its consultation from the expert pages of whoever declared a conflict', async () => {
    const coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
    const adviser = await signedInStaff(
      t.deps,
      t.app,
      ['confidential_adviser', 'expert_team_member'],
      'Adviser and expert',
    );
    const caseId = await reportStalking(t.deps, t.app);
    const other = await reportStalking(t.deps, t.app);

    // The coordinator puts both cases on an agenda and publishes a consultation of the first.
    const { client } = coordinator;
    await client.get('/mdo');
    const meeting = await client.post('/mdo', { heldOn: '2026-11-26' });
    const meetingId = /\/mdo\/([0-9a-f-]{36})$/.exec(meeting.headers.get('location')!)![1]!;
    for (const [id, summary] of [
      [caseId, 'Samenvatting-met-conflict: medewerker gevolgd.'],
      [other, 'Samenvatting-zonder-conflict: student bedreigd.'],
    ] as const) {
      await client.get(`/cases/${id}/mdo`);
      expect((await client.post(`/cases/${id}/mdo`, { meetingId, summary })).status).toBe(303);
    }
    await client.get(`/cases/${caseId}/consultations`);
    const created = await client.post(`/cases/${caseId}/consultations`, {
      summary: 'Consultatie-met-conflict: de dreiging neemt toe.',
    });
    const consultationId = /consultations\/([0-9a-f-]{36})$/.exec(
      created.headers.get('location') ?? '',
    )![1]!;
    await client.get(`/cases/${caseId}/consents`);
    await client.submit(`/cases/${caseId}/consents`, {
      info: 'anonymised_summary',
      recipientKind: 'role',
      recipient: 'expert_team_member',
      purpose: 'expert_consultation',
      obtainedVia: 'conversation',
    });
    await client.get(`/cases/${caseId}/consultations/${consultationId}`);
    expect(
      (await client.post(`/cases/${caseId}/consultations/${consultationId}/publish`, {})).status,
    ).toBe(303);

    // Before any declaration the adviser sees both.
    expect(await (await adviser.client.get(`/mdo/${meetingId}`)).text()).toContain(
      'Samenvatting-met-conflict',
    );
    expect((await adviser.client.get(`/consultations/${consultationId}`)).status).toBe(200);

    await adviser.client.get('/cases');
    expect((await adviser.client.post(`/cases/${caseId}/conflict`, {})).status).toBe(303);

    const agenda = await (await adviser.client.get(`/mdo/${meetingId}`)).text();
    expect(agenda).not.toContain('Samenvatting-met-conflict');
    expect(agenda).toContain('Samenvatting-zonder-conflict');
    expect(await (await adviser.client.get('/consultations')).text()).not.toContain(consultationId);
    const page = await adviser.client.get(`/consultations/${consultationId}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Consultatie-met-conflict');
    const refusal = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'CONSULTATION_ACCESS_REFUSED')
      .where('actor_user_id', '=', adviser.id)
      .executeTakeFirstOrThrow();
    expect(refusal.detail).toMatchObject({ conflict: true });
    // The coordinator, who declared nothing, still sees the whole agenda.
    expect(await (await client.get(`/mdo/${meetingId}`)).text()).toContain(
      'Samenvatting-met-conflict',
    );
  });
});
