import { beforeAll, describe, expect, it } from 'vitest';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

/** Issue 21: the expert team by discipline — a consultation goes to the disciplines it needs; members see only theirs. */
const t = useTestApp({ app: { today: () => '2026-12-01' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;
let lawyer: Awaited<ReturnType<typeof signedInStaff>>;
let psychologist: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
  lawyer = await signedInStaff(t.deps, t.app, ['expert_team_member'], 'Lena Jurist');
  psychologist = await signedInStaff(t.deps, t.app, ['expert_team_member'], 'Piet Psycholoog');
  const { client } = coordinator;
  for (const [member, discipline] of [
    [lawyer, 'lawyer'],
    [psychologist, 'psychologist'],
  ] as const) {
    await client.get('/team/expert-disciplines');
    expect(
      (
        await client.post('/team/expert-disciplines', {
          userId: member.id,
          disciplines: discipline,
        })
      ).status,
    ).toBe(303);
  }
});

async function publish(caseId: string, disciplines: string[]) {
  const { client } = coordinator;
  await client.get(`/cases/${caseId}/consultations`);
  const created = await client.post(`/cases/${caseId}/consultations`, {
    summary: 'Een medewerker wordt online bedreigd na een mediaoptreden.',
  });
  const base = new URL(created.headers.get('location')!, 'http://x').pathname;
  await client.get(base);
  const body = new URLSearchParams([
    ['_csrf', client.csrfToken()],
    ...disciplines.map((d) => ['disciplines', d]),
  ]);
  expect(
    (
      await client.send(`${base}/disciplines`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
    ).status,
  ).toBe(303);
  await client.get(base);
  expect((await client.post(`${base}/publish`, { nothingIdentifies: 'yes' })).status).toBe(303);
  return base.split('/').pop()!;
}

describe('expert team by discipline', () => {
  it('shows a consultation for the lawyer only to the lawyer; one for no discipline to the whole team', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const forLawyer = await publish(caseId, ['lawyer']);
    expect(
      await (await coordinator.client.get(`/cases/${caseId}/consultations/${forLawyer}`)).text(),
    ).toContain('Jurist');

    expect(await (await lawyer.client.get('/consultations')).text()).toContain(
      `/consultations/${forLawyer}`,
    );
    expect((await lawyer.client.get(`/consultations/${forLawyer}`)).status).toBe(200);
    expect(await (await psychologist.client.get('/consultations')).text()).not.toContain(
      `/consultations/${forLawyer}`,
    );
    expect((await psychologist.client.get(`/consultations/${forLawyer}`)).status).toBe(404);
    await psychologist.client.get('/consultations');
    expect(
      (
        await psychologist.client.post(`/consultations/${forLawyer}/advice`, {
          advice: 'Mijn advies.',
        })
      ).status,
    ).toBe(404);

    const forAll = await publish(caseId, []);
    expect((await psychologist.client.get(`/consultations/${forAll}`)).status).toBe(200);
    expect((await lawyer.client.get(`/consultations/${forAll}`)).status).toBe(200);
    expect(await auditTypes(t.deps, caseId)).toContain('CONSULTATION_DISCIPLINES_SET');
    const assigned = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('type', '=', 'EXPERT_DISCIPLINES_ASSIGNED')
      .execute();
    expect(assigned.length).toBeGreaterThanOrEqual(2);
  });

  it('lists the team’s expert-team members with their disciplines for the coordinator only', async () => {
    const html = await (await coordinator.client.get('/team/expert-disciplines')).text();
    expect(html).toContain('Lena Jurist');
    expect(html).toContain('Piet Psycholoog');
    expect((await lawyer.client.get('/team/expert-disciplines')).status).toBe(403);
  });
});
