import { beforeAll, describe, expect, it } from 'vitest';
import { grantConsent } from '../src/server/consent/consent.service.js';
import { sendReassessReminders } from '../src/server/risk/reassess.job.js';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ smtp: true, app: { today: () => '2026-11-23' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
});

async function consent(
  caseId: string,
  info: 'case_documents' | 'reporter_identity',
  partner: string,
  purpose: 'police_report' | 'referral',
) {
  await t.deps.db.transaction().execute((trx) =>
    grantConsent(
      trx,
      t.deps.keyring,
      { id: caseId, teamId: coordinator.teamId },
      {
        info,
        recipient: { kind: 'partner', value: partner },
        purpose,
        obtainedVia: 'conversation',
      },
      { kind: 'user', userId: coordinator.id },
    ),
  );
}

describe('police report', () => {
  it('shows the report as the standard for stalking and tracks a report filed by the employer on a staff member’s behalf', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    const page = await (await client.get(`/cases/${caseId}/police`)).text();
    expect(page).toContain('data-testid="police-standard"');
    const missing = await client.post(`/cases/${caseId}/police`, {
      status: 'filed',
      filedOn: '2026-11-23',
      filedBy: 'employer',
    });
    expect(missing.status).toBe(422);
    expect(client.lastHtml).toContain('href="#field-employerAddress"');
    await client.get(`/cases/${caseId}/police`);
    const ok = await client.post(`/cases/${caseId}/police`, {
      status: 'filed',
      offeredOn: '2026-11-20',
      filedOn: '2026-11-23',
      filedBy: 'employer',
      employerAddress: 'Minderbroedersberg 4-6, Maastricht',
      policeReference: 'PL2300-2026112345',
      followUp: 'Zaak bij de officier van justitie',
    });
    expect(ok.status).toBe(303);
    const html = await (await client.get(`/cases/${caseId}/police`)).text();
    expect(html).toContain('De werkgever namens de medewerker');
    expect(html).toContain('Minderbroedersberg 4-6, Maastricht');
    expect(html).toContain('PL2300-2026112345');
    const row = await t.deps.db
      .selectFrom('police_report')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect([row.status, row.filed_by, row.filed_on]).toEqual(['filed', 'employer', '2026-11-23']);
    expect(row.police_reference!.toString('utf8')).not.toContain('PL2300');
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['POLICE_REPORT_UPDATED', 'POLICE_REPORT_VIEWED']),
    );
  });

  it('records a declined offer only with its reason', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/police`);
    expect(
      (
        await client.post(`/cases/${caseId}/police`, {
          status: 'declined',
          offeredOn: '2026-11-20',
        })
      ).status,
    ).toBe(422);
    await client.get(`/cases/${caseId}/police`);
    expect(
      (
        await client.post(`/cases/${caseId}/police`, {
          status: 'declined',
          offeredOn: '2026-11-20',
          declinedReason: 'Melder is bang voor represailles',
        })
      ).status,
    ).toBe(303);
  });

  it('makes the evidence bundle only when the consent ledger covers documents for the police', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/police`);
    const refused = await client.post(`/cases/${caseId}/police/bundle`, {});
    expect(refused.status).toBe(422);
    expect(await auditTypes(t.deps, caseId)).toContain('SHARE_REFUSED');
    await consent(caseId, 'case_documents', 'police', 'police_report');
    await client.get(`/cases/${caseId}/police`);
    const pdf = await client.post(`/cases/${caseId}/police/bundle`, {});
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await auditTypes(t.deps, caseId)).toContain('EVIDENCE_BUNDLE_CREATED');
  });
});

describe('referrals', () => {
  it('records partner, what was shared under which consent and a warm handover — refused without consent', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/referrals`);
    expect(client.lastHtml).toContain('0800-2000'); // Veilig Thuis from the partner directory
    const form = {
      partner: 'slachtofferhulp',
      info: 'reporter_identity',
      warmHandover: 'yes',
      referredOn: '2026-11-23',
    };
    expect((await client.post(`/cases/${caseId}/referrals`, form)).status).toBe(422);
    await consent(caseId, 'reporter_identity', 'slachtofferhulp', 'referral');
    await client.get(`/cases/${caseId}/referrals`);
    expect((await client.post(`/cases/${caseId}/referrals`, form)).status).toBe(303);
    const row = await t.deps.db
      .selectFrom('referral')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect([row.partner_key, row.info, row.ledger_basis, row.is_warm_handover]).toEqual([
      'slachtofferhulp',
      'reporter_identity',
      'consent',
      true,
    ]);
  });
});

describe('multidisciplinary consultation', () => {
  it('puts an anonymised case on the agenda (refusing identifying details) and records the decision back into the case', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get('/mdo');
    const meeting = await client.post('/mdo', { heldOn: '2026-11-26' });
    expect(meeting.status).toBe(303);
    const meetingId = /\/mdo\/([0-9a-f-]{36})$/.exec(meeting.headers.get('location')!)![1]!;
    await client.get(`/cases/${caseId}/mdo`);
    expect(
      (
        await client.post(`/cases/${caseId}/mdo`, {
          meetingId,
          summary: 'Medewerker gevolgd, bel 06-12345678.',
        })
      ).status,
    ).toBe(422);
    await client.get(`/cases/${caseId}/mdo`);
    expect(
      (
        await client.post(`/cases/${caseId}/mdo`, {
          meetingId,
          summary: 'Medewerker wordt gevolgd door een oud-collega; escalerend.',
        })
      ).status,
    ).toBe(303);
    const agenda = await (await client.get(`/mdo/${meetingId}`)).text();
    expect(agenda).toContain('escalerend');
    const reference = (
      await t.deps.db
        .selectFrom('case')
        .select('reference')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).reference;
    expect(agenda).not.toContain(reference);
    const item = await t.deps.db
      .selectFrom('mdo_item')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(
      (
        await client.post(`/mdo/items/${item.id}/decision`, {
          decision: 'Aangifte door werkgever; beveiliging informeren.',
        })
      ).status,
    ).toBe(303);
    const back = await (await client.get(`/cases/${caseId}/mdo`)).text();
    expect(back).toContain('Aangifte door werkgever; beveiliging informeren.');
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['MDO_CASE_ADDED', 'MDO_DECISION_RECORDED']),
    );
  });
});

describe('re-assessment reminders', () => {
  it('mails the adviser once, without case content, when the re-assessment date has come', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: coordinator.id })
      .where('id', '=', caseId)
      .execute();
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/risk`);
    await client.post(`/cases/${caseId}/risk`, {
      person: 'serious',
      others: 'none',
      environment: 'none',
      level: 'high',
      reasoning: 'Staat bij haar voordeur.',
      reassessOn: '2026-11-30',
    });
    const before = t.smtp.messages.length;
    expect(await sendReassessReminders(t.deps, new Date('2026-11-29T09:00:00Z'))).toBe(0);
    expect(await sendReassessReminders(t.deps, new Date('2026-11-30T09:00:00Z'))).toBe(1);
    expect(await sendReassessReminders(t.deps, new Date('2026-12-01T09:00:00Z'))).toBe(0);
    const mails = t.smtp.messages.slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/cases/${caseId}/risk`);
    expect(mails[0]!.text).not.toContain('voordeur');
    expect(await auditTypes(t.deps, caseId)).toContain('RISK_REASSESSMENT_REMINDED');
  });
});
