import { beforeAll, describe, expect, it } from 'vitest';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ app: { today: () => '2026-11-23' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;
let expert: Awaited<ReturnType<typeof signedInStaff>>;
let comms: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
  expert = await signedInStaff(t.deps, t.app, ['expert_team_member'], 'Expert');
  comms = await signedInStaff(t.deps, t.app, ['support_officer'], 'Communications officer');
});

async function createConsultation(caseId: string, summary: string): Promise<string> {
  const { client } = coordinator;
  await client.get(`/cases/${caseId}/consultations`);
  const res = await client.post(`/cases/${caseId}/consultations`, { summary });
  expect(res.status).toBe(303);
  return /consultations\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')![1]!;
}

/** The reporter's consent to an anonymised consultation of the expert team (issue 6: every share checks the ledger). */
async function consentToExpertTeam(caseId: string): Promise<void> {
  await coordinator.client.get(`/cases/${caseId}/consents`);
  const res = await coordinator.client.submit(`/cases/${caseId}/consents`, {
    info: 'anonymised_summary',
    recipientKind: 'role',
    recipient: 'expert_team_member',
    purpose: 'expert_consultation',
    obtainedVia: 'conversation',
  });
  expect(res.status).toBe(200);
}

describe('anonymised expert consultation', () => {
  it('cannot be published while an e-mail address or a phone number is in it; publishes once removed or confirmed', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    const id = await createConsultation(
      caseId,
      'Een medewerker wordt gevolgd. Bereikbaar via sanne.visser@example.test of 06-12345678.',
    );
    const base = `/cases/${caseId}/consultations/${id}`;
    let html = await (await client.get(base)).text();
    expect(html).toContain('sanne.visser@example.test');
    expect(html).toContain('06-12345678');
    const refused = await client.post(`${base}/publish`, {});
    expect(refused.status).toBe(422);
    expect(client.lastHtml).toContain(
      'Voorleggen kan pas als elk gevonden gegeven is verwijderd of bevestigd.',
    );
    expect(
      (
        await t.deps.db
          .selectFrom('expert_consultation')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('draft');

    // remove the e-mail address, confirm the (here harmless) number: then it may go out
    await client.get(base);
    await client.post(`${base}/summary`, {
      summary: 'Een medewerker wordt gevolgd. Bereikbaar via 06-12345678.',
    });
    html = await (await client.get(base)).text();
    expect(html).not.toContain('sanne.visser@example.test');
    expect((await client.post(`${base}/publish`, {})).status).toBe(422);
    await client.get(base);
    const key = /name="key" value="([^"]+)"/.exec(client.lastHtml)![1]!;
    expect(key).toMatch(/^phone:/);
    await client.post(`${base}/confirm`, { key });
    await consentToExpertTeam(caseId);
    await client.get(base);
    expect((await client.post(`${base}/publish`, {})).status).toBe(303);
    expect(
      (
        await t.deps.db
          .selectFrom('expert_consultation')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('published');
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining([
        'CONSULTATION_CREATED',
        'CONSULTATION_PUBLISH_REFUSED',
        'CONSULTATION_FINDING_CONFIRMED',
        'CONSULTATION_PUBLISHED',
      ]),
    );
  });

  it('flags the names of the case parties until they are removed', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const id = await createConsultation(
      caseId,
      'De melder wordt gevolgd door Pietersen, een oud-collega.',
    );
    const html = await (
      await coordinator.client.get(`/cases/${caseId}/consultations/${id}`)
    ).text();
    expect(html).toMatch(/Naam: <mark>Pietersen<\/mark>/);
    expect(
      (await coordinator.client.post(`/cases/${caseId}/consultations/${id}/publish`, {})).status,
    ).toBe(422);
  });

  it('lets an expert-team member read the consultation and give advice that returns to the case — but never the case itself', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const id = await createConsultation(
      caseId,
      'Een promovendus wordt al maanden gevolgd door een oud-collega; de dreiging neemt toe.',
    );
    await consentToExpertTeam(caseId);
    await coordinator.client.get(`/cases/${caseId}/consultations/${id}`);
    expect(
      (await coordinator.client.post(`/cases/${caseId}/consultations/${id}/publish`, {})).status,
    ).toBe(303);

    const { client } = expert;
    expect((await client.get(`/cases/${caseId}`)).status).toBe(403);
    expect((await client.get(`/cases/${caseId}/risk`)).status).toBe(403);
    expect((await client.get(`/cases/${caseId}/consultations/${id}`)).status).toBe(403);
    const list = await (await client.get('/consultations')).text();
    expect(list).toContain(`/consultations/${id}`);
    const page = await client.get(`/consultations/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('de dreiging neemt toe');
    expect(html).not.toContain('Sanne');
    expect(html).not.toContain(caseId);
    const reference = (
      await t.deps.db
        .selectFrom('case')
        .select('reference')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).reference;
    expect(html).not.toContain(reference);
    expect(
      (
        await client.post(`/consultations/${id}/advice`, {
          advice: 'Adviseer aangifte en een contactverbod.',
        })
      ).status,
    ).toBe(303);

    const back = await (
      await coordinator.client.get(`/cases/${caseId}/consultations/${id}`)
    ).text();
    expect(back).toContain('Adviseer aangifte en een contactverbod.');
    const types = await auditTypes(t.deps, caseId);
    expect(types).toEqual(
      expect.arrayContaining([
        'CASE_ACCESS_REFUSED',
        'CONSULTATION_VIEWED',
        'CONSULTATION_ADVICE_ADDED',
      ]),
    );
  });

  it('keeps draft consultations from the expert team', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const id = await createConsultation(caseId, 'Nog niet klaar.');
    expect((await expert.client.get(`/consultations/${id}`)).status).toBe(404);
    expect(await (await expert.client.get('/consultations')).text()).not.toContain(id);
  });
});

describe('threat evidence log kept by a communications officer', () => {
  it('is refused before the grant; after it the officer keeps the log but is still refused the case', async () => {
    const caseId = await reportStalking(t.deps, t.app, {
      category: 'threat',
      subtype: 'online_hate',
    });
    expect((await comms.client.get(`/threat-log/${caseId}`)).status).toBe(403); // the need-to-know table: refused inside the own team

    await coordinator.client.get(`/cases/${caseId}/threats`);
    expect(
      (await coordinator.client.post(`/cases/${caseId}/threats/grants`, { email: comms.email }))
        .status,
    ).toBe(303);

    const { client } = comms;
    expect((await client.get(`/cases/${caseId}`)).status).toBe(403);
    expect((await client.get(`/cases/${caseId}/threats`)).status).toBe(403);
    const log = await client.get(`/threat-log/${caseId}`);
    expect(log.status).toBe(200);
    const logHtml = await log.text();
    expect(logHtml).not.toContain('station'); // nothing of the narrative
    expect(logHtml).not.toContain('Sanne');
    expect(
      (
        await client.post(`/threat-log/${caseId}`, {
          platform: 'x_twitter',
          link: 'https://x.example/status/123',
          seenOn: '2026-11-20',
          note: 'Haatreactie na talkshow',
        })
      ).status,
    ).toBe(303);
    const after = await (await client.get(`/threat-log/${caseId}`)).text();
    expect(after).toContain('https://x.example/status/123');
    const row = await t.deps.db
      .selectFrom('threat_evidence')
      .select(['link', 'recorded_by'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.recorded_by).toBe(comms.id);
    expect(row.link.toString('utf8')).not.toContain('x.example');
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining([
        'THREAT_LOG_GRANTED',
        'THREAT_EVIDENCE_ADDED',
        'THREAT_LOG_VIEWED',
        'CASE_ACCESS_REFUSED',
      ]),
    );
  });

  it('tracks the statement of support, other employers and periodic check-ins', async () => {
    const caseId = await reportStalking(t.deps, t.app, {
      category: 'threat',
      subtype: 'after_media_appearance',
    });
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/threats`);
    await client.post(`/cases/${caseId}/threats/support`, {
      statementStatus: 'published',
      statementOn: '2026-11-21',
      otherEmployers: 'Ziekenhuis X (0,2 fte)',
      checkinEveryWeeks: '2',
    });
    await client.get(`/cases/${caseId}/threats`);
    await client.post(`/cases/${caseId}/threats/checkins`, {
      occurredOn: '2026-11-23',
      note: 'Gaat beter, nog twee berichten.',
    });
    const html = await (await client.get(`/cases/${caseId}/threats`)).text();
    expect(html).toContain('Ziekenhuis X (0,2 fte)');
    expect(html).toContain('Gaat beter, nog twee berichten.');
    expect(/data-testid="next-checkin">([^<]+)</.exec(html)?.[1]).toBe('7 december 2026');
  });
});
