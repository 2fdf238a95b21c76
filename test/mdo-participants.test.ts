import { beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

/** Issue 21 (seeds/004): the zorgoverleg's participants by function, and its standing item for trends. */
const t = useTestApp({ app: { today: () => '2026-12-01' } });
let coordinator: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  coordinator = await signedInStaff(t.deps, t.app, ['safety_coordinator'], 'Coordinator');
});

describe('zorgoverleg participants by function', () => {
  it('records the functions taking part and shows them on the agenda with the standing trends item', async () => {
    const { client } = coordinator;
    await client.get('/mdo');
    const body = new URLSearchParams([
      ['_csrf', client.csrfToken()],
      ['heldOn', '2026-12-10'],
      ['participants', 'deans_office'],
      ['participants', 'legal_affairs'],
      ['participants', 'security'],
    ]);
    const res = await client.send('/mdo', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(303);
    const html = await (await client.get(res.headers.get('location')!)).text();
    expect(html).toContain('Deelnemers: Decanaat, Juristen, Veiligheid');
    expect(html).toContain('Vast agendapunt: trends en incidentanalyse');
    const row = await t.deps.db
      .selectFrom('mdo_meeting')
      .select('participants')
      .executeTakeFirstOrThrow();
    expect(row.participants).toBe('deans_office,legal_affairs,security');
    await client.get('/mdo');
    expect(
      (await client.post('/mdo', { heldOn: '2026-12-11', participants: 'the_mayor' })).status,
    ).toBe(422);
  });
});
