import { sql, type Kysely } from 'kysely';

// Issue 18. The public form's "for whom" gains "a fellow student or friend" (`friend`,
// counted as via `other`); a referral partner gains a short note per language (for example
// a walk-in consultation hour), shown with its phone number and website in the public guide.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE "case" DROP CONSTRAINT IF EXISTS case_behalf_check;
    ALTER TABLE "case" ADD CONSTRAINT case_behalf_check
      CHECK (behalf IN ('self', 'friend', 'colleague', 'manager', 'association', 'bystander'));
    ALTER TABLE referral_partner ADD COLUMN note_nl text, ADD COLUMN note_en text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE referral_partner DROP COLUMN note_nl, DROP COLUMN note_en;
    ALTER TABLE "case" DROP CONSTRAINT IF EXISTS case_behalf_check;
    ALTER TABLE "case" ADD CONSTRAINT case_behalf_check
      CHECK (behalf IN ('self', 'colleague', 'manager', 'association', 'bystander'));
  `.execute(db);
}
