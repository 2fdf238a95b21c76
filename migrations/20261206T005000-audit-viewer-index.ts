import { sql, type Kysely } from 'kysely';

// The audit viewer (issue 19) reads a team's events newest first, in pages, and counts them for
// its filters: an index on (team_id, id) keeps that from walking the whole trail of every team.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_event_team ON audit_event (team_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX audit_event_team`.execute(db);
}
