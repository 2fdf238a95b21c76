import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { sendBreachReminders } from '../src/server/privacy/breach-reminders.job.js';
import { recordBreach } from '../src/server/privacy/breach.service.js';
import { commands } from '../src/cli/commands.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * The breach register (GDPR art. 33): a coordinator records a breach; until the AP decision is
 * recorded, the coordinators and the recorder are reminded before the 72-hour deadline — when
 * 48 and 12 hours are left, and once when it has passed — each reminder once.
 */
const t = useTestApp({ smtp: true, env: { MELDPUNT_BASE_URL: 'https://meldpunt.example.test' } });
const DESCRIPTION =
  'Een map met gesprekverslagen is per ongeluk gedeeld met de sectie Zeewolde-Noord.';
// 2 November 2026, 09:00 in Amsterdam (CET, UTC+1) is 08:00 UTC.
const FOUND_LOCAL = '2026-11-02T09:00';
const FOUND = new Date('2026-11-02T08:00:00Z');
const after = (hours: number) => new Date(FOUND.getTime() + hours * 3_600_000);

let anna: { id: string; email: string };
let bram: { id: string; email: string };
let coordinator: TestClient;

const breachMails = () => t.smtp.messages.filter((m) => /datalek|breach/i.test(m.subject ?? ''));
async function mailsUntil(count: number): Promise<ParsedMail[]> {
  for (let i = 0; i < 300 && breachMails().length < count; i++)
    await new Promise((r) => setTimeout(r, 10));
  return breachMails();
}
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

const form = (extra: Record<string, string> = {}) => ({
  description: DESCRIPTION,
  foundAt: FOUND_LOCAL,
  caseRefs: 'ST-2026-0012',
  peopleCount: '3',
  risk: 'risk',
  riskNotes: '',
  apNotifiedAt: '',
  apReason: '',
  subjectsNotifiedAt: '',
  subjectsReason: '',
  measures: '',
  ...extra,
});

async function record(): Promise<string> {
  await coordinator.get(`/team/breaches?team=${t.teamId}`);
  const res = await coordinator.post(`/team/breaches?team=${t.teamId}`, form());
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(/notice=recorded/);
  return /\/team\/breaches\/([0-9a-f-]{36})/.exec(location)![1]!;
}

beforeAll(async () => {
  anna = await createStaff(t.deps, t.teamId, ['safety_coordinator'], 'Anna Eerste');
  bram = await createStaff(t.deps, t.teamId, ['safety_coordinator'], 'Bram Tweede');
  await t.deps.db.updateTable('app_user').set({ locale: 'en' }).where('id', '=', bram.id).execute();
  coordinator = new TestClient(t.app, 'nl');
  expect((await coordinator.signIn(anna.email, PASSWORD)).status).toBe(303);
});

describe('the breach register', () => {
  it('refuses an incomplete record with a message per field', async () => {
    await coordinator.get(`/team/breaches?team=${t.teamId}`);
    const res = await coordinator.post(
      `/team/breaches?team=${t.teamId}`,
      form({ description: '', foundAt: '2999-01-01T10:00' }),
    );
    expect(res.status).toBe(422);
    expect(coordinator.lastHtml).toContain('href="#field-description"');
    expect(coordinator.lastHtml).toContain('href="#field-foundAt"');
    expect(await t.deps.db.selectFrom('breach').select('id').execute()).toEqual([]);
  });

  it('reminds before the 72-hour deadline, each reminder once, and stops once the AP was told', async () => {
    const id = await record();
    expect(await sendBreachReminders(t.deps, after(23))).toBe(0);

    expect(await sendBreachReminders(t.deps, after(25))).toBe(2); // 48 hours left: both coordinators (Anna recorded it)
    let mails = await mailsUntil(2);
    expect(mails.map(to).sort()).toEqual([anna.email, bram.email].sort());
    const nl = mails.find((m) => to(m) === anna.email)!;
    const en = mails.find((m) => to(m) === bram.email)!;
    expect(nl.subject).toContain('datalek 1');
    expect(nl.text).toContain(`https://meldpunt.example.test/team/breaches/${id}?team=${t.teamId}`);
    expect(nl.text).toContain('donderdag 5 november 2026 om 09:00'); // found + 72 h, Amsterdam time
    expect(en.subject).toContain('breach 1');
    for (const m of mails) expect(m.text).not.toContain('Zeewolde');
    expect(await sendBreachReminders(t.deps, after(26))).toBe(0);

    expect(await sendBreachReminders(t.deps, after(61))).toBe(2); // 12 hours left
    mails = await mailsUntil(4);
    expect(mails).toHaveLength(4);

    await coordinator.get(`/team/breaches/${id}?team=${t.teamId}`);
    const told = await coordinator.post(
      `/team/breaches/${id}?team=${t.teamId}`,
      form({ apNotifiedAt: '2026-11-04T16:30' }),
    );
    expect(told.status).toBe(303);
    expect(await sendBreachReminders(t.deps, after(73))).toBe(0);
    await coordinator.get(`/team/breaches/${id}?team=${t.teamId}`);
    expect(coordinator.lastHtml).toContain('binnen 72 uur');

    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'detail'])
      .where('type', 'like', 'BREACH_%')
      .execute();
    const count = (type: string) => audit.filter((e) => e.type === type).length;
    expect(count('BREACH_RECORDED')).toBe(1);
    expect(count('BREACH_UPDATED')).toBe(1);
    expect(count('BREACH_REMINDER_SENT')).toBe(4);
    expect(JSON.stringify(audit)).not.toContain('Zeewolde');
  });

  it('sends one overdue reminder when the deadline passed undecided, without the earlier ones it missed', async () => {
    const before = breachMails().length;
    await record();
    expect(await sendBreachReminders(t.deps, after(73))).toBe(2);
    const mails = (await mailsUntil(before + 2)).slice(before);
    expect(mails.find((m) => to(m) === anna.email)!.subject).toMatch(
      /termijn voor datalek \d+ is verstreken/,
    );
    expect(await sendBreachReminders(t.deps, after(80))).toBe(0);
  });

  it('is kept from other roles and other teams', async () => {
    const expert = await createStaff(t.deps, t.teamId, ['expert_team_member']);
    const expertClient = new TestClient(t.app, 'nl');
    await expertClient.signIn(expert.email, PASSWORD);
    expect((await expertClient.get('/team/breaches')).status).toBe(403);

    const otherTeam = await createTeam(t.deps, 'staff');
    const other = await createStaff(t.deps, otherTeam, ['safety_coordinator']);
    const otherClient = new TestClient(t.app, 'nl');
    await otherClient.signIn(other.email, PASSWORD);
    const breach = { id: await record() };
    expect((await otherClient.get(`/team/breaches/${breach.id}?team=${t.teamId}`)).status).toBe(
      403,
    );
    expect((await otherClient.get(`/team/breaches/${breach.id}?team=${otherTeam}`)).status).toBe(
      404,
    );
    await otherClient.get(`/team/breaches?team=${otherTeam}`);
    expect(otherClient.lastHtml).not.toContain('Zeewolde');
  });

  it('is listed by bin/meldpunt breaches list, per team', async () => {
    const teamId = await createTeam(t.deps, 'cli_listed');
    const keeper = await createStaff(t.deps, teamId, ['administrator']);
    await t.deps.db.transaction().execute(async (trx) => {
      const base = {
        description: 'Laptop kwijt.',
        caseRefs: undefined,
        peopleCount: 12,
        riskNotes: undefined,
        apReason: undefined,
        subjectsNotifiedAt: undefined,
        subjectsReason: undefined,
        measures: undefined,
      };
      await recordBreach(
        trx,
        teamId,
        {
          ...base,
          foundAt: new Date('2026-10-01T08:00:00Z'),
          risk: 'high',
          apNotifiedAt: new Date('2026-10-05T08:00:00Z'),
        },
        { kind: 'user', userId: keeper.id },
      );
      await recordBreach(
        trx,
        teamId,
        {
          ...base,
          foundAt: new Date('2026-10-10T08:00:00Z'),
          risk: 'unknown',
          apNotifiedAt: undefined,
        },
        { kind: 'user', userId: keeper.id },
      );
    });
    const out: string[] = [];
    const spy = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    try {
      await commands['breaches list']!.run(t.deps, ['--team', 'cli_listed', '--format', 'json']);
    } finally {
      spy.mockRestore();
    }
    const rows = JSON.parse(out.join('')) as {
      team: string;
      number: number;
      risk: string;
      peopleCount: number;
      apInTime: boolean | null;
      apDecided: boolean;
      deadline: string;
    }[];
    expect(
      rows.map((r) => [
        r.team,
        r.number,
        r.risk,
        r.peopleCount,
        r.apInTime,
        r.apDecided,
        r.deadline,
      ]),
    ).toEqual([
      ['cli_listed', 2, 'unknown', 12, null, false, '2026-10-13T08:00:00.000Z'],
      ['cli_listed', 1, 'high', 12, false, true, '2026-10-04T08:00:00.000Z'], // told after 96 hours: late
    ]);
    await expect(commands['breaches list']!.run(t.deps, ['--team', 'nope'])).rejects.toThrow(
      'unknown team: nope',
    );
  });
});
