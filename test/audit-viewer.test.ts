import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, type AuditEventType } from '../src/server/audit/audit.service.js';
import {
  AUDIT_EVENT_GROUP,
  AUDIT_EVENT_KINDS,
  AUDIT_GROUPS,
} from '../src/server/audit/audit-events.js';
import { nl } from '../src/i18n/nl.js';
import { en } from '../src/i18n/en.js';
import { createTeam } from './support/factories.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';
import type { TestClient } from './support/http-client.js';

const t = useTestApp();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The rows of the audit table on the last page: the kind code, the actor cell and the case cell. */
function rows(client: TestClient) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(client.lastHtml)?.[1] ?? '';
  return [...body.matchAll(/<tr data-testid="audit-event">([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
      c[1]!.replace(/<[^>]+>/g, '').trim(),
    );
    return {
      id: Number(cells[0]),
      kind: /data-kind="([A-Z0-9_]+)"/.exec(m[1]!)?.[1] ?? '',
      label: cells[2] ?? '',
      actor: cells[3] ?? '',
      reference: cells[4] ?? '',
    };
  });
}

function link(client: TestClient, rel: 'next' | 'prev'): string | undefined {
  const href = new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(client.lastHtml)?.[1];
  return href?.replace(/&amp;/g, '&');
}

/** Today in Amsterdam as YYYY-MM-DD, worked out here rather than by the code under test. */
function amsterdamDay(offsetDays = 0): string {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);
}

describe('the names of audit events', () => {
  it('every kind the writer accepts has a group and a label of its own in Dutch and English', () => {
    expect(AUDIT_EVENT_KINDS.length).toBeGreaterThan(150);
    for (const catalogue of [nl, en] as Record<string, string>[]) {
      const labels = AUDIT_EVENT_KINDS.map((k) => catalogue[`audit.event.${k}`]);
      for (const [i, label] of labels.entries()) {
        expect(label, AUDIT_EVENT_KINDS[i]).toBeTruthy();
        expect(label, AUDIT_EVENT_KINDS[i]).not.toMatch(/[A-Z]{2,}_[A-Z]/);
      }
      expect(new Set(labels).size, 'two kinds with the same label').toBe(labels.length);
      for (const g of AUDIT_GROUPS) expect(catalogue[`audit.group.${g}`], g).toBeTruthy();
    }
    for (const k of AUDIT_EVENT_KINDS) expect(AUDIT_GROUPS).toContain(AUDIT_EVENT_GROUP[k]);
  });

  it('every event kind written anywhere in the source is in the list (scanning src/)', () => {
    const known = new Set<string>(AUDIT_EVENT_KINDS);
    // Upper-case codes in the audit-writing files that are not audit kinds: errors, log events, settings.
    const notKinds = new Set([
      'NOT_FOUND',
      'CONSENT_REQUIRED',
      'NEW_REPORT_MAIL_FAILED',
      'NEW_REPORT_NOTIFY_FAILED',
    ]);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    walk('src');
    const unknown: string[] = [];
    let writers = 0;
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      if (!/recordAudit|AuditEventType|\.audit\(|auditRead\(/.test(source)) continue;
      writers++;
      for (const m of source.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
        const code = m[1]!;
        if (!known.has(code) && !notKinds.has(code) && !code.startsWith('MELDPUNT_'))
          unknown.push(`${file}: ${code}`);
      }
    }
    expect(writers).toBeGreaterThan(30);
    expect(unknown).toEqual([]);
  });
});

describe('the audit viewer', () => {
  let coordinator: Awaited<ReturnType<typeof signedIn>>;
  let adviser: Awaited<ReturnType<typeof signedIn>>;
  let a: { reference: string; caseId: string };
  let b: { reference: string; caseId: string };
  const secret = 'Inhoud-die-nooit-in-de-audittrail-mag-7431';

  beforeAll(async () => {
    const ra = await submitReport(t.app, { narrative: `${secret} (a)` });
    const rb = await submitReport(t.app, { narrative: `${secret} (b)` });
    a = { reference: ra.reference, caseId: await caseIdOf(t.deps, ra.reference) };
    b = { reference: rb.reference, caseId: await caseIdOf(t.deps, rb.reference) };
    adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser'], 'Ada Adviseur');
    await adviser.client.get(`/cases/${a.caseId}`);
    await adviser.client.get(`/cases/${b.caseId}`);
    coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator'], 'Cor Coord');
  });

  it('names events in Dutch and in English, and people by name', async () => {
    const { client } = coordinator;
    expect((await client.get(`/audit?reference=${a.reference}`)).status).toBe(200);
    const viewed = rows(client).find((r) => r.kind === 'CASE_VIEWED');
    expect(viewed?.label).toBe('Melding bekeken');
    expect(viewed?.actor).toBe('Ada Adviseur');
    expect(client.lastHtml).not.toContain('>CASE_VIEWED<');
    // The same page for a coordinator who reads English.
    const english = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    await english.client.follow(
      await english.client.get(
        `/lang/en?next=${encodeURIComponent(`/audit?reference=${a.reference}`)}`,
      ),
    );
    expect(rows(english.client).find((r) => r.kind === 'CASE_VIEWED')?.label).toBe('Case viewed');
    expect(english.client.lastHtml).toContain('Kind of event');
  });

  it('filters by case reference: only that case\u2019s events, shown by reference', async () => {
    const { client } = coordinator;
    await client.get(`/audit?reference=${encodeURIComponent(a.reference)}`);
    const found = rows(client);
    expect(found.length).toBeGreaterThan(1);
    for (const r of found) expect(r.reference).toBe(a.reference);
    expect(found.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['CASE_CREATED', 'CASE_VIEWED']),
    );
    expect(client.lastHtml).not.toContain(b.reference);
    // A reference this team does not have finds nothing and says so.
    await client.get('/audit?reference=XX-0000-0000');
    expect(rows(client)).toEqual([]);
    expect(client.lastHtml).toContain('Uw team heeft geen melding met dit kenmerk.');
  });

  it('shows no case content and no raw case ids, filtered or not', async () => {
    const { client } = coordinator;
    const caseIds = (await t.deps.db.selectFrom('case').select('id').execute()).map((r) => r.id);
    for (const url of ['/audit', `/audit?reference=${a.reference}`, '/audit?kind=group:reads']) {
      await client.get(url);
      expect(rows(client).length, url).toBeGreaterThan(0);
      expect(client.lastHtml, url).not.toContain(secret);
      const uuids = client.lastHtml.match(UUID) ?? [];
      for (const id of caseIds) expect(uuids, url).not.toContain(id);
    }
  });

  it('filters by person, by kind (one or a group) and by date', async () => {
    const { client } = coordinator;
    await client.get(`/audit?person=${adviser.id}`);
    const byAdviser = rows(client);
    expect(byAdviser.length).toBeGreaterThan(0);
    for (const r of byAdviser) expect(r.actor).toBe('Ada Adviseur');
    expect(client.lastHtml).toMatch(/<option value="[^"]+" selected="">Ada Adviseur<\/option>/);

    await client.get('/audit?kind=CASE_CREATED');
    expect(rows(client).map((r) => r.kind)).toEqual(['CASE_CREATED', 'CASE_CREATED']);

    await client.get('/audit?kind=group:reads');
    const reads = rows(client);
    expect(reads.map((r) => r.kind)).toContain('CASE_VIEWED');
    expect(reads.map((r) => r.kind)).not.toContain('CASE_CREATED');
    for (const r of reads) expect(AUDIT_EVENT_GROUP[r.kind as AuditEventType]).toBe('reads');

    await client.get(`/audit?from=${amsterdamDay()}&to=${amsterdamDay()}`);
    expect(rows(client).length).toBeGreaterThan(0);
    await client.get(`/audit?from=${amsterdamDay(1)}`);
    expect(rows(client)).toEqual([]);
    await client.get(`/audit?to=${amsterdamDay(-1)}`);
    expect(rows(client)).toEqual([]);
    await client.get('/audit?from=14-03-2026');
    expect(client.lastHtml).toContain('Vul een datum in als 2026-03-14.');
  });

  it('shows 50 events a page with previous and next links that keep the filters', async () => {
    const team = await createTeam(t.deps, `audit-pages-${Date.now()}`);
    const own = await signedIn(t.app, t.deps, team, ['safety_coordinator'], 'Pim Pager');
    await t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 120; i++)
        await recordAudit(trx, {
          type: 'REPORT_GENERATED',
          actor: { kind: 'system' },
          teamId: team,
        });
    });
    const expected = (
      await t.deps.db
        .selectFrom('audit_event')
        .select('id')
        .where('team_id', '=', team)
        .where('type', '=', 'REPORT_GENERATED')
        .orderBy('id', 'desc')
        .execute()
    ).map((r) => Number(r.id));
    expect(expected).toHaveLength(120);

    const { client } = own;
    await client.get('/audit?kind=REPORT_GENERATED');
    const seen: number[] = [];
    const pages: number[] = [];
    for (;;) {
      const page = rows(client);
      pages.push(page.length);
      seen.push(...page.map((r) => r.id));
      const next = link(client, 'next');
      if (!next) break;
      expect(next).toContain('kind=REPORT_GENERATED');
      await client.get(next);
      expect(link(client, 'prev')).toBeDefined();
    }
    // Viewing the trail writes events meanwhile; the pages still hold each event exactly once.
    expect(pages).toEqual([50, 50, 20]);
    expect(seen).toEqual(expected);
    expect(client.lastHtml).toContain('Gebeurtenis 101 tot en met 120 van 120');
    await client.get(link(client, 'prev')!);
    expect(rows(client).map((r) => r.id)).toEqual(expected.slice(50, 100));
    // A page past the end (a stale bookmark) is empty but leads back.
    await client.get('/audit?kind=REPORT_GENERATED&page=9');
    expect(rows(client)).toEqual([]);
    expect(link(client, 'prev')).toContain('page=8');
    expect(link(client, 'next')).toBeUndefined();
  });

  it('refuses roles without access, and shows another team none of this team\u2019s events', async () => {
    expect((await adviser.client.get('/audit')).status).toBe(403);
    expect((await adviser.client.get('/audit/chain')).status).toBe(403);
    for (const role of ['administrator', 'board', 'ombudsperson'] as const) {
      const other = await signedIn(t.app, t.deps, t.teamId, [role]);
      expect((await other.client.get(`/audit?reference=${a.reference}`)).status, role).toBe(403);
      expect(other.client.lastHtml, role).not.toContain('Ada Adviseur');
    }
    const elsewhere = await signedIn(
      t.app,
      t.deps,
      await createTeam(t.deps, `other-${Date.now()}`),
      ['safety_coordinator'],
    );
    await elsewhere.client.get(`/audit?reference=${a.reference}`);
    expect(rows(elsewhere.client)).toEqual([]);
    await elsewhere.client.get(`/audit?person=${adviser.id}`);
    expect(rows(elsewhere.client)).toEqual([]);
    expect(elsewhere.client.lastHtml).not.toContain('Ada Adviseur');
  });

  it('records the coordinator\u2019s viewing of the trail, for the case filtered on', async () => {
    const { client } = coordinator;
    await client.get(`/audit?reference=${b.reference}`);
    const last = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'actor_user_id', 'case_id'])
      .where('team_id', '=', t.teamId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toEqual({
      type: 'AUDIT_TRAIL_VIEWED',
      actor_user_id: coordinator.id,
      case_id: b.caseId,
    });
  });
});
