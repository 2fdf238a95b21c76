import { beforeAll, describe, expect, it } from 'vitest';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

/** Issue 21, seeds/003: the collective norm, the communications action list, the impact on work. */
const TODAY = '2026-12-01';
const t = useTestApp({ app: { today: () => TODAY } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
});

const filedByEmployer = {
  status: 'filed',
  filedOn: TODAY,
  filedBy: 'employer',
  employerAddress: 'Minderbroedersberg 4-6, Maastricht',
};

describe('threats against staff: the collective norm', () => {
  it('prompts the norm for a staff member’s threat and lets the employer file on their behalf', async () => {
    const caseId = await reportStalking(t.deps, t.app, {
      category: 'threat',
      reporterRole: 'staff',
    });
    const { client } = coordinator;
    const threats = await (await client.get(`/cases/${caseId}/threats`)).text();
    expect(threats).toContain('doet de werkgever aangifte namens de medewerker');
    const police = await (await client.get(`/cases/${caseId}/police`)).text();
    expect(police).toContain('value="employer"');
    expect((await client.post(`/cases/${caseId}/police`, filedByEmployer)).status).toBe(303);
    const row = await t.deps.db
      .selectFrom('police_report')
      .select('filed_by')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.filed_by).toBe('employer');
  });

  it('a student reporter cannot have the employer file on their behalf', async () => {
    const caseId = await reportStalking(t.deps, t.app, {
      category: 'threat',
      reporterRole: 'student',
    });
    const { client } = coordinator;
    const police = await (await client.get(`/cases/${caseId}/police`)).text();
    expect(police).toContain('doet een student zelf aangifte');
    expect(police).not.toContain('value="employer"');
    const refused = await client.post(`/cases/${caseId}/police`, filedByEmployer);
    expect(refused.status).toBe(422);
    expect(client.lastHtml).toContain('De werkgever doet alleen aangifte namens een medewerker');
    expect(
      await t.deps.db
        .selectFrom('police_report')
        .select('case_id')
        .where('case_id', '=', caseId)
        .execute(),
    ).toHaveLength(0);
    await client.get(`/cases/${caseId}/police`);
    expect(
      (
        await client.post(`/cases/${caseId}/police`, {
          status: 'filed',
          filedOn: TODAY,
          filedBy: 'reporter',
        })
      ).status,
    ).toBe(303);
  });

  it.each([
    ['theft', 'Diefstal'],
    ['burglary', 'Inbraak'],
  ])(
    'offers %s in the public form and prompts the norm from it (seeds/003: "inbraak of diefstal")',
    async (category, label) => {
      const caseId = await reportStalking(t.deps, t.app, { category, reporterRole: 'staff' });
      const stored = await t.deps.db
        .selectFrom('case')
        .select('category')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(stored.category).toBe(category);
      const { client } = coordinator;
      expect(await (await client.get(`/cases/${caseId}`)).text()).toContain(label);
      const threats = await (await client.get(`/cases/${caseId}/threats`)).text();
      expect(threats).toContain('data-testid="collective-norm"');
      expect(threats).toContain('doet de werkgever aangifte namens de medewerker');
      expect(await (await client.get(`/cases/${caseId}/police`)).text()).toContain(
        'value="employer"',
      );
    },
  );

  it('does not prompt the norm for other categories', async () => {
    const caseId = await reportStalking(t.deps, t.app, {
      category: 'bullying',
      reporterRole: 'staff',
    });
    expect(await (await coordinator.client.get(`/cases/${caseId}/threats`)).text()).not.toContain(
      'data-testid="collective-norm"',
    );
  });
});

describe('the communications action list and the impact on work', () => {
  it('ticks actions with the day they were done, unticks, and records the impact and a temporary contract', async () => {
    const caseId = await reportStalking(t.deps, t.app, {
      category: 'threat',
      reporterRole: 'staff',
    });
    const { client } = coordinator;
    const page = `/cases/${caseId}/threats`;
    await client.get(page);
    const body = new URLSearchParams([
      ['_csrf', client.csrfToken()],
      ['actions', 'untag'],
      ['actions', 'monitor'],
    ]);
    expect(
      (
        await client.send(`${page}/comms`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        })
      ).status,
    ).toBe(303);
    let html = await (await client.get(page)).text();
    expect(html).toContain('2 van 5 acties gedaan.');
    expect(html).toContain('gedaan op 1 december 2026'); // TODAY, the Dutch way (issue 19)
    expect((await client.post(`${page}/comms`, { actions: 'untag' })).status).toBe(303);
    const rows = await t.deps.db
      .selectFrom('threat_comms_action')
      .select(['action', 'done_on'])
      .where('case_id', '=', caseId)
      .execute();
    expect(rows).toEqual([{ action: 'untag', done_on: TODAY }]);

    await client.get(page);
    expect(
      (
        await client.post(`${page}/impact`, {
          impact: 'Kan zich slecht concentreren; zegt optredens af.',
        })
      ).status,
    ).toBe(422);
    await client.get(page);
    expect(
      (
        await client.post(`${page}/impact`, {
          impact: 'Kan zich slecht concentreren; zegt optredens af.',
          temporaryContract: 'yes',
        })
      ).status,
    ).toBe(303);
    html = await (await client.get(page)).text();
    expect(html).toContain('Kan zich slecht concentreren; zegt optredens af.');
    expect(html).toContain('Tijdelijk contract: extra aandacht nodig.');
    const impact = await t.deps.db
      .selectFrom('threat_work_impact')
      .select(['impact', 'temporary_contract'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(impact.temporary_contract).toBe(true);
    expect(impact.impact.toString('utf8')).not.toContain('concentreren');
    expect(await auditTypes(t.deps, caseId)).toEqual(
      expect.arrayContaining(['THREAT_COMMS_ACTIONS_UPDATED', 'THREAT_WORK_IMPACT_RECORDED']),
    );
  });

  it('lists WetenschapVeilig and PersVeilig in the default referral directory', async () => {
    const caseId = await reportStalking(t.deps, t.app, {
      category: 'threat',
      reporterRole: 'staff',
    });
    const html = await (await coordinator.client.get(`/cases/${caseId}/referrals`)).text();
    expect(html).toContain('WetenschapVeilig');
    expect(html).toContain('PersVeilig');
  });
});
