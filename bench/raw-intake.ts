import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/server/db/create-db.js';
import { percentile } from './stats.js';
import type { LoadResult } from './http-load.js';

/**
 * The database's own limit for one submission: the statements the intake runs (idempotency
 * lookup; in one transaction: team terms, case counter, case, case key, reporter identity when
 * named, the audit chain lock, last hash and event), as raw SQL with pre-made ciphertexts —
 * no HTTP, validation, encryption or rendering. Run by `connections` concurrent clients.
 */
export async function loadRawIntake(
  db: Db,
  teamId: string,
  seconds: number,
  anonymous: boolean,
  connections = 10,
): Promise<LoadResult> {
  const summary = crypto.randomBytes(120);
  const wrapped = crypto.randomBytes(60);
  const identity = crypto.randomBytes(90);
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const started = performance.now();
      try {
        await submitRaw(db, teamId, {
          summary,
          wrapped,
          identity: anonymous ? undefined : identity,
        });
        latencies.push(performance.now() - started);
      } catch {
        errors++;
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

async function submitRaw(
  db: Db,
  teamId: string,
  blobs: { summary: Buffer; wrapped: Buffer; identity?: Buffer },
) {
  const key = crypto.randomBytes(32); // stands for the keyed hash of key and browser (decision 022)
  await sql`SELECT c.reference, c.is_anonymous, t.ack_days FROM "case" c JOIN team t ON t.id = c.team_id WHERE c.intake_key_hash = ${key}`.execute(
    db,
  );
  await db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SELECT ack_days, feedback_days FROM team WHERE id = ${teamId}`.execute(conn);
      const { rows } = await sql<{
        case_counter: number;
      }>`UPDATE team SET case_counter = case_counter + 1 WHERE id = ${teamId} RETURNING case_counter`.execute(
        conn,
      );
      const id = crypto.randomUUID();
      await sql`
        INSERT INTO "case" (id, team_id, reference, source, received_on, channel, via, reporter_role, reporter_gender, category,
          subtype, location, accused_role, reporter_goal, is_anonymous, form_version, receipt_hash, intake_key_hash,
          ack_due_on, feedback_due_on, summary)
        VALUES (${id}, ${teamId}, ${`R-${rows[0]!.case_counter}`}, 'intake', CURRENT_DATE, 'web_form', 'self', 'student', 'not_stated',
          'intimidation', 'sexual', 'campus', 'student', 'advice', ${!blobs.identity}, 'raw',
          ${blobs.identity ? null : crypto.randomBytes(32)}, ${key}, CURRENT_DATE + 7, CURRENT_DATE + 91, ${blobs.summary})`.execute(
        conn,
      );
      await sql`INSERT INTO case_key (case_id, master_key_id, wrapped_key) VALUES (${id}, 'raw', ${blobs.wrapped})`.execute(
        conn,
      );
      if (blobs.identity) {
        await sql`INSERT INTO case_party (case_id, party, identity) VALUES (${id}, 'reporter', ${blobs.identity})`.execute(
          conn,
        );
      }
      await sql`SELECT pg_advisory_xact_lock(7012027)`.execute(conn);
      await sql`SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1`.execute(conn);
      const hash = crypto.randomBytes(32);
      await sql`
        INSERT INTO audit_event (occurred_at, type, actor_kind, team_id, case_id, detail, prev_hash, hash)
        VALUES (now(), 'CASE_CREATED', 'reporter', ${teamId}, ${id}, '{"source":"intake"}', ${hash}, ${hash})`.execute(
        conn,
      );
      await sql`SELECT ack_days FROM team WHERE id = ${teamId}`.execute(conn);
      await sql`COMMIT`.execute(conn);
    } catch (err) {
      await sql`ROLLBACK`.execute(conn);
      throw err;
    }
  });
}
