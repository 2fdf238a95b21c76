import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

const TODAY = '2026-11-23';
const t = useTestApp({ app: { today: () => TODAY } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
});

describe('risk assessment', () => {
  it('records a level with reasoning, keeps the history, and refuses a level below acute when an acute indicator is ticked', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/risk`);
    const first = await client.post(`/cases/${caseId}/risk`, {
      person: 'concern',
      others: 'none',
      environment: 'none',
      indicators: 'stalking_following',
      level: 'medium',
      reasoning: 'Volgt haar af en toe.',
    });
    expect(first.status).toBe(303);
    await client.get(`/cases/${caseId}/risk`);
    const refused = await client.send(`/cases/${caseId}/risk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['_csrf', client.csrfToken()],
        ['person', 'serious'],
        ['others', 'none'],
        ['environment', 'none'],
        ['acute', 'acute_third_parties'],
        ['indicators', 'stalking_following'],
        ['indicators', 'stalking_escalating'],
        ['level', 'high'],
        ['reasoning', 'Dreigt nu ook collega’s.'],
      ]),
    });
    expect(refused.status).toBe(422);
    expect(client.lastHtml).toContain('kies het niveau Acuut');
    expect(client.lastHtml).toContain('href="#field-level"');
    await client.get(`/cases/${caseId}/risk`);
    await client.post(`/cases/${caseId}/risk`, {
      person: 'serious',
      others: 'none',
      environment: 'none',
      indicators: 'stalking_escalating',
      level: 'high',
      reasoning: 'Escaleert: staat nu bij haar huis.',
    });
    const page = await client.get(`/cases/${caseId}/risk`);
    const html = await page.text();
    expect(html).toContain('Escaleert: staat nu bij haar huis.');
    expect(html).toContain('Volgt haar af en toe.');
    const rows = await t.deps.db
      .selectFrom('risk_assessment')
      .select(['level', 'computed_level', 'reassess_on'])
      .where('case_id', '=', caseId)
      .orderBy('assessed_at')
      .execute();
    expect(rows).toEqual([
      { level: 'medium', computed_level: 'medium', reassess_on: '2026-12-21' },
      { level: 'high', computed_level: 'high', reassess_on: '2026-11-30' },
    ]);
    const sealed = await t.deps.db
      .selectFrom('risk_assessment')
      .select('reasoning')
      .where('case_id', '=', caseId)
      .execute();
    expect(sealed.every((r) => !r.reasoning.toString('utf8').includes('Escaleert'))).toBe(true);
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['RISK_ASSESSED', 'RISK_VIEWED']),
    );
  });
});

describe('plan of action', () => {
  it('records steps with owner and due date and the agreement with the reporter', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/plan`);
    expect(
      (
        await client.post(`/cases/${caseId}/plan/steps`, {
          action: 'Gesprek met beveiliging over toegang',
          owner: 'Coördinator',
          dueOn: '2026-11-30',
        })
      ).status,
    ).toBe(303);
    await client.get(`/cases/${caseId}/plan`);
    expect(
      (
        await client.post(`/cases/${caseId}/plan/agreement`, {
          agreedOn: TODAY,
          via: 'conversation',
          note: 'Melder wil eerst beveiliging.',
        })
      ).status,
    ).toBe(303);
    const html = await (await client.get(`/cases/${caseId}/plan`)).text();
    expect(html).toContain('Gesprek met beveiliging over toegang');
    expect(html).toContain('Afgesproken op 23 november 2026'); // TODAY, the Dutch way (issue 19)
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['PLAN_STEP_ADDED', 'PLAN_AGREEMENT_RECORDED', 'PLAN_VIEWED']),
    );
  });
});

describe('escalation ladder', () => {
  it('climbs in order: a later step is refused, skipping needs a reason, and the page shows where the case stands', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    const page = `/cases/${caseId}/escalation`;
    await client.get(page);
    expect(client.lastHtml).toContain('Nu aan de beurt: Zorg bespreken met de betrokkene.');
    const early = await client.post(`${page}/steps`, {
      step: 'collegial_consultation',
      occurredOn: TODAY,
      who: 'Team',
      why: 'Zorgen delen',
    });
    expect(early.status).toBe(422);
    expect(client.lastHtml).toContain(
      'Eerst komt de stap &quot;Zorg bespreken met de betrokkene&quot;',
    );
    await client.get(page);
    const noReason = await client.post(`${page}/skip`, { rung: 'discuss_with_person', reason: '' });
    expect(noReason.status).toBe(422);
    expect(
      await t.deps.db
        .selectFrom('escalation_skip')
        .select('id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toHaveLength(0);
    await client.get(page);
    expect(
      (
        await client.post(`${page}/skip`, {
          rung: 'discuss_with_person',
          reason: 'De betrokkene is onbereikbaar.',
        })
      ).status,
    ).toBe(303);
    await client.get(page);
    expect(
      (
        await client.post(`${page}/steps`, {
          step: 'mdo',
          occurredOn: TODAY,
          who: 'Coördinator',
          why: 'Zorgen nemen toe',
        })
      ).status,
    ).toBe(422);
    await client.post(`${page}/steps`, {
      step: 'collegial_consultation',
      occurredOn: TODAY,
      who: 'Team',
      why: 'Zorgen delen',
    });
    await client.get(page);
    expect(
      (
        await client.post(`${page}/steps`, {
          step: 'mdo',
          occurredOn: TODAY,
          who: 'Coördinator',
          why: 'Zorgen nemen toe',
        })
      ).status,
    ).toBe(303);
    await client.get(page);
    expect(
      (
        await client.post(`${page}/framework2`, {
          allOptionsUsed: 'yes',
          consentEffortsMade: 'yes',
          necessaryForRisk: 'yes',
          explanation: 'x',
        })
      ).status,
    ).toBe(422);
    expect(client.lastHtml).toContain('Eerst komt de stap &quot;Afwegingskader 1&quot;');
    const step = await t.deps.db
      .selectFrom('escalation_step')
      .select('id')
      .where('case_id', '=', caseId)
      .where('step', '=', 'mdo')
      .executeTakeFirstOrThrow();
    await client.get(page);
    await client.post(`${page}/steps/${step.id}/outcome`, {
      [`outcome-${step.id}`]: 'Besloten tot aangifte',
    });
    const html = await (await client.get(page)).text();
    expect(html).toContain('Besloten tot aangifte');
    expect(html).toContain('overgeslagen (');
    expect(html).toContain('De betrokkene is onbereikbaar.');
    expect(html).toContain('Nu aan de beurt: Afwegingskader 1.');
    const skip = await t.deps.db
      .selectFrom('escalation_skip')
      .select('reason')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(skip.reason.toString('utf8')).not.toContain('onbereikbaar');
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining([
        'ESCALATION_RUNG_SKIPPED',
        'ESCALATION_STEP_RECORDED',
        'ESCALATION_OUTCOME_RECORDED',
      ]),
    );
  });

  it('records wederhoor (hearing the accused) beside the ladder: date, who heard them, the outcome', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/escalation`);
    expect(
      (
        await client.post(`/cases/${caseId}/escalation/steps`, {
          step: 'hearing_accused',
          occurredOn: TODAY,
          who: 'Jurist en coördinator',
          why: 'Formele klacht: wederhoor',
        })
      ).status,
    ).toBe(303);
    const step = await t.deps.db
      .selectFrom('escalation_step')
      .select('id')
      .where('case_id', '=', caseId)
      .where('step', '=', 'hearing_accused')
      .executeTakeFirstOrThrow();
    await client.get(`/cases/${caseId}/escalation`);
    await client.post(`/cases/${caseId}/escalation/steps/${step.id}/outcome`, {
      [`outcome-${step.id}`]: 'Beklaagde ontkent; verklaring vastgelegd.',
    });
    const html = await (await client.get(`/cases/${caseId}/escalation`)).text();
    expect(html).toContain('Wederhoor: de beklaagde gehoord');
    expect(html).toContain('Beklaagde ontkent; verklaring vastgelegd.');
    expect(html).toContain('Nu aan de beurt: Zorg bespreken met de betrokkene.'); // wederhoor is no rung of the ladder
  });

  it('shares under an acute-risk override without the ladder or consent, recording the reason sealed in the consent ledger', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const { client } = coordinator;
    await client.get(`/cases/${caseId}/escalation`);
    const reason = 'Dreigt vanavond met een mes naar haar huis te komen.';
    const res = await client.post(`/cases/${caseId}/escalation/share`, {
      partner: 'police',
      info: 'reporter_identity',
      sharedOn: TODAY,
      acuteReason: reason,
    });
    expect(res.status, /error-summary[\s\S]*?<\/ul>/.exec(client.lastHtml)?.[0]).toBe(303);
    const row = await t.deps.db
      .selectFrom('external_share')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect([row.basis, row.ledger_basis, row.all_options_used]).toEqual([
      'acute_override',
      'acute_risk_override',
      false,
    ]);
    const override = await t.deps.db
      .selectFrom('consent_override')
      .selectAll()
      .where('id', '=', row.ledger_basis_id)
      .executeTakeFirstOrThrow();
    expect([override.recipient, override.purpose]).toEqual(['police', 'escalation']);
    expect(override.reason.toString('utf8')).not.toContain('mes');
    const types = await auditTypes(t.deps, caseId);
    expect(types.indexOf('CONSENT_OVERRIDE_RECORDED')).toBeGreaterThan(-1);
    expect(types.indexOf('EXTERNAL_SHARE_RECORDED')).toBeGreaterThan(
      types.indexOf('CONSENT_OVERRIDE_RECORDED'),
    );
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it('refuses an adviser who is not assigned to the case, and a staff member of another role', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: coordinator.id })
      .where('id', '=', caseId)
      .execute();
    const adviser = await signedInStaff(t.deps, t.app, ['confidential_adviser'], 'Other adviser');
    expect((await adviser.client.get(`/cases/${caseId}/escalation`)).status).toBe(403);
    const support = await signedInStaff(t.deps, t.app, ['support_officer'], 'Support');
    expect((await support.client.get(`/cases/${caseId}/risk`)).status).toBe(403);
    expect(await auditTypes(t.deps, caseId)).toContain('CASE_ACCESS_REFUSED');
  });
});
