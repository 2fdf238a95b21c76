import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { runDueJobs } from '../src/server/scheduler.js';
import '../src/server/urgent/urgent.job.js'; // only this job: the test drives its clock
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ smtp: true, env: { MELDPUNT_BASE_URL: 'https://meldpunt.example.test' } });
let first: { id: string; email: string };
let second: { id: string; email: string };
let coordinator: TestClient;

const NARRATIVE = 'Mijn huisgenoot Baldewsingh dreigt vanavond mijn spullen op straat te zetten.';
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);

/** The urgent alerts among the mails (other features send their own notices). */
const urgentMails = () =>
  t.smtp.messages.filter((m) => /^Urgen(te melding|t report)/.test(m.subject ?? ''));

/** Waits until the SMTP server has received `count` urgent alerts (delivery is asynchronous), then returns them. */
async function mailsUntil(count: number): Promise<ParsedMail[]> {
  for (let i = 0; i < 200 && urgentMails().length < count; i++)
    await new Promise((r) => setTimeout(r, 10));
  return urgentMails();
}

async function signIn(email: string, lang?: 'nl' | 'en') {
  const client = new TestClient(t.app, lang);
  expect((await client.signIn(email, PASSWORD)).status).toBe(303);
  return client;
}

async function submitUrgentIntake() {
  const reporter = new TestClient(t.app);
  await reporter.get('/melden');
  const key = reporter.inputValue('idempotencyKey');
  const res = await reporter.post('/melden', {
    team: 'students',
    idempotencyKey: key,
    category: 'domestic_violence',
    narrative: NARRATIVE,
    location: 'off_campus',
    reporterRole: 'student',
    accusedRole: 'external',
    goal: 'action',
    anonymous: 'yes',
    urgent: 'yes',
  });
  expect(res.status).toBe(200);
  const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!;
  return t.deps.db
    .selectFrom('case')
    .select(['id', 'reference', 'is_urgent'])
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  first = await createStaff(t.deps, t.teamId, ['safety_coordinator'], 'Anna Eerste');
  second = await createStaff(t.deps, t.teamId, ['safety_coordinator'], 'Bram Tweede');
  await t.deps.db
    .updateTable('app_user')
    .set({ locale: 'en' })
    .where('id', '=', second.id)
    .execute();
  coordinator = await signIn(first.email);
  await coordinator.get('/team/on-call');
  const res = await coordinator.post(`/team/on-call?team=${t.teamId}`, {
    [`pos_${first.id}`]: '1',
    [`pos_${second.id}`]: '2',
    escalationMinutes: '30',
  });
  expect(res.status).toBe(303);
});

describe('the on-call rota', () => {
  it('is kept per team, with its escalation time; a bad time is refused with a message', async () => {
    const rota = await t.deps.db
      .selectFrom('on_call_slot')
      .select(['position', 'user_id'])
      .where('team_id', '=', t.teamId)
      .orderBy('position')
      .execute();
    expect(rota).toEqual([
      { position: 1, user_id: first.id },
      { position: 2, user_id: second.id },
    ]);
    const bad = await coordinator.post(`/team/on-call?team=${t.teamId}`, {
      [`pos_${first.id}`]: '1',
      escalationMinutes: 'nooit',
    });
    expect(bad.status).toBe(422);
    expect(coordinator.lastHtml).toContain('href="#field-escalationMinutes"');
    expect(
      await t.deps.db
        .selectFrom('on_call_slot')
        .select('user_id')
        .where('team_id', '=', t.teamId)
        .execute(),
    ).toHaveLength(2);
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = await signIn(adviser.email);
    expect((await client.get('/team/on-call')).status).toBe(200);
    expect(
      (await client.post(`/team/on-call?team=${t.teamId}`, { escalationMinutes: '5' })).status,
    ).toBe(403);
  });
});

describe('an urgent intake', () => {
  it('alerts the on-call coordinator at once without content, and escalates an unacknowledged alert to the next person once', async () => {
    const before = urgentMails().length;
    const c = await submitUrgentIntake();
    expect(c.is_urgent).toBe(true);

    const [mail] = (await mailsUntil(before + 1)).slice(before);
    expect(urgentMails().length).toBe(before + 1);
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toContain(first.email);
    expect(mail!.subject).toBe('Urgente melding: reageer zo snel mogelijk');
    const alert = await t.deps.db
      .selectFrom('urgent_alert')
      .select(['id', 'raised_at'])
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(mail!.text).toContain(`https://meldpunt.example.test/urgent/${alert.id}`);
    for (const secret of [
      'Baldewsingh',
      'spullen',
      c.reference,
      'Huiselijk',
      'huiselijk',
      'domestic',
    ])
      expect(`${mail!.subject}\n${mail!.text}`).not.toContain(secret);

    // The clock: nothing more before the escalation time; then the next person, once.
    const t0 = new Date();
    expect(await runDueJobs(t.deps, minutes(t0, 10))).toContain('urgent-alerts');
    expect(urgentMails().length).toBe(before + 1);
    await runDueJobs(t.deps, minutes(t0, 31));
    const [escalated] = (await mailsUntil(before + 2)).slice(before + 1);
    expect(escalated!.to && 'text' in escalated!.to ? escalated!.to.text : '').toContain(
      second.email,
    );
    expect(escalated!.subject).toBe('Urgent report: please respond as soon as possible');
    expect(escalated!.text).toContain('not been acknowledged by the previous person on call');
    expect(escalated!.text).not.toContain('Baldewsingh');
    for (const at of [33, 70, 200]) await runDueJobs(t.deps, minutes(t0, at));
    await new Promise((r) => setTimeout(r, 50));
    expect(urgentMails().length).toBe(before + 2);

    const notices = await t.deps.db
      .selectFrom('urgent_alert_notice')
      .select(['level', 'user_id'])
      .where('alert_id', '=', alert.id)
      .orderBy('level')
      .execute();
    expect(notices).toEqual([
      { level: 1, user_id: first.id },
      { level: 2, user_id: second.id },
    ]);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'detail'])
      .where('case_id', '=', c.id)
      .where('type', 'in', ['CASE_MARKED_URGENT', 'URGENT_ALERT_SENT', 'URGENT_ALERT_ESCALATED'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'CASE_MARKED_URGENT',
      'URGENT_ALERT_SENT',
      'URGENT_ALERT_ESCALATED',
    ]);
    expect(JSON.stringify(events)).not.toContain('Baldewsingh');

    // The second person acknowledges; the alert is closed and audited.
    const bram = await signIn(second.email, 'en');
    await bram.get(`/urgent/${alert.id}`);
    expect(bram.lastHtml).toContain(c.reference);
    expect(bram.lastHtml).toContain('In acute danger: call 112.');
    expect(bram.lastHtml).not.toContain('Baldewsingh');
    expect((await bram.post(`/urgent/${alert.id}/acknowledge`, {})).status).toBe(303);
    await bram.get(`/urgent/${alert.id}`);
    expect(bram.lastHtml).toContain('Acknowledged by Bram Tweede');
    const acked = await t.deps.db
      .selectFrom('urgent_alert')
      .select(['acknowledged_by'])
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    expect(acked.acknowledged_by).toBe(second.id);
    const ackEvents = await t.deps.db
      .selectFrom('audit_event')
      .select('actor_user_id')
      .where('type', '=', 'URGENT_ALERT_ACKNOWLEDGED')
      .where('case_id', '=', c.id)
      .execute();
    expect(ackEvents).toEqual([{ actor_user_id: second.id }]);
  });

  it('does not escalate an alert that was acknowledged in time', async () => {
    const before = urgentMails().length;
    const c = await submitUrgentIntake();
    await mailsUntil(before + 1);
    const alert = await t.deps.db
      .selectFrom('urgent_alert')
      .select('id')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    await coordinator.get(`/urgent/${alert.id}`);
    await coordinator.post(`/urgent/${alert.id}/acknowledge`, {});
    const t0 = new Date();
    for (const at of [31, 90]) await runDueJobs(t.deps, minutes(t0, at));
    await new Promise((r) => setTimeout(r, 50));
    expect(urgentMails().length).toBe(before + 1);
  });

  it('leaves a report without the urgent option alone', async () => {
    const before = urgentMails().length;
    const reporter = new TestClient(t.app);
    await reporter.get('/melden');
    const key = reporter.inputValue('idempotencyKey');
    await reporter.post('/melden', {
      team: 'students',
      idempotencyKey: key,
      category: 'bullying',
      narrative: 'Niet urgent',
      location: 'campus',
      reporterRole: 'student',
      accusedRole: 'student',
      goal: 'advice',
      anonymous: 'yes',
    });
    const reference = /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!;
    const c = await t.deps.db
      .selectFrom('case')
      .select(['id', 'is_urgent'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(c.is_urgent).toBe(false);
    await runDueJobs(t.deps, minutes(new Date(), 500));
    await new Promise((r) => setTimeout(r, 50));
    expect(urgentMails().length).toBe(before);
    expect(
      await t.deps.db.selectFrom('urgent_alert').select('id').where('case_id', '=', c.id).execute(),
    ).toEqual([]);
  });
});

describe('a staff member marks a case urgent', () => {
  it('alerts the first person on call at once; a support officer can neither mark it nor see the alert', async () => {
    const c = await seedCase(t.deps, t.teamId, { category: 'honour_violence' });
    const officer = await createStaff(t.deps, t.teamId, ['support_officer']);
    const officerClient = await signIn(officer.email);
    expect((await officerClient.post(`/cases/${c.id}/urgent`, {})).status).toBe(403);

    const before = urgentMails().length;
    await coordinator.get(`/cases/${c.id}/urgent`);
    expect(coordinator.lastHtml).toContain(
      'Urgent (niet levensbedreigend). Bij acuut gevaar: bel 112.',
    );
    expect((await coordinator.post(`/cases/${c.id}/urgent`, {})).status).toBe(303);
    const [mail] = (await mailsUntil(before + 1)).slice(before);
    expect(mail!.to && 'text' in mail!.to ? mail!.to.text : '').toContain(first.email);
    const alert = await t.deps.db
      .selectFrom('urgent_alert')
      .select('id')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect((await officerClient.get(`/urgent/${alert.id}`)).status).toBe(403);
    await coordinator.post(`/cases/${c.id}/urgent`, {}); // marking twice raises no second alert
    await new Promise((r) => setTimeout(r, 50));
    expect(urgentMails().length).toBe(before + 1);
  });
});
