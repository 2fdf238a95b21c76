import { sql, type Kysely } from 'kysely';

// Issue 15 finding 1 (docs/decisions/022-receipt-shown-once.md): the intake's idempotency key
// was kept in plain text with the case, and the receipt code was derived from it, so whoever
// read the database could show the code again. The key is replaced by a keyed hash of the key
// and of a secret that lives only in the reporting browser's cookie; the receipt code is random,
// and a copy sealed under that browser's secret serves a retry until the reporter confirms
// having saved it. Both are cleared after a day. Existing plain keys are dropped: they have
// served their purpose (a retried submission of an old report is long past).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE "case" DROP COLUMN idempotency_key;
    ALTER TABLE "case" ADD COLUMN intake_key_hash bytea UNIQUE;
    ALTER TABLE "case" ADD COLUMN receipt_sealed bytea;
    CREATE INDEX case_intake_key_created ON "case" (created_at) WHERE intake_key_hash IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX case_intake_key_created;
    ALTER TABLE "case" DROP COLUMN receipt_sealed;
    ALTER TABLE "case" DROP COLUMN intake_key_hash;
    ALTER TABLE "case" ADD COLUMN idempotency_key text UNIQUE;
  `.execute(db);
}
