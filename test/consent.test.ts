import { describe, expect, it } from 'vitest';
import { requireConsent } from '../src/server/consent/consent.service.js';
import { CONSENT_PURPOSES, type ShareRequest } from '../src/domain/consent.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

const consentForm = (over: Record<string, string> = {}) => ({
  info: 'case_content',
  recipientKind: 'partner',
  recipient: 'police',
  purpose: 'referral',
  obtainedVia: 'conversation',
  ...over,
});

async function newCase() {
  const { reference } = await submitReport(t.app, {
    anonymous: 'no',
    name: 'Fenna Testpersoon',
    contact: 'fenna@example.test',
  });
  return caseIdOf(t.deps, reference);
}

async function check(caseId: string, request: ShareRequest): Promise<string> {
  try {
    return (await t.deps.db.transaction().execute((trx) => requireConsent(trx, caseId, request)))
      .basis;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('the consent ledger', () => {
  it('records a consent and its withdrawal, and every sharing purpose is refused without a matching consent', async () => {
    const caseId = await newCase();
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    for (const purpose of CONSENT_PURPOSES) {
      const request: ShareRequest = {
        info: 'case_content',
        recipient: { kind: 'partner', value: 'police' },
        purpose,
      };
      expect(await check(caseId, request), purpose).toBe('CONSENT_REQUIRED');
    }
    await coordinator.client.get(`/cases/${caseId}/consents`);
    const res = await coordinator.client.submit(
      `/cases/${caseId}/consents`,
      consentForm({ note: 'Besproken op 3 maart' }),
    );
    expect(res.status).toBe(200);
    expect(coordinator.client.lastHtml).toContain('Besproken op 3 maart');
    const referral: ShareRequest = {
      info: 'case_content',
      recipient: { kind: 'partner', value: 'police' },
      purpose: 'referral',
    };
    expect(await check(caseId, referral)).toBe('consent');
    // A consent covers exactly what it names: not another purpose, recipient or kind of information.
    expect(await check(caseId, { ...referral, purpose: 'escalation' })).toBe('CONSENT_REQUIRED');
    expect(
      await check(caseId, { ...referral, recipient: { kind: 'partner', value: 'veilig_thuis' } }),
    ).toBe('CONSENT_REQUIRED');
    expect(await check(caseId, { ...referral, info: 'reporter_identity' })).toBe(
      'CONSENT_REQUIRED',
    );

    const grant = await t.deps.db
      .selectFrom('consent_grant')
      .select('id')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const withdrawn = await coordinator.client.submit(
      `/cases/${caseId}/consents/${grant.id}/withdraw`,
      { withdrawVia: 'mailbox' },
    );
    expect(withdrawn.status).toBe(200);
    expect(await check(caseId, referral)).toBe('CONSENT_REQUIRED');
    const types = (
      await t.deps.db
        .selectFrom('audit_event')
        .select('type')
        .where('case_id', '=', caseId)
        .execute()
    ).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['CONSENT_GRANTED', 'CONSENT_WITHDRAWN']));
  });

  it('allows a share under an acute-risk override, recorded with its sealed reason, for that share only', async () => {
    const caseId = await newCase();
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    await coordinator.client.get(`/cases/${caseId}/consents`);
    const reason = 'Dreiging met een mes, acuut gevaar';
    const res = await coordinator.client.submit(`/cases/${caseId}/overrides`, {
      info: 'reporter_identity',
      recipientKind: 'partner',
      recipient: 'police',
      purpose: 'escalation',
      reason,
    });
    expect(res.status).toBe(200);
    expect(coordinator.client.lastHtml).toContain(reason);
    const request: ShareRequest = {
      info: 'reporter_identity',
      recipient: { kind: 'partner', value: 'police' },
      purpose: 'escalation',
    };
    expect(await check(caseId, request)).toBe('acute_risk_override');
    expect(await check(caseId, { ...request, purpose: 'export' })).toBe('CONSENT_REQUIRED');
    const row = await t.deps.db
      .selectFrom('consent_override')
      .select('reason')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.reason.toString('latin1')).not.toContain('mes');
  });

  it('refuses the override to an adviser (coordinator only) and the ledger to staff outside the case', async () => {
    const caseId = await newCase();
    const adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    await adviser.client.get('/cases');
    const res = await adviser.client.submit(`/cases/${caseId}/overrides`, {
      info: 'case_content',
      recipientKind: 'partner',
      recipient: 'police',
      purpose: 'escalation',
      reason: 'x',
    });
    expect(res.status).toBe(403);
    const officer = await signedIn(t.app, t.deps, t.teamId, ['support_officer']);
    expect((await officer.client.get(`/cases/${caseId}/consents`)).status).toBe(403);
  });
});

describe('identity reveal (a sharing path)', () => {
  it('is refused without consent and logged; with consent the person is granted access and sees the identity', async () => {
    const caseId = await newCase();
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    const adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    // The case is unassigned: the adviser may open it, but the identity stays hidden.
    await adviser.client.get(`/cases/${caseId}`);
    expect(adviser.client.lastHtml).not.toContain('Fenna Testpersoon');
    await coordinator.client.get(`/cases/${caseId}`);
    expect(coordinator.client.lastHtml).toContain('Fenna Testpersoon');

    await coordinator.client.get(`/cases/${caseId}/consents`);
    const refused = await coordinator.client.submit(`/cases/${caseId}/identity-access`, {
      userId: adviser.id,
    });
    expect(refused.status).toBe(403);
    const refusals = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('case_id', '=', caseId)
      .where('type', '=', 'SHARE_REFUSED')
      .execute();
    expect(refusals).toHaveLength(1);

    await coordinator.client.get(`/cases/${caseId}/consents`);
    await coordinator.client.submit(
      `/cases/${caseId}/consents`,
      consentForm({
        info: 'reporter_identity',
        recipientKind: 'person',
        recipient: adviser.id,
        purpose: 'identity_reveal',
      }),
    );
    const granted = await coordinator.client.submit(`/cases/${caseId}/identity-access`, {
      userId: adviser.id,
    });
    expect(granted.status).toBe(200);
    await adviser.client.get(`/cases/${caseId}`);
    expect(adviser.client.lastHtml).toContain('Fenna Testpersoon');
    const types = (
      await t.deps.db
        .selectFrom('audit_event')
        .select('type')
        .where('case_id', '=', caseId)
        .execute()
    ).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['IDENTITY_ACCESS_GRANTED', 'IDENTITY_VIEWED']));
  });
});
