import { beforeAll, describe, expect, it } from 'vitest';
import { reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

/** Issue 21: the ombudsperson handles complaints about procedure — and sees no case content. */
const t = useTestApp({ app: { today: () => '2026-12-01' } });
let ombudsperson: Awaited<ReturnType<typeof signedInStaff>>;
let board: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  ombudsperson = await signedInStaff(t.deps, t.app, ['ombudsperson'], 'Ombudsperson');
  board = await signedInStaff(t.deps, t.app, ['board'], 'Board member');
});

describe('the ombudsperson', () => {
  it('sees no case content: not the case list, not a case or any of its pages, not the board requests or consultations', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const reference = (
      await t.deps.db
        .selectFrom('case')
        .select('reference')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).reference;
    const secrets = [
      reference,
      'Sanne Visser',
      'Karel Pietersen',
      'sanne.visser@example.test',
      'wacht mij al weken op',
    ];
    const { client } = ombudsperson;
    const list = await (await client.get('/cases')).text();
    for (const s of secrets) expect(list).not.toContain(s);
    for (const page of [
      '',
      '/escalation',
      '/police',
      '/threats',
      '/consents',
      '/risk',
      '/plan',
      '/referrals',
      '/consultations',
      '/mdo',
    ]) {
      const res = await client.get(`/cases/${caseId}${page}`);
      expect([403, 404], `/cases/:id${page}`).toContain(res.status);
      const html = await res.text();
      for (const s of secrets) expect(html, `/cases/:id${page}`).not.toContain(s);
    }
    for (const page of ['/board/escalations', '/consultations', '/mdo', '/patterns', '/audit'])
      expect([403, 404], page).toContain((await client.get(page)).status);
  });

  it('records a complaint about procedure with its six-week deadline and closes it; gives advice the board answers', async () => {
    const { client } = ombudsperson;
    await client.get('/ombudsperson');
    expect(
      (await client.post('/ombudsperson/complaints', { receivedOn: '2026-10-01', subject: '' }))
        .status,
    ).toBe(422);
    await client.get('/ombudsperson');
    expect(
      (
        await client.post('/ombudsperson/complaints', {
          receivedOn: '2026-10-01',
          subject: 'Mijn melding is niet binnen de termijn opgepakt.',
        })
      ).status,
    ).toBe(303);
    let html = await (await client.get('/ombudsperson')).text();
    expect(html).toContain('reageren uiterlijk op 12 november 2026');
    expect(html).toContain('Termijn verstreken.'); // today is 2026-12-01
    const row = await t.deps.db
      .selectFrom('procedure_complaint')
      .select(['id', 'subject'])
      .executeTakeFirstOrThrow();
    expect(row.subject.toString('utf8')).not.toContain('termijn');
    await client.post(`/ombudsperson/complaints/${row.id}/close`, {
      [`outcome-${row.id}`]: 'Gegrond; werkwijze aangepast.',
      [`outcomeKind-${row.id}`]: 'upheld',
    });
    html = await (await client.get('/ombudsperson')).text();
    expect(html).toContain('afgehandeld op 1 december 2026');
    expect(html).toContain('Gegrond; werkwijze aangepast.');

    expect(
      (
        await client.post('/ombudsperson/advice', {
          advice: 'Leg de termijnen vast in het protocol.',
        })
      ).status,
    ).toBe(303);
    const advice = await t.deps.db
      .selectFrom('board_advice')
      .select('id')
      .executeTakeFirstOrThrow();
    expect(await (await board.client.get('/board/advice')).text()).toContain(
      'Leg de termijnen vast in het protocol.',
    );
    expect(
      (
        await board.client.post(`/board/advice/${advice.id}/answer`, {
          [`answer-${advice.id}`]: 'Overgenomen per 1 januari.',
        })
      ).status,
    ).toBe(303);
    expect(await (await client.get('/ombudsperson')).text()).toContain(
      'Overgenomen per 1 januari.',
    );
    expect((await board.client.get('/ombudsperson')).status).toBe(403);
    expect((await client.get('/board/advice')).status).toBe(403);
    const types = (await t.deps.db.selectFrom('audit_event').select('type').execute()).map(
      (r) => r.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'PROCEDURE_COMPLAINT_RECORDED',
        'PROCEDURE_COMPLAINT_CLOSED',
        'BOARD_ADVICE_GIVEN',
        'BOARD_ADVICE_ANSWERED',
      ]),
    );
  });
});
