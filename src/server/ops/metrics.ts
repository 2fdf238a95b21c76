import type { MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { refusalCounts } from '../http/refusals.js';

/**
 * Prometheus text exposition (format 0.0.4) without a client library: request counters and
 * a latency histogram kept in this process, plus a few gauges read from the database.
 * Labels carry the route pattern, never a concrete path (ids, tokens) or anything personal.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface Metrics {
  middleware: MiddlewareHandler;
  render(db: Db): Promise<string>;
}

export function createMetrics(): Metrics {
  const requests = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  const sums = new Map<string, number>();
  const counts = new Map<string, number>();
  const started = Date.now();

  const middleware: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      const seconds = (performance.now() - start) / 1000;
      const route = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
      const reqKey = `method="${c.req.method}",route="${escape(route)}",status="${c.res.status}"`;
      requests.set(reqKey, (requests.get(reqKey) ?? 0) + 1);
      const hKey = `method="${c.req.method}",route="${escape(route)}"`;
      const b = buckets.get(hKey) ?? BUCKETS.map(() => 0);
      BUCKETS.forEach((le, i) => {
        if (seconds <= le) b[i]!++;
      });
      buckets.set(hKey, b);
      sums.set(hKey, (sums.get(hKey) ?? 0) + seconds);
      counts.set(hKey, (counts.get(hKey) ?? 0) + 1);
    }
  };

  async function render(db: Db): Promise<string> {
    const lines: string[] = [];
    lines.push(
      '# HELP meldpunt_http_requests_total HTTP requests by method, route pattern and status.',
      '# TYPE meldpunt_http_requests_total counter',
    );
    for (const [k, v] of requests) lines.push(`meldpunt_http_requests_total{${k}} ${v}`);
    lines.push(
      '# HELP meldpunt_http_request_duration_seconds Time to answer an HTTP request.',
      '# TYPE meldpunt_http_request_duration_seconds histogram',
    );
    for (const [k, b] of buckets) {
      BUCKETS.forEach((le, i) =>
        lines.push(`meldpunt_http_request_duration_seconds_bucket{${k},le="${le}"} ${b[i]}`),
      );
      lines.push(`meldpunt_http_request_duration_seconds_bucket{${k},le="+Inf"} ${counts.get(k)}`);
      lines.push(`meldpunt_http_request_duration_seconds_sum{${k}} ${sums.get(k)}`);
      lines.push(`meldpunt_http_request_duration_seconds_count{${k}} ${counts.get(k)}`);
    }
    lines.push(
      '# HELP meldpunt_refusals_total Requests refused by an anti-automation budget, per kind (decision 025).',
      '# TYPE meldpunt_refusals_total counter',
    );
    for (const [kind, n] of refusalCounts())
      lines.push(`meldpunt_refusals_total{kind="${kind}"} ${n}`);
    let up = 1;
    try {
      const open = await db
        .selectFrom('case')
        .innerJoin('team', 'team.id', 'case.team_id')
        .select(['team.key', (eb) => eb.fn.countAll<number>().as('n')])
        .where('case.closed_on', 'is', null)
        .groupBy('team.key')
        .execute();
      lines.push(
        '# HELP meldpunt_open_cases Cases not yet closed, per team.',
        '# TYPE meldpunt_open_cases gauge',
      );
      for (const r of open) lines.push(`meldpunt_open_cases{team="${escape(r.key)}"} ${r.n}`);
      const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event`.execute(
        db,
      );
      lines.push(
        '# HELP meldpunt_audit_events Audit events recorded.',
        '# TYPE meldpunt_audit_events gauge',
        `meldpunt_audit_events ${audit.rows[0]?.n ?? 0}`,
      );
    } catch {
      up = 0;
    }
    const mem = process.memoryUsage();
    lines.push(
      '# HELP meldpunt_database_up Whether the database answered this scrape.',
      '# TYPE meldpunt_database_up gauge',
      `meldpunt_database_up ${up}`,
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${mem.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use.',
      '# TYPE nodejs_heap_used_bytes gauge',
      `nodejs_heap_used_bytes ${mem.heapUsed}`,
      '# HELP meldpunt_uptime_seconds Seconds since this process started serving.',
      '# TYPE meldpunt_uptime_seconds gauge',
      `meldpunt_uptime_seconds ${Math.round((Date.now() - started) / 1000)}`,
    );
    return lines.join('\n') + '\n';
  }

  return { middleware, render };
}

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
