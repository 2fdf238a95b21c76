import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/audit/audit.service.js';
import { startServer, type ServerProcess } from './server-process.js';
import { newIdempotencyKey, openIntakeSession, submitIntake } from './intake-client.js';
import { createTarget, type DbKind, type Target } from './targets.js';
import { censusByKey } from './case-census.js';

const WORKERS = 8;
const ACKS_BEFORE_KILL = 40;

/** Submits concurrently until `stop()`; records every key tried and every acknowledgement. */
function startLoad(server: ServerProcess, session: Awaited<ReturnType<typeof openIntakeSession>>) {
  const attempted: string[] = [];
  const acked = new Map<string, string>();
  let running = true;
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    while (running) {
      const key = newIdempotencyKey();
      attempted.push(key);
      const outcome = await submitIntake(server.url, session, key, w % 2 === 0);
      if (outcome.kind === 'acknowledged') acked.set(key, outcome.reference);
    }
  });
  return { attempted, acked, stop: async () => ((running = false), await Promise.all(workers)) };
}

/** kill -9 of the embedded PostgreSQL's postmaster; it leaves its postmaster.pid behind. */
function killDatabase(dataDir: string): void {
  const pid = Number(
    fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  process.kill(pid, 'SIGKILL');
}

async function waitFor(cond: () => boolean, timeoutMs: number) {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > timeoutMs)
      throw new Error('timed out waiting for the load to make progress');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each<DbKind>(['embedded', 'external'])(
  'kill -9 during concurrent submissions (%s)',
  (kind) => {
    let target: Target;
    afterAll(() => target?.dispose());

    it('keeps every acknowledged submission exactly once, and retries with the same key are safe', async () => {
      target = await createTarget(kind);
      const server = await startServer(target.env);
      const session = await openIntakeSession(server.url);
      const load = startLoad(server, session);
      await waitFor(() => load.acked.size >= ACKS_BEFORE_KILL, 60_000);
      await server.kill9();
      // The embedded database dies too (as in a power cut of the machine): its next start recovers from its log.
      if (kind === 'embedded') killDatabase(target.dataDir);
      await load.stop();
      const acked = new Map(load.acked);
      const attempted = [...new Set(load.attempted)];
      expect(attempted.length).toBeGreaterThan(acked.size); // some requests were cut off by the kill

      // Restart 1: the database as the crash left it; nobody cleans up in between.
      let deps = await target.open();
      let census = await censusByKey(deps, session, attempted);
      for (const [key, reference] of acked) {
        expect(census.get(key), `acknowledged ${reference} lost`).toEqual({
          references: [reference],
          auditEvents: 1,
        });
      }
      for (const entry of census.values()) expect(entry.references).toHaveLength(1);
      expect((await verifyAuditChain(deps.db)).ok).toBe(true);
      await deps.close();

      // Restart 2: a server again; every reporter retries from the same browser with the same idempotency key.
      const again = await startServer(target.env);
      const retrySession = session;
      const retried = await Promise.all(
        attempted.map((key, i) => submitIntake(again.url, retrySession, key, i % 2 === 0)),
      );
      retried.forEach((outcome, i) => {
        expect(outcome.kind).toBe('acknowledged');
        const before = acked.get(attempted[i]!);
        if (before && outcome.kind === 'acknowledged') expect(outcome.reference).toBe(before);
      });
      await again.stop();

      deps = await target.open();
      census = await censusByKey(deps, session, attempted);
      expect(census.size).toBe(attempted.length);
      for (const entry of census.values())
        expect(entry).toMatchObject({ references: [expect.any(String)], auditEvents: 1 });
      const total = await deps.db
        .selectFrom('case')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(total.n).toBe(attempted.length);
      expect((await verifyAuditChain(deps.db)).ok).toBe(true);
      await deps.close();
    });
  },
);
