import { describe, expect, it } from 'vitest';
import { reportStalking, signedInStaff } from './support/safety-case.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { TestClient } from './support/http-client.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Issue 21: the zorgoverleg's decisions flow back into each case — a dated entry on the case's
 * timeline, the text sealed with the case's key and shown only to whoever may see the case —
 * and the minutes of the meeting are kept with it, sealed, with nothing that identifies.
 */
const t = useTestApp({ app: { today: () => '2026-12-01' } });

async function meetingWithCase() {
  const coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
  const caseId = await reportStalking(t.deps, t.app);
  const { client } = coordinator;
  await client.get('/mdo');
  const meeting = await client.post('/mdo', { heldOn: '2026-12-10' });
  const meetingId = /\/mdo\/([0-9a-f-]{36})$/.exec(meeting.headers.get('location')!)![1]!;
  await client.get(`/cases/${caseId}/mdo`);
  await client.post(`/cases/${caseId}/mdo`, {
    meetingId,
    summary: 'Medewerker wordt al weken opgewacht bij het station.',
  });
  return { coordinator, caseId, meetingId };
}

describe('zorgoverleg decisions back into the case', () => {
  it('records a decision on an agenda item as a dated, sealed, audited entry of that case only its viewers see', async () => {
    const { coordinator, caseId, meetingId } = await meetingWithCase();
    const { client } = coordinator;
    await client.get(`/mdo/${meetingId}`);
    const itemAction = /action="(\/mdo\/items\/[0-9a-f-]+\/decision)"/.exec(client.lastHtml)![1]!;
    const decision =
      'Besluit-7q: beveiliging loopt mee naar het station; heroverweging over twee weken.';
    expect((await client.post(itemAction, { decision })).status).toBe(303);

    // On the case page: a dated entry that links to the decision; the text itself on the case's MDO page.
    const casePage = await (await client.get(`/cases/${caseId}`)).text();
    expect(casePage).toContain('data-testid="timeline-mdo-decision"');
    expect(casePage).toContain('Besluit van het zorgoverleg');
    expect(casePage).toContain(`href="/cases/${caseId}/mdo"`);
    expect(casePage).not.toContain('Besluit-7q'); // the timeline shows no sealed content (decision 029)
    const mdoPage = await (await client.get(`/cases/${caseId}/mdo`)).text();
    expect(mdoPage).toMatch(/data-testid="case-mdo-decision">Besluit-7q/);
    expect(mdoPage).toContain('genomen op');

    // Sealed: the stored bytes do not hold the text.
    const row = await t.deps.db
      .selectFrom('mdo_item')
      .select(['decision', 'decided_at'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.decided_at).toBeInstanceOf(Date);
    expect(Buffer.from(row.decision!).toString('latin1')).not.toContain('Besluit-7q');

    // Someone without access to the case — an adviser of another team — sees none of it.
    const otherTeam = await createTeam(t.deps, 'elsewhere');
    const outsider = await createStaff(t.deps, otherTeam, [
      'safety_coordinator',
      'confidential_adviser',
    ]);
    const stranger = new TestClient(t.app);
    await stranger.signIn(outsider.email, PASSWORD);
    for (const path of [`/cases/${caseId}`, `/cases/${caseId}/mdo`, `/mdo/${meetingId}`]) {
      const res = await stranger.get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(403);
      expect(await res.text()).not.toContain('Besluit-7q');
    }
    await stranger.get('/mdo');
    expect(stranger.lastHtml).not.toContain(meetingId);

    // Audited on the case: the decision, and each read of it.
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'actor_user_id'])
      .where('case_id', '=', caseId)
      .where('type', 'in', ['MDO_DECISION_RECORDED', 'MDO_CASE_ITEMS_VIEWED'])
      .execute();
    expect(audit.map((a) => a.type)).toEqual(
      expect.arrayContaining(['MDO_DECISION_RECORDED', 'MDO_CASE_ITEMS_VIEWED']),
    );
    expect(audit.every((a) => a.actor_user_id === coordinator.id)).toBe(true);
  });

  it('keeps the minutes with the meeting, sealed and audited, and refuses minutes that identify someone', async () => {
    const { coordinator, meetingId } = await meetingWithCase();
    const { client } = coordinator;
    await client.get(`/mdo/${meetingId}`);
    const identifying = await client.post(`/mdo/${meetingId}/minutes`, {
      minutes: 'Trends besproken; vragen naar sanne.visser@example.test gestuurd.',
    });
    expect(identifying.status).toBe(422);
    expect(client.lastHtml).toContain('href="#field-minutes"');
    expect(client.lastHtml).toContain('sanne.visser@example.test'); // the text is kept in the form to correct
    const before = await t.deps.db
      .selectFrom('mdo_meeting')
      .select('minutes')
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(before.minutes).toBeNull();

    const minutes =
      'Notulen-4k: meldingen over stalking nemen toe rond de stations; voorlichting plannen.';
    expect((await client.post(`/mdo/${meetingId}/minutes`, { minutes })).status).toBe(303);
    expect(await (await client.get(`/mdo/${meetingId}`)).text()).toContain('Notulen-4k');
    const stored = await t.deps.db
      .selectFrom('mdo_meeting')
      .select(['minutes', 'team_id'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.minutes!).toString('latin1')).not.toContain('Notulen-4k');
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'detail'])
      .where('type', '=', 'MDO_MINUTES_RECORDED')
      .where('team_id', '=', stored.team_id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('Notulen-4k');

    // An adviser sees the minutes; only the coordinator records them.
    const adviser = await signedInStaff(t.deps, t.app, ['confidential_adviser'], 'Adviser');
    expect(await (await adviser.client.get(`/mdo/${meetingId}`)).text()).toContain('Notulen-4k');
    expect(
      (await adviser.client.post(`/mdo/${meetingId}/minutes`, { minutes: 'Anders.' })).status,
    ).toBe(403);
  });
});
