import { sql, type Kysely } from 'kysely';

// Documents and evidence on the case record (issue 4): staff add files to a case that stay
// with the team. They share case_attachment (sealed name and content, metadata stripped) with
// the reporter's files and the mailbox's; `staff_only` keeps them out of the reporter's
// mailbox, and `uploaded_by_user_id` says which staff member added them.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE case_attachment
      ADD COLUMN staff_only boolean NOT NULL DEFAULT false,
      ADD COLUMN uploaded_by_user_id uuid REFERENCES app_user(id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE case_attachment DROP COLUMN uploaded_by_user_id, DROP COLUMN staff_only`.execute(
    db,
  );
}
