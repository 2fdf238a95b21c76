import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { createTestDeps } from './support/test-deps.js';
import { createStaff, createTeam, defaultTeamId } from './support/factories.js';
import { intakeFields, postMultipart, reportAnonymously } from './support/reporter-flow.js';
import { TestClient } from './support/http-client.js';
import { saveAdviserProfile } from '../src/server/admin/advisers.service.js';
import { freePort } from './support/server.js';
import { useTestApp } from './support/use-test-app.js';

/** A new report sends a content-free notice to the team's advisers and coordinators, over real SMTP. */
const t = useTestApp({ smtp: true, env: { MELDPUNT_BASE_URL: 'https://meldpunt.example' } });
const people: Record<string, string> = {};

beforeAll(async () => {
  const ccp = await createTeam(t.deps, 'ccp');
  const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
  const coordinator = await createStaff(t.deps, t.teamId, [
    'safety_coordinator',
    'confidential_adviser',
  ]);
  const support = await createStaff(t.deps, t.teamId, ['support_officer']);
  const gone = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
  const otherTeam = await createStaff(t.deps, ccp, ['confidential_adviser', 'safety_coordinator']);
  await t.deps.db
    .updateTable('app_user')
    .set({ locale: 'en' })
    .where('id', '=', coordinator.id)
    .execute();
  await t.deps.db
    .updateTable('app_user')
    .set({ is_active: false })
    .where('id', '=', gone.id)
    .execute();
  Object.assign(people, {
    adviser: adviser.email,
    coordinator: coordinator.email,
    support: support.email,
    gone: gone.email,
    otherTeam: otherTeam.email,
  });
});

const recipients = () =>
  t.smtp.messages
    .map((m) =>
      (Array.isArray(m.to) ? m.to : [m.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []),
    )
    .flat();

describe('new-report notifications', () => {
  it('mails the active advisers and coordinators of the team once each, in their language, without case content', async () => {
    const { reference } = await reportAnonymously(t.app, [], {
      narrative: 'Geheim verhaal over Pietersen en 7c1e.',
    });
    expect(recipients().sort()).toEqual([people.adviser, people.coordinator].sort());
    const byTo = (email: string) =>
      t.smtp.messages.find((m) => JSON.stringify(m.to).includes(email))!;
    expect(byTo(people.adviser!).subject).toBe('Er staat iets voor u klaar in het meldpunt');
    expect(byTo(people.coordinator!).subject).toBe(
      'Something is waiting for you at the reporting point',
    );
    for (const m of t.smtp.messages) {
      expect(m.text).toContain('https://meldpunt.example/cases');
      for (const secret of ['Pietersen', '7c1e', reference, 'sexual', 'intimidat', 'Intimidatie'])
        expect(`${m.subject}\n${m.text}`).not.toContain(secret);
    }
  });

  it('still takes the report when the mail server is down', async () => {
    const down = await createTestDeps({
      MELDPUNT_SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    });
    try {
      await createStaff(down, await defaultTeamId(down), ['confidential_adviser']);
      const { reference } = await reportAnonymously(createApp(down));
      expect(
        await down.db
          .selectFrom('case')
          .select('id')
          .where('reference', '=', reference)
          .executeTakeFirst(),
      ).toBeDefined();
    } finally {
      await down.dispose();
    }
  });

  it('sends one notice per recipient for a case, however often the submission is retried, and audits each without content', async () => {
    t.smtp.messages.length = 0;
    const client = new TestClient(t.app);
    await client.get('/melden');
    const fields = intakeFields(client, { narrative: 'Herhaald verstuurd verhaal over Jansen.' });
    expect((await postMultipart(client, '/melden', fields)).status).toBe(200);
    const reference = /data-testid="reference">([^<]+)</.exec(client.lastHtml)![1]!;
    expect(t.smtp.messages).toHaveLength(2);
    expect((await postMultipart(client, '/melden', fields)).status).toBe(200); // a double click, a reload
    expect(/data-testid="reference">([^<]+)</.exec(client.lastHtml)![1]).toBe(reference);
    expect(t.smtp.messages).toHaveLength(2);
    const kase = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail', 'actor_kind'])
      .where('type', '=', 'NEW_REPORT_NOTICE_SENT')
      .where('case_id', '=', kase.id)
      .execute();
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(Object.keys(e.detail as object)).toEqual(['recipientId']);
      expect(JSON.stringify(e.detail)).not.toContain('Jansen');
    }
  });

  it('notifies only the adviser the reporter chose, plus the coordinators', async () => {
    const chosen = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    await t.deps.db.transaction().execute((trx) =>
      saveAdviserProfile(
        trx,
        t.teamId,
        chosen.id,
        {
          languages: ['nl'],
          locations: 'Campus',
          introNl: 'Hallo',
          introEn: 'Hello',
          isVisible: true,
        },
        { kind: 'system' },
      ),
    );
    t.smtp.messages.length = 0;
    await reportAnonymously(t.app, [], { adviser: chosen.id });
    expect(recipients().sort()).toEqual([chosen.email, people.coordinator].sort());
    t.smtp.messages.length = 0;
    await reportAnonymously(t.app); // no choice: every adviser and coordinator
    expect(recipients().sort()).toEqual([chosen.email, people.adviser, people.coordinator].sort());
  });
});
