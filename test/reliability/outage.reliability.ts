import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process.js';
import {
  newIdempotencyKey,
  openIntakeSession,
  submitIntake,
  type IntakeSession,
  type SubmitOutcome,
} from './intake-client.js';
import { createTarget, type Target } from './targets.js';
import { createPgCluster, type PgCluster } from './pg-cluster.js';
import { censusByKey } from './case-census.js';

const UNAVAILABLE = 'The service is temporarily unavailable';

function startLoad(server: ServerProcess, session: IntakeSession) {
  const outcomes: { key: string; outcome: SubmitOutcome }[] = [];
  let running = true;
  const workers = Array.from({ length: 4 }, async (_, w) => {
    while (running) {
      const key = newIdempotencyKey();
      outcomes.push({ key, outcome: await submitIntake(server.url, session, key, w % 2 === 0) });
      await new Promise((r) => setTimeout(r, 5));
    }
  });
  return { outcomes, stop: async () => ((running = false), await Promise.all(workers)) };
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const started = Date.now();
  while (!(await cond())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function health(server: ServerProcess): Promise<number> {
  try {
    return (await fetch(`${server.url}/health`)).status;
  } catch (err) {
    throw new Error(
      `the server stopped answering (exit ${server.child.exitCode ?? server.child.signalCode}):\n${server.output().slice(-3000)}`,
      { cause: err },
    );
  }
}

describe('database outage under load (own PostgreSQL 15 cluster)', () => {
  let cluster: PgCluster | undefined;
  let target: Target | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await target?.dispose();
    cluster?.destroy();
  });

  it('answers 503 with a clear message while the database is down, loses nothing, and resumes without a restart', async () => {
    cluster = await createPgCluster();
    target = await createTarget('external', cluster.url);
    server = await startServer(target.env);
    const pid = server.child.pid;
    const session = await openIntakeSession(server.url);
    const load = startLoad(server, session);
    const acked = () => load.outcomes.filter((o) => o.outcome.kind === 'acknowledged').length;
    await waitFor(() => acked() >= 20, 60_000, 'submissions before the outage');

    cluster.stop('fast');
    await waitFor(async () => (await health(server!)) === 503, 30_000, '/health to answer 503');
    const during = load.outcomes.length;
    await waitFor(
      () => load.outcomes.slice(during).filter((o) => o.outcome.kind === 'refused').length >= 10,
      30_000,
      'refusals',
    );
    const body = await (await fetch(`${server.url}/health`)).json();
    expect(body).toEqual({ status: 'unavailable' });

    const ackedBeforeRecovery = acked();
    cluster.start();
    await waitFor(async () => (await health(server!)) === 200, 60_000, '/health to recover');
    await waitFor(
      () => acked() >= ackedBeforeRecovery + 20,
      60_000,
      'submissions after the outage',
    );
    await load.stop();
    expect(server.child.pid).toBe(pid);
    expect(server.child.exitCode).toBeNull();

    // Every failure the reporters saw was the clear 503 page, never a crash or a 500.
    const failures = load.outcomes.filter((o) => o.outcome.kind !== 'acknowledged');
    expect(failures.length).toBeGreaterThanOrEqual(10);
    for (const { outcome } of failures) {
      expect(outcome.kind).toBe('refused');
      if (outcome.kind === 'refused') {
        expect(outcome.status, `the server's log:\n${server.output().slice(-4000)}`).toBe(503);
        expect(outcome.body).toContain(UNAVAILABLE);
      }
    }

    // Nothing acknowledged is lost; a retry of a refused submission stores it once.
    const retried = await Promise.all(
      failures.map(({ key }, i) => submitIntake(server!.url, session, key, i % 2 === 0)),
    );
    for (const r of retried) expect(r.kind).toBe('acknowledged');
    const deps = await target.open();
    try {
      const census = await censusByKey(
        deps,
        session,
        load.outcomes.map((o) => o.key),
      );
      for (const { key, outcome } of load.outcomes) {
        const entry = census.get(key);
        expect(entry?.references).toHaveLength(1);
        if (outcome.kind === 'acknowledged') expect(entry?.references).toEqual([outcome.reference]);
      }
    } finally {
      await deps.close();
    }
  });
});
