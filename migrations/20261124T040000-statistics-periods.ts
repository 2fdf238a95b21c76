import { sql, type Kysely } from 'kysely';

// Issue 7, second part. The board's aggregate view hides counts below a per-team threshold
// (small-cell suppression, default 5). Partner services register counts per period: the whole
// year (what the CSV import writes), a quarter (q1–q4) or a month (m01–m12); the annual report
// adds up the periods of a year. Still no personal data: who registered it is in the audit trail.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE team ADD COLUMN suppression_threshold integer NOT NULL DEFAULT 5
      CHECK (suppression_threshold BETWEEN 2 AND 100);
    ALTER TABLE partner_count ADD COLUMN period text NOT NULL DEFAULT 'year'
      CHECK (period ~ '^(year|q[1-4]|m(0[1-9]|1[0-2]))$');
    DROP INDEX partner_count_unique;
    CREATE UNIQUE INDEX partner_count_unique ON partner_count (team_id, year, period, service, coalesce(category, ''));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX partner_count_unique;
    DELETE FROM partner_count WHERE period <> 'year';
    ALTER TABLE partner_count DROP COLUMN period;
    CREATE UNIQUE INDEX partner_count_unique ON partner_count (team_id, year, service, coalesce(category, ''));
    ALTER TABLE team DROP COLUMN suppression_threshold;
  `.execute(db);
}
