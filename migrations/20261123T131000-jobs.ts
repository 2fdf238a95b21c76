import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per scheduled job: a process runs a job only while it holds the lease,
    -- so with several server processes each tick runs once.
    CREATE TABLE job_lease (
      name text PRIMARY KEY,
      locked_until timestamptz NOT NULL,
      last_run_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE job_lease`.execute(db);
}
