import { beforeAll, describe, expect, it } from 'vitest';
import { grantConsent, getReporterConsentLedger } from '../src/server/consent/consent.service.js';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { climbToRequest } from './support/ladder.js';
import { useTestApp } from './support/use-test-app.js';

const TODAY = '2026-12-01';
const t = useTestApp({ app: { today: () => TODAY } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;
let board: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
  board = await signedInStaff(t.deps, t.app, ['board'], 'Board member');
});

async function addConsent(caseId: string) {
  await t.deps.db.transaction().execute((trx) =>
    grantConsent(
      trx,
      t.deps.keyring,
      { id: caseId, teamId: coordinator.teamId },
      {
        info: 'reporter_identity',
        recipient: { kind: 'partner', value: 'police' },
        purpose: 'escalation',
        obtainedVia: 'conversation',
      },
      { kind: 'user', userId: coordinator.id },
    ),
  );
}
const requestIdOf = async (caseId: string) =>
  (
    await t.deps.db
      .selectFrom('escalation_request')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).id;
const share = { partner: 'police', info: 'reporter_identity', sharedOn: TODAY };

describe('the board approves an escalation request', () => {
  it('shares only after the board approved, with a reason; the board sees the request anonymised; the ledger shows the share', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    await addConsent(caseId);
    const { client } = coordinator;
    await climbToRequest(client, caseId, TODAY);
    const reference = (
      await t.deps.db
        .selectFrom('case')
        .select('reference')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).reference;

    await client.get(`/cases/${caseId}/escalation`);
    expect(client.lastHtml).toContain('wacht op besluit');
    expect((await client.post(`/cases/${caseId}/escalation/share`, share)).status).toBe(422);
    expect(client.lastHtml).toContain('pas als het College van Bestuur dit delen');
    expect(await auditTypes(t.deps, caseId)).toContain('SHARE_REFUSED');

    const list = await board.client.get('/board/escalations');
    expect(list.status).toBe(200);
    const rid = await requestIdOf(caseId);
    expect(board.client.lastHtml).toContain(`/board/escalations/${rid}`);
    const detail = await (await board.client.get(`/board/escalations/${rid}`)).text();
    expect(detail).toContain('Een medewerker wordt online bedreigd na een mediaoptreden.');
    expect(detail).toContain('Alles gedaan voor toestemming? Ja');
    for (const identifying of [reference, 'Sanne Visser', 'sanne.visser@example.test', caseId])
      expect(detail).not.toContain(identifying);

    expect(
      (
        await board.client.post(`/board/escalations/${rid}/decision`, {
          decision: 'approved',
          reason: '',
        })
      ).status,
    ).toBe(422);
    await board.client.get(`/board/escalations/${rid}`);
    expect(
      (
        await board.client.post(`/board/escalations/${rid}/decision`, {
          decision: 'approved',
          reason: 'Ernstige dreiging; aangifte is nodig.',
        })
      ).status,
    ).toBe(303);
    expect(await (await board.client.get(`/board/escalations/${rid}`)).text()).toContain(
      'goedgekeurd',
    );

    await client.get(`/cases/${caseId}/escalation`);
    expect(client.lastHtml).toContain('Ernstige dreiging; aangifte is nodig.');
    expect(
      (await client.post(`/cases/${caseId}/escalation/share`, { ...share, info: 'case_content' }))
        .status,
    ).toBe(422); // not what the board approved
    await client.get(`/cases/${caseId}/escalation`);
    expect((await client.post(`/cases/${caseId}/escalation/share`, share)).status).toBe(303);
    const row = await t.deps.db
      .selectFrom('external_share')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect([row.basis, row.ledger_basis, row.escalation_request_id, row.board_consent_on]).toEqual([
      'framework2_board',
      'consent',
      rid,
      new Date().toISOString().slice(0, 10),
    ]);
    expect(await (await client.get(`/cases/${caseId}/escalation`)).text()).toContain(
      'Alle stappen van de ladder zijn gezet.',
    );

    expect(await (await client.get(`/cases/${caseId}/consents`)).text()).toContain(
      'Gedeeld op 1 december 2026 met police', // TODAY, the Dutch way (issue 19)
    );
    expect((await getReporterConsentLedger(t.deps.db, caseId))[0]!.shares).toEqual([
      { sharedOn: TODAY, recipient: 'police' },
    ]);
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining([
        'FRAMEWORK2_ASSESSED',
        'ESCALATION_REQUESTED',
        'ESCALATION_REQUEST_VIEWED',
        'ESCALATION_REQUEST_APPROVED',
        'EXTERNAL_SHARE_RECORDED',
      ]),
    );
  });

  it('declined: the share stays impossible, and a decided request cannot be decided again', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    await addConsent(caseId);
    await climbToRequest(coordinator.client, caseId, TODAY);
    const rid = await requestIdOf(caseId);
    await board.client.get(`/board/escalations/${rid}`);
    expect(
      (
        await board.client.post(`/board/escalations/${rid}/decision`, {
          decision: 'declined',
          reason: 'Eerst het gesprek met de leidinggevende.',
        })
      ).status,
    ).toBe(303);
    await board.client.get(`/board/escalations/${rid}`);
    expect(
      (
        await board.client.post(`/board/escalations/${rid}/decision`, {
          decision: 'approved',
          reason: 'Toch wel.',
        })
      ).status,
    ).toBe(403);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/escalation`);
    expect(client.lastHtml).toContain('afgewezen');
    expect((await client.post(`/cases/${caseId}/escalation/share`, share)).status).toBe(422);
    expect(
      await t.deps.db
        .selectFrom('external_share')
        .select('id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toHaveLength(0);
    expect(await auditTypes(t.deps, caseId)).toContain('ESCALATION_REQUEST_DECLINED');
  });

  it('refuses a request before Afwegingskader 2 is yes three times, and one that identifies someone', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    const page = `/cases/${caseId}/escalation`;
    const request = {
      requestWhat: 'Bedreiging na een mediaoptreden.',
      requestWhy: 'Aangifte nodig.',
      proposedPartner: 'police',
      proposedInfo: 'case_content',
    };
    await client.get(page);
    expect((await client.post(`${page}/request`, request)).status).toBe(422);
    for (const [path, form] of [
      ['skip', { rung: 'discuss_with_person', reason: 'Onbereikbaar.' }],
      ['skip', { rung: 'collegial_consultation', reason: 'Spoed.' }],
      ['skip', { rung: 'framework1', reason: 'Spoed.' }],
      [
        'framework2',
        {
          allOptionsUsed: 'yes',
          consentEffortsMade: '',
          necessaryForRisk: 'yes',
          explanation: 'Nog geen toestemming gevraagd.',
        },
      ],
    ] as const) {
      await client.get(page);
      expect((await client.post(`${page}/${path}`, form)).status).toBe(303);
    }
    await client.get(page);
    expect((await client.post(`${page}/request`, request)).status).toBe(422);
    expect(client.lastHtml).toContain('Eerst komt de stap &quot;Afwegingskader 2&quot;');
    await client.get(page);
    await client.post(`${page}/framework2`, {
      allOptionsUsed: 'yes',
      consentEffortsMade: 'yes',
      necessaryForRisk: 'yes',
      explanation: 'Melder gevraagd.',
    });
    await client.get(page);
    expect(
      (
        await client.post(`${page}/request`, {
          ...request,
          requestWhy: 'Mail sanne.visser@example.test voor details.',
        })
      ).status,
    ).toBe(422);
    expect(client.lastHtml).toContain('Het verzoek is niet anoniem');
    await client.get(page);
    expect((await client.post(`${page}/request`, request)).status).toBe(303);
  });

  it('an adviser cannot send the request, other roles cannot open the board pages, and the board sees acute shares afterwards', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const adviser = await signedInStaff(t.deps, t.app, ['confidential_adviser'], 'Adviser');
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviser.id })
      .where('id', '=', caseId)
      .execute();
    await adviser.client.get(`/cases/${caseId}/escalation`);
    expect(adviser.client.lastHtml).not.toContain('Verzoek versturen');
    expect(
      (
        await adviser.client.post(`/cases/${caseId}/escalation/request`, {
          requestWhat: 'x',
          requestWhy: 'y',
          proposedPartner: 'police',
          proposedInfo: 'case_content',
        })
      ).status,
    ).toBe(403);
    expect((await coordinator.client.get('/board/escalations')).status).toBe(403);
    await adviser.client.get(`/cases/${caseId}/escalation`);
    expect(
      (
        await adviser.client.post(`/cases/${caseId}/escalation/share`, {
          ...share,
          acuteReason: 'Dreigt vanavond naar haar huis te komen.',
        })
      ).status,
    ).toBe(303);
    const html = await (await board.client.get('/board/escalations')).text();
    expect(html).toContain('Dreigt vanavond naar haar huis te komen.');
    expect(await auditTypes(t.deps, caseId)).toContain('ACUTE_SHARE_SHOWN_TO_BOARD');
  });
});
