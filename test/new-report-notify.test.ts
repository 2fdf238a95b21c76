import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { createTestDeps } from './support/test-deps.js';
import { createStaff, createTeam, defaultTeamId } from './support/factories.js';
import { intakeFields, postMultipart, reportAnonymously } from './support/reporter-flow.js';
import { TestClient } from './support/http-client.js';
import { saveAdviserProfile } from '../src/server/admin/advisers.service.js';
import { startTestSmtp } from './support/smtp.js';
import { freePort } from './support/server.js';

/** A new report sends a content-free notice to the team's advisers and coordinators, over real SMTP. */
type Deps = Awaited<ReturnType<typeof createTestDeps>>;
let deps: Deps;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let app: ReturnType<typeof createApp>;
const people: Record<string, string> = {};
let studentsId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  deps = await createTestDeps({ MELDPUNT_SMTP_URL: smtp.url, MELDPUNT_BASE_URL: 'https://meldpunt.example' });
  app = createApp(deps);
  const students = await defaultTeamId(deps);
  studentsId = students;
  const ccp = await createTeam(deps, 'ccp');
  const adviser = await createStaff(deps, students, ['confidential_adviser']);
  const coordinator = await createStaff(deps, students, ['safety_coordinator', 'confidential_adviser']);
  const support = await createStaff(deps, students, ['support_officer']);
  const gone = await createStaff(deps, students, ['confidential_adviser']);
  const otherTeam = await createStaff(deps, ccp, ['confidential_adviser', 'safety_coordinator']);
  await deps.db.updateTable('app_user').set({ locale: 'en' }).where('id', '=', coordinator.id).execute();
  await deps.db.updateTable('app_user').set({ is_active: false }).where('id', '=', gone.id).execute();
  Object.assign(people, { adviser: adviser.email, coordinator: coordinator.email, support: support.email, gone: gone.email, otherTeam: otherTeam.email });
});
afterAll(async () => {
  await deps?.dispose();
  await smtp?.close();
});

const recipients = () => smtp.messages.map((m) => (Array.isArray(m.to) ? m.to : [m.to]).flatMap((a) => a?.value.map((v) => v.address) ?? [])).flat();

describe('new-report notifications', () => {
  it('mails the active advisers and coordinators of the team once each, in their language, without case content', async () => {
    const { reference } = await reportAnonymously(app, [], { narrative: 'Geheim verhaal over Pietersen en 7c1e.' });
    expect(recipients().sort()).toEqual([people.adviser, people.coordinator].sort());
    const byTo = (email: string) => smtp.messages.find((m) => JSON.stringify(m.to).includes(email))!;
    expect(byTo(people.adviser!).subject).toBe('Er staat iets voor u klaar in het meldpunt');
    expect(byTo(people.coordinator!).subject).toBe('Something is waiting for you at the reporting point');
    for (const m of smtp.messages) {
      expect(m.text).toContain('https://meldpunt.example/cases');
      for (const secret of ['Pietersen', '7c1e', reference, 'sexual', 'intimidat', 'Intimidatie']) expect(`${m.subject}\n${m.text}`).not.toContain(secret);
    }
  });

  it('still takes the report when the mail server is down', async () => {
    const down = await createTestDeps({ MELDPUNT_SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    try {
      await createStaff(down, await defaultTeamId(down), ['confidential_adviser']);
      const { reference } = await reportAnonymously(createApp(down));
      expect(await down.db.selectFrom('case').select('id').where('reference', '=', reference).executeTakeFirst()).toBeDefined();
    } finally {
      await down.dispose();
    }
  });

  it('sends one notice per recipient for a case, however often the submission is retried, and audits each without content', async () => {
    smtp.messages.length = 0;
    const client = new TestClient(app);
    await client.get('/melden');
    const fields = intakeFields(client, { narrative: 'Herhaald verstuurd verhaal over Jansen.' });
    expect((await postMultipart(client, '/melden', fields)).status).toBe(200);
    const reference = /data-testid="reference">([^<]+)</.exec(client.lastHtml)![1]!;
    expect(smtp.messages).toHaveLength(2);
    expect((await postMultipart(client, '/melden', fields)).status).toBe(200); // a double click, a reload
    expect(/data-testid="reference">([^<]+)</.exec(client.lastHtml)![1]).toBe(reference);
    expect(smtp.messages).toHaveLength(2);
    const kase = await deps.db.selectFrom('case').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
    const events = await deps.db.selectFrom('audit_event').select(['detail', 'actor_kind']).where('type', '=', 'NEW_REPORT_NOTICE_SENT').where('case_id', '=', kase.id).execute();
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(Object.keys(e.detail as object)).toEqual(['recipientId']);
      expect(JSON.stringify(e.detail)).not.toContain('Jansen');
    }
  });

  it('notifies only the adviser the reporter chose, plus the coordinators', async () => {
    const chosen = await createStaff(deps, studentsId, ['confidential_adviser']);
    await deps.db.transaction().execute((trx) =>
      saveAdviserProfile(trx, studentsId, chosen.id, { languages: ['nl'], locations: 'Campus', introNl: 'Hallo', introEn: 'Hello', isVisible: true }, { kind: 'system' }),
    );
    smtp.messages.length = 0;
    await reportAnonymously(app, [], { adviser: chosen.id });
    expect(recipients().sort()).toEqual([chosen.email, people.coordinator].sort());
    smtp.messages.length = 0;
    await reportAnonymously(app); // no choice: every adviser and coordinator
    expect(recipients().sort()).toEqual([chosen.email, people.adviser, people.coordinator].sort());
  });
});
