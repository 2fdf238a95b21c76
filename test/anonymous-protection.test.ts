import { describe, expect, it } from 'vitest';
import { intakeGuardCommand } from '../src/cli/intake.command.js';
import { spendProof } from '../src/server/http/proof-of-work.js';
import { TestClient } from './support/http-client.js';
import {
  intakeFields,
  openMailbox,
  postMultipart,
  reportAnonymously,
} from './support/reporter-flow.js';
import { openCheckPage, reportWithProof, solveProofOnPage } from './support/proof.js';
import { useTestApp } from './support/use-test-app.js';

// Decision 025: budgets per browser session, counting only well-formed reports; proof of work
// for the path with JavaScript; nothing installation-wide that a flood could spend.
const t = useTestApp({
  env: {
    MELDPUNT_INTAKE_PER_SESSION: '5',
    MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: '2',
    MELDPUNT_PROOF_COST: '5000',
    MELDPUNT_MAILBOX_WRITES_PER_HOUR: '3',
    MELDPUNT_APPOINTMENT_REQUESTS_PER_HOUR: '2',
  },
  app: { metricsToken: 'scrape' },
});

const receiptOf = (client: TestClient) =>
  /data-testid="receipt">([^<]+)</.exec(client.lastHtml)?.[1];
const cases = async () => (await t.deps.db.selectFrom('case').select('id').execute()).length;
const metrics = async () =>
  (await t.app.request('/metrics', { headers: { authorization: 'Bearer scrape' } })).text();
const refusals = (text: string, kind: string) =>
  Number(new RegExp(`meldpunt_refusals_total\\{kind="${kind}"\\} (\\d+)`).exec(text)?.[1] ?? 0);

/** One attacker session: junk until told to stop, then well-formed reports without a proof. */
async function attacker(junk: number, wellFormed: number): Promise<number> {
  const client = new TestClient(t.app);
  await client.get('/melden');
  let accepted = 0;
  for (let i = 0; i < junk; i++)
    await client.post('/melden', { category: 'nonsense', narrative: 'x' });
  for (let i = 0; i < wellFormed; i++) {
    const res = await client.post(
      '/melden',
      intakeFields(client, { idempotencyKey: `attack-${Math.random().toString(36).slice(2)}-key` }),
    );
    if (res.status === 200 && receiptOf(client)) accepted++;
  }
  return accepted;
}

describe('the intake under a flood', () => {
  it('gives genuine reporters, with and without JavaScript, a receipt code while 20 sessions flood it', async () => {
    const before = await cases();
    const flood = Promise.all(Array.from({ length: 20 }, () => attacker(25, 4)));
    const withScript = new TestClient(t.app);
    const withoutScript = new TestClient(t.app);
    const [accepted, js, nojs] = await Promise.all([
      flood,
      reportWithProof(withScript, t.deps),
      postMultipart(
        withoutScript,
        '/melden',
        intakeFields(
          await (async () => {
            await withoutScript.get('/melden');
            return withoutScript;
          })(),
        ),
      ),
    ]);
    expect(js.status).toBe(200);
    expect(receiptOf(withScript)).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(nojs.status).toBe(200);
    expect(receiptOf(withoutScript)).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    // Each attacker session got at most the no-script budget; junk was never stored.
    expect(accepted.every((n) => n === 2)).toBe(true);
    expect(await cases()).toBe(before + 20 * 2 + 2);
  });

  it('counts only well-formed reports, per session: junk spends nothing, the third report without a proof is refused', async () => {
    const client = new TestClient(t.app);
    await client.get('/melden');
    for (let i = 0; i < 10; i++)
      expect((await client.post('/melden', { category: 'bullying' })).status).toBe(422);
    const refusedBefore = refusals(await metrics(), 'intake_no_script');
    for (let i = 0; i < 2; i++)
      expect(
        (
          await client.post(
            '/melden',
            intakeFields(client, { idempotencyKey: `session-budget-key-${i}` }),
          )
        ).status,
      ).toBe(200);
    const third = await client.post(
      '/melden',
      intakeFields(client, { idempotencyKey: 'session-budget-key-3' }),
    );
    expect(third.status).toBe(429);
    expect(await third.text()).toContain('al 2 meldingen verstuurd');
    expect(refusals(await metrics(), 'intake_no_script')).toBe(refusedBefore + 1);
    // The same browser with JavaScript has its own, larger budget.
    expect((await reportWithProof(client, t.deps)).status).toBe(200);
  });

  it('accepts a solved proof once, for its own purpose only', async () => {
    const client = new TestClient(t.app);
    await openCheckPage(client, t.deps);
    const proof = await solveProofOnPage(client.lastHtml);
    expect(await spendProof(t.deps.db, t.deps.keyring, proof, 'mailbox')).toBe(false);
    expect(await spendProof(t.deps.db, t.deps.keyring, proof, 'intake')).toBe(true);
    expect(await spendProof(t.deps.db, t.deps.keyring, proof, 'intake')).toBe(false);
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(proof, 'base64').toString()), number: 1 }),
    ).toString('base64');
    expect(await spendProof(t.deps.db, t.deps.keyring, forged, 'intake')).toBe(false);
  });
});

describe('the mailbox and the appointment under a flood', () => {
  it('lets a reporter sign in while 45 browsers each guess wrong codes to their limit', async () => {
    const { receipt } = await reportAnonymously(t.app);
    await Promise.all(
      Array.from({ length: 45 }, async (_, b) => {
        const guesser = new TestClient(t.app);
        await guesser.get('/postbus');
        for (let i = 0; i < 6; i++)
          await guesser.post('/postbus', {
            receipt: `ABCD-EFGH-JKLM-${String(1000 + b * 10 + i)}`,
          });
      }),
    );
    const { res } = await openMailbox(t.app, receipt);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/postbus/inbox');
  });

  it('caps messages per mailbox and appointment requests per case, per hour', async () => {
    const { receipt } = await reportAnonymously(t.app);
    const { client } = await openMailbox(t.app, receipt);
    await client.get('/postbus/inbox');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await client.post('/postbus/berichten', { body: `Bericht ${i}` })).status);
    expect(statuses).toEqual([303, 303, 303, 429]);
    await client.get('/postbus/inbox');
    const slots = {
      mode: 'online_meeting',
      location: 'online',
      slot1: `${new Date().getFullYear() + 1}-03-02T10:00`,
      slot2: '',
      slot3: '',
    };
    const appointments: number[] = [];
    for (let i = 0; i < 3; i++)
      appointments.push((await client.post('/postbus/afspraak', slots)).status);
    expect(appointments).toEqual([303, 303, 429]);
    const text = await metrics();
    expect(refusals(text, 'mailbox_message')).toBeGreaterThanOrEqual(1);
    expect(refusals(text, 'appointment')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('Bericht 3');
  });
});

describe("the operator's switch", () => {
  it('closes intake with the contact page, requires proof without closing the mailbox, and is audited', async () => {
    const { receipt } = await reportAnonymously(t.app);
    await intakeGuardCommand.run(t.deps, [
      'closed',
      '--contact',
      'Regiehouders sociale veiligheid: 020 598 0000',
    ]);
    const page = await t.app.request('/melden');
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('Regiehouders sociale veiligheid: 020 598 0000');
    expect(html).toContain('112');

    await intakeGuardCommand.run(t.deps, ['require-proof', '--cost', '2000']);
    const noScript = new TestClient(t.app);
    await noScript.get('/melden');
    const refused = await noScript.post('/melden', intakeFields(noScript));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Zet JavaScript aan');
    expect((await reportWithProof(new TestClient(t.app), t.deps)).status).toBe(200);
    // The mailbox: without a proof refused, with one open.
    expect((await openMailbox(t.app, receipt)).res.status).toBe(429);
    const reporter = new TestClient(t.app);
    await reporter.get('/postbus');
    const proof = await solveProofOnPage(reporter.lastHtml);
    expect((await reporter.post('/postbus', { receipt, proof })).status).toBe(303);

    await intakeGuardCommand.run(t.deps, ['open', '--cost', 'default']);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'actor_kind'])
      .where('type', '=', 'INTAKE_GUARD_CHANGED')
      .execute();
    expect(events).toHaveLength(3);
    expect((await t.app.request('/melden')).status).toBe(200);
  });
});
