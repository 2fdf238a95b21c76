import crypto from 'node:crypto';
import http from 'node:http';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import type { Deps } from '../src/server/bootstrap.js';
import { withInstitution } from '../src/server/db/tenancy.js';
import { createUser } from '../src/server/users/users.service.js';
import { getNationalOverview } from '../src/server/platform/overview.service.js';
import { listInstitutionCounts } from '../src/server/platform/overview.queries.js';
import { startServer, type ServerProcess } from '../test/reliability/server-process.js';
import { createTarget } from '../test/reliability/targets.js';
import { intakeBody, newIdempotencyKey } from '../test/reliability/intake-client.js';
import { createStaff, PASSWORD } from '../test/support/factories.js';
import type { LoadResult } from './http-load.js';
import { median, percentile } from './stats.js';

/**
 * The platform scenario (issue 22, decision 040), on PostgreSQL only (BENCH_DATABASE_URL): many
 * institutions in host mode, a large number of cases seeded set-based, then
 * - intake throughput over HTTP with 1 and with 3 server processes, requests spread over the
 *   institutions' host names, next to the raw SQL of the same inserts (same role, row-level
 *   security and triggers, per-institution audit chain lock) with the same concurrency;
 * - the inbox of one institution (a staff session on its host): p50/p99;
 * - the national overview: the service (SQL, suppression, audit) next to its raw aggregate SQL.
 *
 * Knobs: BENCH_PLATFORM_INSTITUTIONS (50), BENCH_PLATFORM_CASES (1000000), BENCH_SECONDS (8),
 * BENCH_PLATFORM_CONNECTIONS (12, the total over all processes), BENCH_PLATFORM_PROCESSES ("1,3").
 */
export interface PlatformResult {
  institutions: number;
  cases: number;
  seedSeconds: number;
  loadavg: string;
  intake: {
    processes: number;
    connections: number;
    http: LoadResult;
    raw: LoadResult;
    ratio: number;
  }[];
  inbox: { cases: number; concurrent: LoadResult; single: LoadResult };
  overview: { year: number; serviceMs: number; rawMs: number; pageMs: number };
}

const log = (msg: string) => process.stderr.write(`  platform: ${msg}\n`);
const hostOf = (i: number) => `p${String(i + 1).padStart(2, '0')}.bench.test`;
const PLATFORM_HOST = 'platform.bench.test';

interface Tenant {
  institutionId: string;
  teamId: string;
  teamKey: string;
  host: string;
}

async function seedInstitutions(deps: Deps, n: number): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for (let i = 0; i < n; i++) {
    const key = `p${String(i + 1).padStart(2, '0')}`;
    const inst = await deps.db
      .insertInto('institution')
      .values({ key, name: `Instelling ${key}`, host: hostOf(i) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const team = await deps.db
      .insertInto('team')
      .values({ institution_id: inst.id, key, name_nl: `Team ${key}`, name_en: `Team ${key}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    tenants.push({ institutionId: inst.id, teamId: team.id, teamKey: key, host: hostOf(i) });
  }
  return tenants;
}

/**
 * Cases over 2024–2025, spread over the institutions' teams, with sealed-size blobs (summary,
 * wrapped data key) and one CASE_CREATED audit event each, 100,000 per statement.
 */
async function seedCases(deps: Deps, tenants: Tenant[], total: number): Promise<void> {
  const teamIds = tenants.map((t) => t.teamId);
  const summary = crypto.randomBytes(320); // a sealed narrative of a few sentences
  const wrapped = crypto.randomBytes(60);
  for (let offset = 0; offset < total; offset += 100_000) {
    const n = Math.min(100_000, total - offset);
    await sql`
      WITH made AS (
        INSERT INTO "case" (team_id, reference, source, received_on, channel, via, reporter_role, reporter_gender,
          org_unit_key, category, subtype, location, accused_role, follow_up, status, closed_on, summary)
        SELECT (${teamIds}::uuid[])[1 + g % ${teamIds.length}], 'B' || (${offset} + g), 'import',
          DATE '2024-01-01' + (g % 730),
          (ARRAY['web_form','appointment','in_person','online_meeting','email','phone'])[1 + g % 6],
          (ARRAY['self','staff_member','citizen','board_or_association_contact'])[1 + g % 4],
          (ARRAY['student','phd','staff','external','unknown'])[1 + g % 5],
          (ARRAY['female','male','non_binary','not_stated'])[1 + g % 4],
          (ARRAY['LAW','SBE','FSE','FHML',NULL])[1 + g % 5],
          (ARRAY['sexual_violence','bullying','other','stalking','intimidation','aggression','threat',
            'discrimination','honour_violence'])[1 + (g / 3) % 9],
          NULL, (ARRAY['campus','off_campus','online','unknown'])[1 + g % 4],
          (ARRAY['student','staff','external','unknown'])[1 + (g / 7) % 4],
          (ARRAY['advice','referral','guidance',NULL])[1 + g % 4],
          CASE WHEN g % 4 = 3 THEN 'received' ELSE 'closed' END,
          CASE WHEN g % 4 = 3 THEN NULL ELSE DATE '2024-01-01' + (g % 730) END,
          ${summary}
        FROM generate_series(1, ${n}) g
        RETURNING id, team_id, institution_id
      ), keyed AS (
        INSERT INTO case_key (case_id, master_key_id, wrapped_key)
        SELECT id, 'bench', ${wrapped} FROM made
      )
      INSERT INTO audit_event (occurred_at, type, actor_kind, team_id, case_id, institution_id, detail, prev_hash, hash)
      SELECT now(), 'CASE_CREATED', 'system', team_id, id, institution_id, '{"source":"import"}',
        sha256(id::text::bytea), sha256(('h' || id)::bytea)
      FROM made
    `.execute(deps.db);
    log(`seeded ${(offset + n).toLocaleString('en')} cases`);
  }
  await sql`ANALYZE`.execute(deps.db);
}

/** One HTTP request with a Host header of our choosing (fetch may not set Host). */
function request(
  url: string,
  host: string,
  method: string,
  path: string,
  opts: { cookie?: string; body?: string } = {},
): Promise<{ status: number; setCookies: string[]; location?: string; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        method,
        path,
        headers: {
          host,
          'accept-language': 'en',
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(opts.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            setCookies: ([] as string[]).concat(res.headers['set-cookie'] ?? []),
            location: res.headers.location,
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const cookieHeader = (setCookies: string[], jar = new Map<string, string>()) => {
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return { jar, header: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
};

/** A reporter's browser on one institution's host: cookie, CSRF token and the team to report to. */
async function intakeSession(url: string, tenant: Tenant) {
  const res = await request(url, tenant.host, 'GET', '/melden');
  if (res.status !== 200) throw new Error(`GET /melden on ${tenant.host}: ${res.status}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!csrf) throw new Error('no CSRF token in /melden');
  return {
    cookie: cookieHeader(res.setCookies).header,
    csrf,
    team: tenant.teamKey,
    host: tenant.host,
  };
}

async function signIn(url: string, host: string, email: string): Promise<string> {
  const page = await request(url, host, 'GET', '/login');
  const { jar, header } = cookieHeader(page.setCookies);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await request(url, host, 'POST', '/login', {
    cookie: header,
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in on ${host}: ${res.status}`);
  return cookieHeader(res.setCookies, jar).header;
}

function summarise(r: autocannon.Result): LoadResult {
  return {
    perSecond: r['2xx'] / (r.duration || 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    errors: r.non2xx + r.errors + r.timeouts,
  };
}

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

/** Intake over HTTP against every server at once, each request to a random institution's host. */
async function httpIntake(
  servers: ServerProcess[],
  tenants: Tenant[],
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const perServer = Math.max(1, Math.round(connections / servers.length));
  const runs = await Promise.all(
    servers.map(async (server) => {
      const sessions = await Promise.all(tenants.map((t) => intakeSession(server.url, t)));
      return cannon({
        url: server.url,
        duration: seconds,
        connections: perServer,
        requests: [
          {
            method: 'POST',
            path: '/melden',
            setupRequest: (req) => {
              const s = sessions[Math.floor(Math.random() * sessions.length)]!;
              return {
                ...req,
                headers: {
                  host: s.host,
                  cookie: s.cookie,
                  'content-type': 'application/x-www-form-urlencoded',
                },
                body: intakeBody(s, newIdempotencyKey(), true),
              };
            },
          },
        ],
      });
    }),
  );
  const results = runs.map(summarise);
  const all = results.reduce((a, r) => a + r.ok, 0);
  return {
    perSecond: results.reduce((a, r) => a + r.perSecond, 0),
    p50: median(results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    ok: all,
    errors: results.reduce((a, r) => a + r.errors, 0),
  };
}

/**
 * The intake's statements as raw SQL, per institution under its own context (role meldpunt_app,
 * row-level security, the parent triggers) with the per-institution audit chain lock — no HTTP,
 * validation, encryption or rendering — by `connections` concurrent clients.
 */
async function rawIntake(
  deps: Deps,
  tenants: Tenant[],
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const summary = crypto.randomBytes(320);
  const wrapped = crypto.randomBytes(60);
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const tenant = tenants[Math.floor(Math.random() * tenants.length)]!;
      const started = performance.now();
      try {
        await withInstitution(tenant.institutionId, () =>
          submitRaw(deps, tenant, summary, wrapped),
        );
        latencies.push(performance.now() - started);
      } catch (err) {
        if (errors++ === 0) log(`raw intake error: ${(err as Error).message}`);
      }
    }
  };
  const began = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (Date.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: latencies.length,
    errors,
  };
}

async function submitRaw(deps: Deps, tenant: Tenant, summary: Buffer, wrapped: Buffer) {
  const key = crypto.randomBytes(32);
  await sql`SELECT c.reference, c.is_anonymous, t.ack_days FROM "case" c JOIN team t ON t.id = c.team_id WHERE c.intake_key_hash = ${key}`.execute(
    deps.db,
  );
  await deps.db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SELECT ack_days, feedback_days FROM team WHERE id = ${tenant.teamId}`.execute(conn);
      const { rows } = await sql<{
        case_counter: number;
      }>`UPDATE team SET case_counter = case_counter + 1 WHERE id = ${tenant.teamId} RETURNING case_counter`.execute(
        conn,
      );
      const id = crypto.randomUUID();
      await sql`
        INSERT INTO "case" (id, team_id, reference, source, received_on, channel, via, reporter_role, reporter_gender, category,
          subtype, location, accused_role, reporter_goal, is_anonymous, form_version, receipt_hash, intake_key_hash,
          ack_due_on, feedback_due_on, summary)
        VALUES (${id}, ${tenant.teamId}, ${`R-${rows[0]!.case_counter}`}, 'intake', CURRENT_DATE, 'web_form', 'self', 'student', 'not_stated',
          'intimidation', 'sexual', 'campus', 'student', 'advice', true, 'raw',
          ${crypto.randomBytes(32)}, ${key}, CURRENT_DATE + 7, CURRENT_DATE + 91, ${summary})`.execute(
        conn,
      );
      await sql`INSERT INTO case_key (case_id, master_key_id, wrapped_key) VALUES (${id}, 'raw', ${wrapped})`.execute(
        conn,
      );
      await sql`SELECT pg_advisory_xact_lock(7012027, hashtext(${tenant.institutionId}))`.execute(
        conn,
      );
      await sql`SELECT hash FROM audit_event WHERE institution_id = ${tenant.institutionId} AND chain_legacy = false ORDER BY id DESC LIMIT 1`.execute(
        conn,
      );
      const hash = crypto.randomBytes(32);
      await sql`
        INSERT INTO audit_event (occurred_at, type, actor_kind, team_id, case_id, institution_id, detail, prev_hash, hash)
        VALUES (now(), 'CASE_CREATED', 'reporter', ${tenant.teamId}, ${id}, ${tenant.institutionId}, '{"source":"intake"}', ${hash}, ${hash})`.execute(
        conn,
      );
      await sql`COMMIT`.execute(conn);
    } catch (err) {
      await sql`ROLLBACK`.execute(conn);
      throw err;
    }
  });
}

async function timed(fn: () => Promise<unknown>, times = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

async function startServers(env: Record<string, string>, n: number): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  for (let i = 0; i < n; i++)
    servers.push(
      await startServer(
        {
          ...env,
          MELDPUNT_TENANCY: 'host',
          MELDPUNT_BASE_URL: `http://${PLATFORM_HOST}`,
          MELDPUNT_LOG_LEVEL: 'error',
        },
        300_000,
      ),
    );
  return servers;
}

export async function benchPlatform(postgresUrl: string): Promise<PlatformResult> {
  const institutions = Number(process.env.BENCH_PLATFORM_INSTITUTIONS ?? 50);
  const cases = Number(process.env.BENCH_PLATFORM_CASES ?? 1_000_000);
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const connections = Number(process.env.BENCH_PLATFORM_CONNECTIONS ?? 12);
  const processCounts = (process.env.BENCH_PLATFORM_PROCESSES ?? '1,3').split(',').map(Number);
  const target = await createTarget('external', postgresUrl);
  try {
    let deps = await target.open();
    log(`${institutions} institutions, ${cases.toLocaleString('en')} cases`);
    const tenants = await seedInstitutions(deps, institutions);
    const seeded = performance.now();
    await seedCases(deps, tenants, cases);
    const seedSeconds = (performance.now() - seeded) / 1000;
    const staff = await createStaff(deps, tenants[0]!.teamId, [
      'confidential_adviser',
      'safety_coordinator',
    ]);
    const operatorEmail = 'operator@platform.bench.test';
    await deps.db.transaction().execute((trx) =>
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

    log('national overview');
    const year = 2025;
    const serviceMs = await timed(() =>
      getNationalOverview(deps.db, { year, lang: 'nl', actor: { kind: 'system' } }),
    );
    const rawMs = await timed(() => listInstitutionCounts(deps.db, year));
    const loadavg = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim();

    const intake: PlatformResult['intake'] = [];
    let inbox: PlatformResult['inbox'] | undefined;
    let pageMs = NaN;
    for (const n of processCounts) {
      await deps.close();
      log(`${n} server process(es): intake over HTTP (${seconds} s)`);
      const servers = await startServers(target.env, n);
      try {
        const httpResult = await httpIntake(servers, tenants, seconds, connections);
        if (!inbox) {
          log('inbox of one institution');
          const cookie = await signIn(servers[0]!.url, tenants[0]!.host, staff.email);
          const get = (conns: number) =>
            cannon({
              url: `${servers[0]!.url}/cases`,
              duration: Math.max(3, seconds / 2),
              connections: conns,
              headers: { host: tenants[0]!.host, cookie },
            }).then(summarise);
          inbox = {
            cases: Math.round(cases / institutions),
            concurrent: await get(10),
            single: await get(1),
          };
          const opCookie = await signIn(servers[0]!.url, PLATFORM_HOST, operatorEmail);
          pageMs = await timed(async () => {
            const res = await request(
              servers[0]!.url,
              PLATFORM_HOST,
              'GET',
              `/platform/overview?year=${year}`,
              {
                cookie: opCookie,
              },
            );
            if (res.status !== 200) throw new Error(`overview page: ${res.status}`);
          });
        }
        intake.push({
          processes: n,
          connections,
          http: httpResult,
          raw: undefined as never,
          ratio: 0,
        });
      } finally {
        for (const s of servers) await s.stop();
      }
      deps = await target.open();
      log(`raw SQL of the same inserts (${connections} clients)`);
      const raw = await rawIntake(deps, tenants, seconds, connections);
      const last = intake.at(-1)!;
      last.raw = raw;
      last.ratio = last.http.perSecond / raw.perSecond;
    }
    await deps.close();
    return {
      institutions,
      cases,
      seedSeconds,
      loadavg,
      intake,
      inbox: inbox!,
      overview: { year, serviceMs, rawMs, pageMs },
    };
  } finally {
    await target.dispose();
  }
}

const f = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits }) : '—';

export function formatPlatform(r: PlatformResult): string {
  const lines = [
    `Platform: ${r.institutions} institutions, ${f(r.cases)} cases (seeded in ${f(r.seedSeconds)} s; load ${r.loadavg})`,
    '| processes | intake/s (HTTP) | p50 / p99 ms | raw SQL/s | ratio | errors |',
    '|---:|---:|---:|---:|---:|---:|',
    ...r.intake.map(
      (i) =>
        `| ${i.processes} | ${f(i.http.perSecond, 1)} | ${f(i.http.p50)} / ${f(i.http.p99)} | ${f(i.raw.perSecond, 1)} | ${f(i.ratio, 2)}× | ${i.http.errors + i.raw.errors} |`,
    ),
    `Inbox of one institution (${f(r.inbox.cases)} cases): 10 connections p50 ${f(r.inbox.concurrent.p50)} ms, p99 ${f(r.inbox.concurrent.p99)} ms (${f(r.inbox.concurrent.perSecond, 1)}/s); one at a time p50 ${f(r.inbox.single.p50)} ms, p99 ${f(r.inbox.single.p99)} ms`,
    `National overview ${r.overview.year}: service ${f(r.overview.serviceMs)} ms, raw aggregate SQL ${f(r.overview.rawMs)} ms, page over HTTP ${f(r.overview.pageMs)} ms`,
  ];
  return lines.join('\n');
}
