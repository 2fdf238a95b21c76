import { sql, type Kysely } from 'kysely';

// The intake as question pages (issue 3): when it happened (sealed with the case key, AAD
// `case:<id>:happened`, because a date can identify) and how the reporter prefers to be in
// touch (a fixed vocabulary, no content).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE "case"
      ADD COLUMN happened bytea,
      ADD COLUMN preferred_channel text
        CHECK (preferred_channel IN ('mailbox', 'email', 'phone', 'in_person', 'online_meeting'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE "case" DROP COLUMN happened, DROP COLUMN preferred_channel;`.execute(db);
}
