import { sql, type Kysely } from 'kysely';

// Issue 19. An adviser saves the inbox filter they use under a name, and finds it again as a
// link above the inbox. Per user; the filter is kept as the inbox's own query string (metadata
// choices only: view, status, category, adviser, deadline, year, reference prefix).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE saved_inbox_filter (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
      query text NOT NULL CHECK (length(query) <= 500),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX saved_inbox_filter_name ON saved_inbox_filter (user_id, lower(name));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE saved_inbox_filter`.execute(db);
}
