import { sql, type Kysely } from 'kysely';

// Sign-in throttle keys used to hold the typed e-mail address (`login:<address>`); they are now
// a keyed hash (docs/decisions/024-sign-in-hardening.md). Remove the old plain-text rows.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM throttle WHERE key LIKE 'login:%@%'`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to restore: the removed rows were short-lived counters.
}
