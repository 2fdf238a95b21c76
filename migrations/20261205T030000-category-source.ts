import { sql, type Kysely } from 'kysely';

// Issue 20: a category's definition may name its source (a law, a website), printed under the
// definition in the annual report's appendix "Definities van ongewenst gedrag".

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE category_version ADD COLUMN source text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE category_version DROP COLUMN source`.execute(db);
}
