import { beforeAll, describe, expect, it } from 'vitest';
import { reportStalking, signedInStaff } from './support/safety-case.js';
import { useTestApp } from './support/use-test-app.js';

/** Issue 21: the ombudsperson handles complaints about procedure — and sees no case content. */
const t = useTestApp({ app: { today: () => '2026-12-01' } });
let ombudsperson: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  ombudsperson = await signedInStaff(t.deps, t.app, ['ombudsperson'], 'Ombudsperson');
});

describe('the ombudsperson', () => {
  it('sees no case content: not the case list, not a case or any of its pages, not the board requests or consultations', async () => {
    const caseId = await reportStalking(t.deps, t.app);
    const reference = (await t.deps.db.selectFrom('case').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()).reference;
    const secrets = [reference, 'Sanne Visser', 'Karel Pietersen', 'sanne.visser@example.test', 'wacht mij al weken op'];
    const { client } = ombudsperson;
    const list = await (await client.get('/cases')).text();
    for (const s of secrets) expect(list).not.toContain(s);
    for (const page of ['', '/escalation', '/police', '/threats', '/consents', '/risk', '/plan', '/referrals', '/consultations', '/mdo']) {
      const res = await client.get(`/cases/${caseId}${page}`);
      expect([403, 404], `/cases/:id${page}`).toContain(res.status);
      const html = await res.text();
      for (const s of secrets) expect(html, `/cases/:id${page}`).not.toContain(s);
    }
    for (const page of ['/board/escalations', '/consultations', '/mdo', '/patterns', '/audit']) expect([403, 404], page).toContain((await client.get(page)).status);
  });
});
