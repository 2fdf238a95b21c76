import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../src/server/http/env.js';
import type { NationalCell } from '../src/domain/national-suppression.js';
import { createUser } from '../src/server/users/users.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { recoverableCells } from './support/national-adversary.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Decision 040: the platform operator's national overview. Four institutions with reports in
 * 2025, one with its own stricter threshold; every expected figure below is worked out by hand
 * in the comments, not taken from the code.
 */
const PLATFORM = 'platform.test';
const t = useTestApp({
  env: { MELDPUNT_TENANCY: 'host', MELDPUNT_BASE_URL: `http://${PLATFORM}` },
});

class HostClient extends TestClient {
  constructor(
    app: Hono<AppEnv>,
    readonly host: string,
    lang: 'nl' | 'en' = 'en',
  ) {
    super(app, lang);
  }
  override send(path: string, init: RequestInit & { headers?: Record<string, string> }) {
    const headers: Record<string, string> = {
      ...(init.headers as Record<string, string> | undefined),
      host: this.host,
    };
    return super.send(path, { ...init, headers });
  }
}

/** Adds `n` reports to a team: one category, received on one day, open or closed. */
async function addCases(teamId: string, n: number, category: string, on: string, closed = false) {
  await sql`
    INSERT INTO "case" (team_id, reference, source, received_on, channel, via, reporter_role, reporter_gender,
      category, location, accused_role, status, follow_up, closed_on)
    SELECT ${teamId}, ${`${category}-${on}-`} || g || ${closed ? '-c' : ''}, 'import', ${on}::date, 'web_form', 'self',
      'student', 'not_stated', ${category}, 'campus', 'student',
      ${closed ? 'closed' : 'received'}, ${closed ? 'advice' : null}, ${closed ? on : null}::date
    FROM generate_series(1, ${n}) g`.execute(t.deps.db);
}

const teams: Record<string, string> = {};
let operatorEmail: string;

beforeAll(async () => {
  // A: 20 bullying + 10 stalking (closed), Q1. B: 15 bullying + 6 stalking + 4 threat, Q2.
  // C: 12 bullying, Q3. D (threshold 10): 7 bullying, Q4. E: nothing in 2025.
  for (const [key, threshold] of [
    ['ov-a', 5],
    ['ov-b', 5],
    ['ov-c', 5],
    ['ov-d', 10],
    ['ov-e', 5],
  ] as const) {
    const inst = await t.deps.db
      .insertInto('institution')
      .values({ key, name: `Instelling ${key}`, host: `${key}.test` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const team = await t.deps.db
      .insertInto('team')
      .values({
        institution_id: inst.id,
        key: `${key}-team`,
        name_nl: key,
        name_en: key,
        suppression_threshold: threshold,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    teams[key] = team.id;
  }
  await addCases(teams['ov-a']!, 20, 'bullying', '2025-02-10');
  await addCases(teams['ov-a']!, 10, 'stalking', '2025-03-10', true);
  await addCases(teams['ov-a']!, 3, 'threat', '2024-06-01'); // another year: not counted
  await addCases(teams['ov-b']!, 15, 'bullying', '2025-05-10');
  await addCases(teams['ov-b']!, 6, 'stalking', '2025-05-11');
  await addCases(teams['ov-b']!, 4, 'threat', '2025-06-11');
  await addCases(teams['ov-c']!, 12, 'bullying', '2025-08-01');
  await addCases(teams['ov-d']!, 7, 'bullying', '2025-11-01');
  operatorEmail = `operator-${Date.now()}@platform.test`;
  await t.deps.db.transaction().execute((trx) =>
    createUser(
      trx,
      {
        email: operatorEmail,
        displayName: 'Operator',
        password: PASSWORD,
        memberships: [],
        platformOperator: true,
      },
      { kind: 'system' },
    ),
  );
});

async function operator(lang: 'nl' | 'en' = 'en') {
  const client = new HostClient(t.app, PLATFORM, lang);
  expect((await client.signIn(operatorEmail, PASSWORD)).status).toBe(303);
  return client;
}

/** The cells of one table of the page: data-key → [data-cell kind, text], and the total's text. */
function table(html: string, id: string) {
  const body = new RegExp(`data-testid="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  expect(body, id).toBeDefined();
  const rows = Object.fromEntries(
    [
      ...body!.matchAll(/<tr data-key="([^"]+)">[\s\S]*?<td data-cell="([^"]+)">([^<]*)<\/td>/g),
    ].map((m) => [m[1]!, [m[2]!, m[3]!] as [string, string]]),
  );
  const total = /<tfoot>[\s\S]*?<td data-cell="[^"]+">([^<]*)<\/td>/.exec(body!)?.[1];
  return { rows, total };
}

/** A page table as the adversary reads it (threshold per row as printed). */
function asDisplay(rows: Record<string, [string, string]>, threshold: (key: string) => number) {
  const keys = Object.keys(rows);
  const display = keys.map((k): NationalCell => {
    const [kind, text] = rows[k]!;
    if (kind === 'shown') return { kind: 'shown', count: Number(text) };
    if (kind === 'small') return { kind: 'small', threshold: threshold(k) };
    if (kind === 'few') return { kind: 'few' };
    return { kind: 'hidden' };
  });
  return { keys, display, thresholds: keys.map(threshold) };
}

describe('the national overview', () => {
  it('shows each institution total within its own threshold, hiding one more so 74 − the rest gives nothing away', async () => {
    const client = await operator();
    expect((await client.get('/platform/overview?year=2025')).status).toBe(200);
    const html = client.lastHtml;
    const inst = table(html, 'overview-institutions');
    // 30 + 25 + 12 + 7 = 74. D (7) is under its own threshold 10: "< 10". Alone, 74 − 30 − 25 − 12
    // would give 7, so the smallest shown (C, 12) is hidden too: D + C = 19, D in 1..9, C in 10..18.
    expect(inst.rows['ov-a']).toEqual(['shown', '30']);
    expect(inst.rows['ov-b']).toEqual(['shown', '25']);
    expect(inst.rows['ov-c']).toEqual(['hidden', '×']);
    expect(inst.rows['ov-d']).toEqual(['small', '&lt; 10']);
    expect(inst.rows['ov-e']).toEqual(['shown', '0']);
    expect(inst.total).toBe('74');
  });

  it('suppresses national figures from fewer than three institutions and below the strictest threshold', async () => {
    const client = await operator();
    await client.get('/platform/overview?year=2025');
    const html = client.lastHtml;
    // bullying 20 + 15 + 12 + 7 = 54 from four institutions: shown. stalking 10 + 6 = 16 from two:
    // "< 3 institutions". threat 4 from one, under the national threshold 10 (D's): "< 10".
    const category = table(html, 'overview-category');
    expect(category.rows).toEqual({
      bullying: ['shown', '54'],
      stalking: ['few', '&lt; 3 institutions'],
      threat: ['small', '&lt; 10'],
    });
    expect(category.total).toBe('74');
    // One quarter per institution: Q1 30, Q2 25, Q3 12 each from one institution, Q4 7 < 10.
    expect(table(html, 'overview-quarter').rows).toEqual({
      q1: ['few', '&lt; 3 institutions'],
      q2: ['few', '&lt; 3 institutions'],
      q3: ['few', '&lt; 3 institutions'],
      q4: ['small', '&lt; 10'],
    });
    // Closed: A's 10 only (one institution). 74 − open would give it, so open (64) is hidden too.
    expect(table(html, 'overview-state').rows).toEqual({
      open: ['hidden', '×'],
      closed: ['few', '&lt; 3 institutions'],
    });
    expect(table(html, 'overview-channel').rows).toEqual({ web_form: ['shown', '74'] });
    expect(html).not.toContain('ov-a-team'); // no team, no case reference
    expect(html).not.toMatch(/bullying-2025/);
  });

  it('leaves no hidden figure that the totals can recover (subtraction attack on every table)', async () => {
    const client = await operator();
    await client.get('/platform/overview?year=2025');
    const html = client.lastHtml;
    // The adversary reads the page: per-institution thresholds are printed in the "< t" cells; a
    // hidden institution or national figure is at least the threshold it would otherwise meet.
    const inst = table(html, 'overview-institutions');
    const own = (k: string) => (k === 'ov-d' ? 10 : 5);
    const a = asDisplay(inst.rows, own);
    expect(recoverableCells(a.display, a.thresholds, Number(inst.total))).toEqual([]);
    for (const id of ['category', 'reporterRole', 'via', 'channel', 'quarter', 'state']) {
      const tab = table(html, `overview-${id}`);
      const d = asDisplay(tab.rows, () => 10);
      expect(recoverableCells(d.display, d.thresholds, 74), id).toEqual([]);
    }
    // The attack itself bites: with C's total shown, D's would be 74 − 30 − 25 − 12 − 0 = 7.
    const leaky = asDisplay({ ...inst.rows, 'ov-c': ['shown', '12'] }, own);
    expect(recoverableCells(leaky.display, leaky.thresholds, 74)).toEqual([
      Object.keys(inst.rows).indexOf('ov-d'),
    ]);
  });

  it('is in Dutch for a Dutch operator, and a GET form picks the year without JavaScript', async () => {
    const client = await operator('nl');
    await client.get('/platform/overview?year=2025');
    expect(client.lastHtml).toContain('Landelijk overzicht');
    expect(client.lastHtml).toContain('&lt; 3 instellingen');
    expect(client.lastHtml).toMatch(/<form method="get" action="\/platform\/overview"/);
    await client.get('/platform/overview?year=2024');
    // 2024: A's 3 threat reports only; 3 < 5 withholds the institutions' column, total included.
    expect(table(client.lastHtml, 'overview-institutions').total).toBe('×');
    expect(table(client.lastHtml, 'overview-category').rows).toEqual({ threat: ['hidden', '×'] });
  });

  it("is the platform operator's only: menu entry for them, refused to an institution's staff", async () => {
    const client = await operator();
    await client.get('/platform');
    expect(client.lastHtml).toContain('href="/platform/overview"');
    const admin = await createStaff(t.deps, teams['ov-a']!, [
      'administrator',
      'safety_coordinator',
    ]);
    const staff = new HostClient(t.app, 'ov-a.test');
    expect((await staff.signIn(admin.email, PASSWORD)).status).toBe(303);
    expect(staff.lastHtml).not.toContain('/platform/overview');
    expect((await staff.get('/platform/overview?year=2025')).status).toBe(403);
    expect(staff.lastHtml).not.toContain('overview-category');
  });

  it('audits each viewing without content', async () => {
    const client = await operator();
    await client.get('/platform/overview?year=2025');
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail', 'institution_id'])
      .where('type', '=', 'REPORT_GENERATED')
      .execute();
    const details = events.map((e) =>
      typeof e.detail === 'string' ? (JSON.parse(e.detail) as unknown) : e.detail,
    );
    expect(details).toContainEqual({ format: 'national', year: 2025 });
    // the platform's own chain: the operator belongs to no institution
    expect(events.filter((e) => e.institution_id !== null).length).toBeLessThan(events.length);
  });
});
