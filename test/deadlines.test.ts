import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { bootstrap, type Deps as AppDeps } from '../src/server/bootstrap.js';
import { readConfig } from '../src/server/config.js';
import { runDueJobs } from '../src/server/scheduler.js';
import { sendDueReminders } from '../src/server/deadlines/reminders.job.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';
import { testDatabaseUrl } from './support/database.js';

let today = '2026-01-01';
const t = useTestApp({
  smtp: true,
  env: { MELDPUNT_BASE_URL: 'https://meldpunt.example.test' },
  app: { today: () => today },
});

const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

async function mailsTo(email: string, expected: number) {
  // Wait until the SMTP server has parsed what was sent, then give stragglers a moment.
  for (
    let i = 0;
    i < 100 &&
    t.smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(email)).length < expected;
    i++
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
  return t.smtp.messages.filter((m) => JSON.stringify(m.to).includes(email));
}

async function adviserWithCase(name: string, receivedOn: string) {
  const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser'], name);
  const created = await seedCase(t.deps, t.teamId, {
    receivedOn,
    narrative: `Geheim verhaal van ${name}`,
  });
  await t.deps.db
    .updateTable('case')
    .set({ assigned_adviser_id: adviser.id })
    .where('id', '=', created.id)
    .execute();
  return { adviser, ...created };
}

describe('deadline reminders with a controllable clock', () => {
  it('reminds the assigned adviser when the acknowledgement is due and again when overdue, once each, without content', async () => {
    const { adviser, id, reference } = await adviserWithCase('Dora Deadline', '2026-01-01'); // ack due 2026-01-08, lead 2 days
    await runDueJobs(t.deps, at('2026-01-05'));
    expect(await mailsTo(adviser.email, 0)).toHaveLength(0);
    await runDueJobs(t.deps, at('2026-01-06'));
    const due = await mailsTo(adviser.email, 1);
    expect(due).toHaveLength(1);
    expect(due[0]!.text).toContain(reference);
    expect(due[0]!.text).toContain(`https://meldpunt.example.test/cases/${id}`);
    expect(due[0]!.text).toContain('2026-01-08');
    expect(`${due[0]!.subject}\n${due[0]!.text}`).not.toContain('Geheim verhaal');
    await runDueJobs(t.deps, at('2026-01-07'));
    await runDueJobs(t.deps, at('2026-01-08'));
    expect(await mailsTo(adviser.email, 1)).toHaveLength(1);
    await runDueJobs(t.deps, at('2026-01-09'));
    const overdue = await mailsTo(adviser.email, 2);
    expect(overdue).toHaveLength(2);
    expect(overdue[1]!.subject).toContain('te laat');
    await runDueJobs(t.deps, at('2026-01-10'));
    expect(await mailsTo(adviser.email, 2)).toHaveLength(2);
    const audited = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', id)
      .where('type', '=', 'CASE_REMINDER_SENT')
      .execute();
    expect(audited.map((a) => a.detail.kind)).toEqual(['ack_due', 'ack_overdue']);
  });

  it('schedules aftercare check-ins every N weeks with a reminder each, until aftercare ends', async () => {
    today = '2026-02-01';
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser'], 'Nadia Nazorg');
    const { id } = await seedCase(t.deps, t.teamId, { receivedOn: '2026-01-20' });
    const client = new TestClient(t.app, 'en');
    await client.signIn(adviser.email, PASSWORD);
    await client.get(`/cases/${id}`);
    expect((await client.post(`/cases/${id}/assign`, { adviserId: adviser.id })).status).toBe(303);
    await client.get(`/cases/${id}`);
    await client.post(`/cases/${id}/contacts`, {
      occurredOn: '2026-01-25',
      contactChannel: 'phone',
      participants: 'Melder',
      notes: 'Terugkoppeling gegeven',
      isFeedback: 'yes',
    });
    await client.post(`/cases/${id}/status`, { to: 'in_progress' });
    expect(
      (await client.post(`/cases/${id}/status`, { to: 'aftercare', aftercareWeeks: '2' })).status,
    ).toBe(303);
    expect(
      (
        await t.deps.db
          .selectFrom('case')
          .select('next_checkin_on')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).next_checkin_on,
    ).toBe('2026-02-15');

    await runDueJobs(t.deps, at('2026-02-14'));
    expect(await mailsTo(adviser.email, 0)).toHaveLength(0);
    await runDueJobs(t.deps, at('2026-02-15'));
    await runDueJobs(t.deps, at('2026-02-16'));
    const first = await mailsTo(adviser.email, 1);
    expect(first).toHaveLength(1);
    expect(first[0]!.subject).toContain('nazorgcontact'); // the adviser's locale is Dutch
    await runDueJobs(t.deps, at('2026-03-01'));
    expect(await mailsTo(adviser.email, 2)).toHaveLength(2);

    today = '2026-03-05';
    await client.get(`/cases/${id}`);
    expect(
      (
        await client.post(`/cases/${id}/status`, {
          to: 'closed',
          followUp: 'guidance',
          closedOn: '2026-03-05',
        })
      ).status,
    ).toBe(303);
    await runDueJobs(t.deps, at('2026-03-15'));
    await runDueJobs(t.deps, at('2026-03-29'));
    expect(await mailsTo(adviser.email, 2)).toHaveLength(2);
  });

  it('reminds of a task on its due date, once', async () => {
    const { adviser, id } = await adviserWithCase('Tom Taak', '2026-04-01');
    await t.deps.db
      .updateTable('case')
      .set({ acknowledged_on: '2026-04-02', feedback_given_on: '2026-04-02', next_due_on: null })
      .where('id', '=', id)
      .execute();
    const { rows } = await sql<{ id: string }>`SELECT gen_random_uuid() AS id`.execute(t.deps.db);
    await t.deps.db
      .insertInto('case_task')
      .values({
        id: rows[0]!.id,
        case_id: id,
        title: Buffer.from('sealed'),
        due_on: '2026-04-20',
        created_by: adviser.id,
      })
      .execute();
    await runDueJobs(t.deps, at('2026-04-19'));
    expect(await mailsTo(adviser.email, 0)).toHaveLength(0);
    await runDueJobs(t.deps, at('2026-04-20'));
    await runDueJobs(t.deps, at('2026-04-21'));
    expect(await mailsTo(adviser.email, 1)).toHaveLength(1);
  });
});

describe('exactly once with two server processes', () => {
  let second: AppDeps | undefined;
  let secondDir: string | undefined;

  beforeAll(async () => {
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(
      t.deps.db,
    );
    secondDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-second-'));
    second = await bootstrap(
      readConfig({
        MELDPUNT_DATA_DIR: secondDir,
        DATABASE_URL: testDatabaseUrl(rows[0]!.name),
        MELDPUNT_SMTP_URL: t.smtp.url,
        MELDPUNT_LOG_LEVEL: 'silent',
      }),
    );
  });
  afterAll(async () => {
    await second?.close();
    if (secondDir) fs.rmSync(secondDir, { recursive: true, force: true });
  });

  /** The second server process's view of the same database. */
  const other = () => second!;

  it('sends each reminder once when two processes run the job at the same moment', async () => {
    const { adviser } = await adviserWithCase('Paula Parallel', '2026-05-01'); // ack due 2026-05-08
    const ran = await Promise.all([
      runDueJobs(t.deps, at('2026-05-07', 10)),
      runDueJobs(other(), at('2026-05-07', 10)),
    ]);
    expect(ran.flat().filter((n) => n === 'deadline-reminders')).toHaveLength(1); // the lease: one process runs the tick
    expect(await mailsTo(adviser.email, 1)).toHaveLength(1);
  });

  it('sends each reminder once even when both processes get past the lease (the unique reminder key)', async () => {
    const { adviser, id } = await adviserWithCase('Quinten Quorum', '2026-06-01'); // ack due 2026-06-08
    const now = at('2026-06-09', 10); // overdue
    const count = async () =>
      (
        await t.deps.db
          .selectFrom('deadline_reminder')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const sent = await Promise.all([
      sendDueReminders(t.deps, now),
      sendDueReminders(other(), now),
      sendDueReminders(t.deps, now),
    ]);
    const mails = await mailsTo(adviser.email, 1);
    expect(mails).toHaveLength(1);
    const keys = await t.deps.db
      .selectFrom('deadline_reminder')
      .select('key')
      .where('case_id', '=', id)
      .execute();
    expect(keys).toEqual([{ key: `ack_overdue:${id}:2026-06-08` }]);
    // Every reminder claimed in these runs was sent by exactly one of them.
    expect(sent.reduce((a, b) => a + b, 0)).toBe((await count()) - before);
  });
});

// After the two-process tests: the job's clock only moves forward.
describe('reminders for a case without an adviser', () => {
  it('go to each coordinator of the team, content-free and once, and to the adviser once one is assigned', async () => {
    const team = await createTeam(t.deps, `unassigned-${Date.now()}`);
    const coordinators = [
      await createStaff(t.deps, team, ['safety_coordinator'], 'Cora Coördinator'),
      await createStaff(t.deps, team, ['safety_coordinator'], 'Kees Coördinator'),
    ];
    const bystander = await createStaff(t.deps, team, ['confidential_adviser'], 'Bert Bijstander');
    const { id, reference } = await seedCase(t.deps, team, {
      receivedOn: '2026-07-01',
      narrative: 'Vertrouwelijk relaas zonder adviseur',
    }); // ack due 2026-07-08
    await runDueJobs(t.deps, at('2026-07-05'));
    for (const c of coordinators) expect(await mailsTo(c.email, 0)).toHaveLength(0);
    await runDueJobs(t.deps, at('2026-07-06'));
    await runDueJobs(t.deps, at('2026-07-07'));
    for (const c of coordinators) {
      const mails = await mailsTo(c.email, 1);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain(reference);
      expect(mails[0]!.text).toContain('nog geen vertrouwenspersoon toegewezen');
      expect(mails[0]!.text).toContain(`https://meldpunt.example.test/cases/${id}`);
      expect(`${mails[0]!.subject}\n${mails[0]!.text}`).not.toContain('Vertrouwelijk relaas');
    }
    expect(await mailsTo(bystander.email, 0)).toHaveLength(0);
    const sent = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('case_id', '=', id)
      .where('type', '=', 'CASE_REMINDER_SENT')
      .execute();
    expect(
      sent
        .map((e) => e.detail)
        .sort((a, b) => String(a.recipientId).localeCompare(String(b.recipientId))),
    ).toEqual(
      coordinators
        .map((c) => ({ kind: 'ack_due', recipientId: c.id, dueOn: '2026-07-08', unassigned: true }))
        .sort((a, b) => a.recipientId.localeCompare(b.recipientId)),
    );

    // Once assigned, the overdue reminder goes to the adviser alone.
    await t.deps.db
      .updateTable('case')
      .set({ assigned_adviser_id: bystander.id })
      .where('id', '=', id)
      .execute();
    await runDueJobs(t.deps, at('2026-07-09'));
    expect(await mailsTo(bystander.email, 1)).toHaveLength(1);
    for (const c of coordinators) expect(await mailsTo(c.email, 1)).toHaveLength(1);
  });
});
