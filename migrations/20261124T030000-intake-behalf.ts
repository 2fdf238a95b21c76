import { sql, type Kysely } from 'kysely';

// On whose behalf a report from the public form was made (issue 3): `via` keeps the coarse
// statistics value, `behalf` the reporter's own answer (a colleague and a manager are both
// `staff_member`, a bystander is `other`). A fixed vocabulary, no content.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE "case"
      ADD COLUMN behalf text CHECK (behalf IN ('self', 'colleague', 'manager', 'association', 'bystander'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE "case" DROP COLUMN behalf;`.execute(db);
}
