import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ smtp: true });
let coordinator: TestClient;
let coordinatorId: string;

async function signedIn(
  roles: Parameters<typeof createStaff>[2],
  name = 'Test User',
  lang?: 'nl' | 'en',
) {
  const user = await createStaff(t.deps, t.teamId, roles, name);
  const client = new TestClient(t.app, lang);
  expect((await client.signIn(user.email, PASSWORD)).status).toBe(303);
  return { client, id: user.id };
}

const protocolIdOf = (html: string, title: string) =>
  new RegExp(`${title} \\(versie \\d+[^]*?name="protocolId" value="([0-9a-f-]{36})"`).exec(
    html,
  )?.[1] ?? '';

beforeAll(async () => {
  ({ client: coordinator, id: coordinatorId } = await signedIn(
    ['safety_coordinator'],
    'Coco Coördinator',
  ));
});

describe('protocols on a case', () => {
  it('recommends the reporting code for domestic violence; two steps ticked with who and when; open steps on the case and in the inbox', async () => {
    const c = await seedCase(t.deps, t.teamId, { category: 'domestic_violence' });
    const page = await coordinator.get(`/cases/${c.id}/protocols`);
    expect(page.status).toBe(200);
    const recommended = coordinator.lastHtml.slice(
      coordinator.lastHtml.indexOf('Past bij de aard'),
      coordinator.lastHtml.indexOf('Andere protocollen'),
    );
    expect(recommended).toContain('Meldcode huiselijk geweld');
    expect(recommended).not.toContain('Protocol zorgwekkend gedrag');

    const protocolId = protocolIdOf(coordinator.lastHtml, 'Meldcode huiselijk geweld');
    expect(
      (await coordinator.post(`/cases/${c.id}/protocols`, { protocolId, via: 'category' })).status,
    ).toBe(303);
    await coordinator.get(`/cases/${c.id}/protocols`);
    expect(coordinator.lastHtml).toContain(
      'Collegiale consultatie en advies vragen aan Veilig Thuis (0800-2000)',
    );
    const cpId = /action="\/cases\/[0-9a-f-]+\/protocols\/([0-9a-f-]{36})\/steps\/signals"/.exec(
      coordinator.lastHtml,
    )![1]!;

    for (const step of ['signals', 'consult']) {
      expect(
        (await coordinator.post(`/cases/${c.id}/protocols/${cpId}/steps/${step}`, {})).status,
      ).toBe(303);
    }
    expect(
      (await coordinator.post(`/cases/${c.id}/protocols/${cpId}/steps/consult`, {})).status,
    ).toBe(303); // a second tick changes nothing
    await coordinator.get(`/cases/${c.id}/protocols`);
    expect(
      coordinator.lastHtml.match(
        /afgerond door Coco Coördinator op \d{1,2} [a-z]+ \d{4} \d{2}:\d{2}/g,
      ),
    ).toHaveLength(2);

    const ticks = await t.deps.db
      .selectFrom('case_protocol_step')
      .select(['step_key', 'done_by'])
      .where('case_protocol_id', '=', cpId)
      .orderBy('step_key')
      .execute();
    expect(ticks).toEqual([
      { step_key: 'consult', done_by: coordinatorId },
      { step_key: 'signals', done_by: coordinatorId },
    ]);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('case_id', '=', c.id)
      .where('type', 'like', 'CASE_PROTOCOL%')
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual([
      'CASE_PROTOCOLS_VIEWED',
      'CASE_PROTOCOLS_VIEWED',
      'CASE_PROTOCOLS_VIEWED',
      'CASE_PROTOCOL_ATTACHED',
      'CASE_PROTOCOL_STEP_TICKED',
      'CASE_PROTOCOL_STEP_TICKED',
    ]);

    expect((await coordinator.get(`/cases/${c.id}`)).status).toBe(200);
    expect(
      /data-testid="protocol-open-steps">[^]*?4 open stap\(pen\)/.test(coordinator.lastHtml),
    ).toBe(true);
    await coordinator.get(`/cases?q=${c.reference}`);
    expect(coordinator.lastHtml).toMatch(/data-testid="inbox-open-steps">4 open stap\(pen\)</);
  });

  it('attaches any protocol by choice, in English too', async () => {
    const c = await seedCase(t.deps, t.teamId, { category: 'bullying' });
    const { client } = await signedIn(['safety_coordinator'], 'Eve English', 'en');
    await client.get(`/cases/${c.id}/protocols`);
    expect(client.lastHtml).toContain('No protocol is attached to this report yet.');
    expect(client.lastHtml).not.toContain('Fits the kind of this report');
    const protocolId = new RegExp(
      'Worrying-behaviour protocol \\(version 1[^]*?name="protocolId" value="([0-9a-f-]{36})"',
    ).exec(client.lastHtml)![1]!;
    await client.post(`/cases/${c.id}/protocols`, { protocolId, via: 'choice' });
    await client.get(`/cases/${c.id}/protocols`);
    expect(client.lastHtml).toContain(
      'Rule out acute danger (acute danger: 112; suicidality: 113)',
    );
    expect(client.lastHtml).toContain('attached by choice');
    const row = await t.deps.db
      .selectFrom('case_protocol')
      .select('attached_via')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.attached_via).toBe('choice');
  });

  it('refuses the protocols and the safety plan of a case to a support officer and an administrator', async () => {
    const c = await seedCase(t.deps, t.teamId, { category: 'domestic_violence' });
    for (const role of ['support_officer', 'administrator'] as const) {
      const { client } = await signedIn([role]);
      for (const path of ['protocols', 'safety-plan', 'safety-plan/print', 'urgent'])
        expect((await client.get(`/cases/${c.id}/${path}`)).status).toBe(403);
      expect(
        (
          await client.post(`/cases/${c.id}/safety-plan`, {
            keepReady: 'x',
            whomToCall: 'y',
            safeMoments: 'z',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await client.post(`/cases/${c.id}/protocols`, {
            protocolId: crypto.randomUUID(),
            via: 'choice',
          })
        ).status,
      ).toBe(403);
    }
    expect(
      await t.deps.db
        .selectFrom('safety_plan')
        .select('case_id')
        .where('case_id', '=', c.id)
        .execute(),
    ).toEqual([]);
  });
});

describe('the team edits its protocols', () => {
  it('keeps versions: an old case shows the version it followed, a new case gets the new one', async () => {
    const old = await seedCase(t.deps, t.teamId, { category: 'threat' });
    await coordinator.get(`/cases/${old.id}/protocols`);
    const protocolId = protocolIdOf(
      coordinator.lastHtml,
      'Actielijst na bedreiging \\(instelling\\)',
    );
    await coordinator.post(`/cases/${old.id}/protocols`, { protocolId, via: 'category' });

    await coordinator.get(`/team/protocols/${protocolId}`);
    expect(coordinator.inputValue('titleNl')).toBe('Actielijst na bedreiging (instelling)');
    const bad = await coordinator.post(`/team/protocols/${protocolId}`, {
      titleNl: 'Actielijst',
      titleEn: 'Action list',
      categories: 'threat',
      stepsNl: 'Een\nTwee',
      stepsEn: 'One',
    });
    expect(bad.status).toBe(422);
    expect(coordinator.lastHtml).toContain('href="#field-stepsEn"');
    expect(coordinator.lastHtml).toContain(
      'Geef evenveel stappen in het Engels als in het Nederlands.',
    );

    const ok = await coordinator.post(`/team/protocols/${protocolId}`, {
      titleNl: 'Actielijst na bedreiging',
      titleEn: 'Action list after a threat',
      categories: 'threat',
      stepsNl: 'Bewijs veiliggesteld\nMeldpunt beveiliging ingelicht',
      stepsEn: 'Evidence saved\nSecurity informed',
    });
    expect(ok.status).toBe(303);
    const versions = await t.deps.db
      .selectFrom('protocol_version')
      .select('version')
      .where('protocol_id', '=', protocolId)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);

    await coordinator.get(`/cases/${old.id}/protocols`);
    expect(coordinator.lastHtml).toContain('Gevolgde versie: 1');
    expect(coordinator.lastHtml).toContain('Steunbetuiging van de leiding uitgesproken');

    const fresh = await seedCase(t.deps, t.teamId, { category: 'threat' });
    await coordinator.get(`/cases/${fresh.id}/protocols`);
    await coordinator.post(`/cases/${fresh.id}/protocols`, { protocolId, via: 'category' });
    await coordinator.get(`/cases/${fresh.id}/protocols`);
    expect(coordinator.lastHtml).toContain('Gevolgde versie: 2');
    expect(coordinator.lastHtml).toContain('Meldpunt beveiliging ingelicht');
    expect(coordinator.lastHtml).not.toContain('Steunbetuiging van de leiding');
  });

  it('lets an administrator create a protocol and refuses the editor to an adviser and a support officer', async () => {
    const { client: admin } = await signedIn(['administrator']);
    expect((await admin.get('/team/protocols')).status).toBe(200);
    const res = await admin.post('/team/protocols', {
      titleNl: 'Intimidatie-aanpak',
      titleEn: 'Intimidation approach',
      categories: 'intimidation',
      stepsNl: 'Gesprek\nAfspraken',
      stepsEn: 'Conversation\nAgreements',
    });
    expect(res.status).toBe(303);
    await admin.get('/team/protocols');
    expect(admin.lastHtml).toContain('Intimidatie-aanpak');
    for (const role of ['confidential_adviser', 'support_officer'] as const) {
      const { client } = await signedIn([role]);
      expect((await client.get('/team/protocols')).status).toBe(403);
      expect(
        (
          await client.post('/team/protocols', {
            titleNl: 'X',
            titleEn: 'X',
            stepsNl: 'a',
            stepsEn: 'a',
          })
        ).status,
      ).toBe(403);
    }
  });
});

describe('the safety plan', () => {
  it('is sealed in the case, printable, audited, and never sent by e-mail', async () => {
    const c = await seedCase(t.deps, t.teamId, { category: 'honour_violence' });
    await coordinator.get(`/cases/${c.id}/safety-plan`);
    const empty = await coordinator.post(`/cases/${c.id}/safety-plan`, {
      keepReady: '',
      whomToCall: '',
      safeMoments: '',
    });
    expect(empty.status).toBe(422);
    expect(coordinator.lastHtml).toContain('href="#field-keepReady"');

    const plan = {
      keepReady: 'Paspoort bij buurvrouw Jansen-7731',
      whomToCall: 'Tante Fatma 06-11112222',
      safeMoments: 'Dinsdag 10-12 uur in de bibliotheek',
      otherAgreements: 'Codewoord: zonnebloem',
    };
    const before = t.smtp.messages.length;
    expect((await coordinator.post(`/cases/${c.id}/safety-plan`, plan)).status).toBe(303);
    await coordinator.get(`/cases/${c.id}/safety-plan`);
    expect(coordinator.lastHtml).toContain('Laatst opgeslagen door Coco Coördinator');

    const print = await coordinator.get(`/cases/${c.id}/safety-plan/print`);
    expect(print.status).toBe(200);
    expect(print.headers.get('cache-control')).toBe('no-store');
    for (const v of Object.values(plan)) expect(coordinator.lastHtml).toContain(v);
    expect(coordinator.lastHtml).toContain('Acuut gevaar: bel 112.');

    const { rows } = await sql<{
      dump: string;
    }>`SELECT string_agg(row_to_json(s)::text, '') AS dump FROM safety_plan s`.execute(t.deps.db);
    for (const v of ['Jansen-7731', '06-11112222', 'zonnebloem'])
      expect(rows[0]!.dump).not.toContain(v);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'detail'])
      .where('case_id', '=', c.id)
      .where('type', 'like', 'SAFETY_PLAN%')
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual([
      'SAFETY_PLAN_PRINTED',
      'SAFETY_PLAN_SAVED',
      'SAFETY_PLAN_VIEWED',
      'SAFETY_PLAN_VIEWED',
      'SAFETY_PLAN_VIEWED',
    ]);
    expect(JSON.stringify(events)).not.toContain('Jansen');
    await new Promise((r) => setTimeout(r, 50));
    expect(t.smtp.messages.length).toBe(before);
  });
});
