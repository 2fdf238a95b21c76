import { beforeAll, describe, expect, it } from 'vitest';
import { auditTypes, reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

/** Issue 21: an expert-team consultation without consent when nothing identifies the reporter (seeds/004, "desnoods anoniem"). */
const t = useTestApp({ app: { today: () => '2026-12-01' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
});

async function draft(caseId: string, summary: string) {
  const { client } = coordinator;
  await client.get(`/cases/${caseId}/consultations`);
  const created = await client.post(`/cases/${caseId}/consultations`, { summary });
  return new URL(created.headers.get('location')!, 'http://x').pathname;
}
const statusOf = async (caseId: string) =>
  (
    await t.deps.db
      .selectFrom('expert_consultation')
      .select('status')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).status;

describe('anonymous consultation without consent', () => {
  it('needs no consent when the check finds nothing and the adviser confirms nothing identifies the reporter', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const base = await draft(
      caseId,
      'Een medewerker wordt al weken gevolgd; de dreiging neemt toe.',
    );
    const { client } = coordinator;
    await client.get(base);
    expect(client.lastHtml).toContain('Niets in deze samenvatting wijst naar de melder');
    expect((await client.post(`${base}/publish`, {})).status).toBe(422); // without the adviser's confirmation: consent needed
    await client.get(base);
    expect((await client.post(`${base}/publish`, { nothingIdentifies: 'yes' })).status).toBe(303);
    expect(await statusOf(caseId)).toBe('published');
    const event = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', caseId)
      .where('type', '=', 'CONSULTATION_PUBLISHED')
      .executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({ basis: 'anonymous_nothing_identifies', basisId: null });
  });

  it('still needs consent when something identifying is in it, such as an e-mail address, even confirmed by the adviser', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const base = await draft(
      caseId,
      'Een medewerker wordt gevolgd; bereikbaar via melder@example.test.',
    );
    const { client } = coordinator;
    await client.get(base);
    const key = /name="key" value="([^"]+)"/.exec(client.lastHtml)![1]!;
    expect(key).toMatch(/^email:/);
    await client.post(`${base}/confirm`, { key });
    await client.get(base);
    expect((await client.post(`${base}/publish`, { nothingIdentifies: 'yes' })).status).toBe(422);
    expect(client.lastHtml).toContain('toestemming');
    expect(await statusOf(caseId)).toBe('draft');
    expect(await auditTypes(t.deps, caseId)).toContain('SHARE_REFUSED');
  });
});
