import { sql, type Kysely } from 'kysely';

// Messages from the reporting point itself (issue 8): the escrow notice ("someone else has
// reported the same person") is written by no adviser, so the mailbox gets a third author,
// 'system', which never has a user behind it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE case_message DROP CONSTRAINT case_message_author_check;
    ALTER TABLE case_message ADD CONSTRAINT case_message_author_check CHECK (author IN ('reporter', 'adviser', 'system'));
    ALTER TABLE case_message ADD CONSTRAINT case_message_system_without_user CHECK (author <> 'system' OR author_user_id IS NULL);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE case_message DROP CONSTRAINT case_message_system_without_user;
    DELETE FROM case_message WHERE author = 'system';
    ALTER TABLE case_message DROP CONSTRAINT case_message_author_check;
    ALTER TABLE case_message ADD CONSTRAINT case_message_author_check CHECK (author IN ('reporter', 'adviser'));
  `.execute(db);
}
