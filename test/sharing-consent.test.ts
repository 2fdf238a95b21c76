import { beforeAll, describe, expect, it } from 'vitest';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';
import { climbToRequest } from './support/ladder.js';

/**
 * Issue 6: every sharing path checks the consent ledger — referral, expert consultation,
 * escalation (external share), export (handover), identity reveal — and is refused, audited as
 * SHARE_REFUSED, with nothing shared, until the reporter's matching consent is recorded.
 */
const t = useTestApp({ app: { today: () => '2026-11-23' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;
let board: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
  board = await signedInStaff(t.deps, t.app, ['board'], 'Board member');
});

/** The board approves the case's escalation requests through its own pages. */
async function approveAll(caseId: string) {
  for (const { id } of await t.deps.db
    .selectFrom('escalation_request')
    .select('id')
    .where('case_id', '=', caseId)
    .execute()) {
    await board.client.get(`/board/escalations/${id}`);
    expect(
      (
        await board.client.post(`/board/escalations/${id}/decision`, {
          decision: 'approved',
          reason: 'Nodig.',
        })
      ).status,
    ).toBe(303);
  }
}

async function recordConsent(
  caseId: string,
  share: { info: string; recipientKind: string; recipient: string; purpose: string },
) {
  await coordinator.client.get(`/cases/${caseId}/consents`);
  expect(
    (
      await coordinator.client.submit(`/cases/${caseId}/consents`, {
        ...share,
        obtainedVia: 'conversation',
      })
    ).status,
  ).toBe(200);
}

async function refusals(caseId: string): Promise<number> {
  return (await auditTypes(t.deps, caseId)).filter((t) => t === 'SHARE_REFUSED').length;
}

describe('sharing without consent is refused in each sharing path', () => {
  it('referral', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    const form = {
      partner: 'ombudsperson',
      info: 'case_content',
      warmHandover: 'yes',
      referredOn: '2026-11-20',
    };
    await client.get(`/cases/${caseId}/referrals`);
    expect((await client.post(`/cases/${caseId}/referrals`, form)).status).not.toBe(303);
    expect(
      await t.deps.db.selectFrom('referral').select('id').where('case_id', '=', caseId).execute(),
    ).toHaveLength(0);
    expect(await refusals(caseId)).toBe(1);
    await recordConsent(caseId, {
      info: 'case_content',
      recipientKind: 'partner',
      recipient: 'ombudsperson',
      purpose: 'referral',
    });
    await client.get(`/cases/${caseId}/referrals`);
    expect((await client.post(`/cases/${caseId}/referrals`, form)).status).toBe(303);
    expect(
      await t.deps.db
        .selectFrom('referral')
        .select('ledger_basis')
        .where('case_id', '=', caseId)
        .execute(),
    ).toEqual([{ ledger_basis: 'consent' }]);
  });

  it('expert consultation', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/consultations`);
    const created = await client.post(`/cases/${caseId}/consultations`, {
      summary: 'Een medewerker wordt al weken gevolgd; de dreiging neemt toe.',
    });
    const base = new URL(created.headers.get('location')!, 'http://x').pathname;
    await client.get(base);
    expect((await client.post(`${base}/publish`, {})).status).toBe(422);
    expect(client.lastHtml).toContain('toestemming');
    const status = async () =>
      (
        await t.deps.db
          .selectFrom('expert_consultation')
          .select('status')
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).status;
    expect(await status()).toBe('draft');
    expect(await refusals(caseId)).toBe(1);
    await recordConsent(caseId, {
      info: 'anonymised_summary',
      recipientKind: 'role',
      recipient: 'expert_team_member',
      purpose: 'expert_consultation',
    });
    await client.get(base);
    expect((await client.post(`${base}/publish`, {})).status).toBe(303);
    expect(await status()).toBe('published');
  });

  it('escalation: an external share, even with Afwegingskader 2 and the board\u2019s approval, needs the ledger', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await climbToRequest(client, caseId, '2026-11-20', {
      proposedPartner: 'police',
      proposedInfo: 'case_content',
    });
    await approveAll(caseId);
    const form = { partner: 'police', info: 'case_content', sharedOn: '2026-11-20' };
    await client.get(`/cases/${caseId}/escalation`);
    const res = await client.post(`/cases/${caseId}/escalation/share`, form);
    expect(res.status).toBe(422);
    expect(client.lastHtml).toContain('toestemming');
    expect(
      await t.deps.db
        .selectFrom('external_share')
        .select('id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toHaveLength(0);
    expect(await refusals(caseId)).toBe(1);
    await recordConsent(caseId, {
      info: 'case_content',
      recipientKind: 'partner',
      recipient: 'police',
      purpose: 'escalation',
    });
    await client.get(`/cases/${caseId}/escalation`);
    expect((await client.post(`/cases/${caseId}/escalation/share`, form)).status).toBe(303);
    expect(
      await t.deps.db
        .selectFrom('external_share')
        .select('ledger_basis')
        .where('case_id', '=', caseId)
        .execute(),
    ).toEqual([{ ledger_basis: 'consent' }]);
  });

  it('export: a handover of the case file needs consent for that recipient; the reporter\u2019s own access request does not', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    const handover = {
      purpose: 'handover',
      sections: 'details',
      handoverKind: 'partner',
      handoverTo: 'ombudsperson',
    };
    await client.get(`/cases/${caseId}`);
    const refused = await client.post(`/cases/${caseId}/export`, handover);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).not.toContain('application/pdf');
    expect(client.lastHtml).toContain('toestemming');
    expect(await refusals(caseId)).toBe(1);
    // Without a recipient a handover is not even considered.
    await client.get(`/cases/${caseId}`);
    expect(
      (await client.post(`/cases/${caseId}/export`, { purpose: 'handover', sections: 'details' }))
        .status,
    ).toBe(422);

    await client.get(`/cases/${caseId}`);
    const own = await client.post(`/cases/${caseId}/export`, {
      purpose: 'data_subject_request',
      sections: 'details',
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toContain('application/pdf');

    await recordConsent(caseId, {
      info: 'case_documents',
      recipientKind: 'partner',
      recipient: 'ombudsperson',
      purpose: 'export',
    });
    await client.get(`/cases/${caseId}`);
    const shared = await client.post(`/cases/${caseId}/export`, handover);
    expect(shared.status).toBe(200);
    expect(shared.headers.get('content-type')).toContain('application/pdf');
    const exports = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', caseId)
      .where('type', '=', 'CASE_EXPORTED')
      .orderBy('id')
      .execute();
    expect(exports.map((e) => e.detail)).toEqual([
      expect.objectContaining({ purpose: 'data_subject_request' }),
      expect.objectContaining({
        purpose: 'handover',
        recipient: 'partner:ombudsperson',
        basis: 'consent',
      }),
    ]);
  });

  it('identity reveal, and its revocation', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const adviser = await signedInStaff(t.deps, t.app, ['confidential_adviser'], 'Other Adviser');
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/consents`);
    expect(
      (await client.submit(`/cases/${caseId}/identity-access`, { userId: adviser.id })).status,
    ).toBe(403);
    expect(await refusals(caseId)).toBe(1);
    await adviser.client.get(`/cases/${caseId}`);
    expect(adviser.client.lastHtml).not.toContain('Sanne Visser');

    await recordConsent(caseId, {
      info: 'reporter_identity',
      recipientKind: 'person',
      recipient: adviser.id,
      purpose: 'identity_reveal',
    });
    expect(
      (await client.submit(`/cases/${caseId}/identity-access`, { userId: adviser.id })).status,
    ).toBe(200);
    expect(client.lastHtml).toContain('Other Adviser');
    await adviser.client.get(`/cases/${caseId}`);
    expect(adviser.client.lastHtml).toContain('Sanne Visser');

    // The coordinator revokes it on the same page: the identity is hidden again, and both steps are audited.
    await client.get(`/cases/${caseId}/consents`);
    expect(
      (await client.submit(`/cases/${caseId}/identity-access/${adviser.id}/revoke`, {})).status,
    ).toBe(200);
    expect(client.lastHtml).toContain('De toegang is ingetrokken.');
    await adviser.client.get(`/cases/${caseId}`);
    expect(adviser.client.lastHtml).not.toContain('Sanne Visser');
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['IDENTITY_ACCESS_GRANTED', 'IDENTITY_ACCESS_REVOKED']),
    );
    // Only the coordinator revokes.
    await adviser.client.get(`/cases/${caseId}`);
    expect(
      (await adviser.client.submit(`/cases/${caseId}/identity-access/${adviser.id}/revoke`, {}))
        .status,
    ).toBe(403);
  });
});

describe('retention hold on the case page', () => {
  it('shows the coordinator a hold button that stops erasure, and a release; advisers see no button', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}`);
    expect(client.lastHtml).toContain(`action="/cases/${caseId}/retention-hold"`);
    expect(client.lastHtml).toContain('name="hold" value="yes"');
    const res = await client.post(`/cases/${caseId}/retention-hold`, { hold: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${caseId}`);
    expect(
      (
        await t.deps.db
          .selectFrom('case')
          .select('retention_hold')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).retention_hold,
    ).toBe(true);
    await client.get(`/cases/${caseId}`);
    expect(client.lastHtml).toContain('name="hold" value="no"');
    await client.post(`/cases/${caseId}/retention-hold`, { hold: 'no' });
    expect(
      (
        await t.deps.db
          .selectFrom('case')
          .select('retention_hold')
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).retention_hold,
    ).toBe(false);

    const adviser = await signedInStaff(t.deps, t.app, ['confidential_adviser'], 'Adviser');
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: adviser.id })
      .where('id', '=', caseId)
      .execute();
    await adviser.client.get(`/cases/${caseId}`);
    expect(adviser.client.lastHtml).toContain(`/cases/${caseId}/consents`);
    expect(adviser.client.lastHtml).not.toContain('retention-hold');
  });
});
