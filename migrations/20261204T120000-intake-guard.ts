import { sql, type Kysely } from 'kysely';

// The operator's switch for a real attack on the anonymous side (docs/decisions/025-anti-automation.md):
// open (proof of work optional, a stricter budget without it), proof_required (no-script
// submissions and sign-ins refused with the contact page), closed (intake shows the contact page).
// proof_cost overrides MELDPUNT_PROOF_COST; contact_text is the line of phone numbers shown then.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE institution
      ADD COLUMN intake_mode text NOT NULL DEFAULT 'open' CHECK (intake_mode IN ('open', 'proof_required', 'closed')),
      ADD COLUMN proof_cost integer CHECK (proof_cost BETWEEN 1000 AND 100000000),
      ADD COLUMN contact_text text CHECK (length(contact_text) <= 500)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE institution DROP COLUMN intake_mode, DROP COLUMN proof_cost, DROP COLUMN contact_text`.execute(
    db,
  );
}
