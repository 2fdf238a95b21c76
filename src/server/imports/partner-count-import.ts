import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import { findTeam } from '../teams/teams.service.js';
import { findCategory } from '../../domain/taxonomy.js';
import { ImportError, parseCsvTable, rowError } from './csv-table.js';
import { describeIssue } from './case-import.schema.js';

/** Partner-count format of contracts.md: year, service, category (may be empty), count ≥ 0. */
const PartnerCountRow = z.object({
  year: z.coerce
    .number({ error: 'expected a year' })
    .int('expected a year')
    .min(1900, 'expected a year')
    .max(2200, 'expected a year'),
  service: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]{1,64}$/,
      'expected a service key of letters, digits, _ . - (at most 64)',
    ),
  category: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .refine((k) => !!findCategory(k), {
        error: (iss) => `unknown category "${String(iss.input)}"`,
      })
      .nullable(),
  ),
  count: z
    .string()
    .regex(/^\d{1,9}$/, 'expected a whole number ≥ 0')
    .transform(Number),
});

/** Imports counts registered by partner services; a count for the same year, service and category is replaced. */
export async function importPartnerCounts(
  db: Db,
  input: { text: string; teamKey?: string },
): Promise<{ imported: number }> {
  const rows = parseCsvTable(input.text, {
    required: ['year', 'service', 'category', 'count'],
    optional: [],
  });
  const seen = new Map<string, number>();
  const values = rows.map((r) => {
    const parsed = PartnerCountRow.safeParse(r.values);
    if (!parsed.success) throw rowError(r, describeIssue(parsed.error));
    const id = `${parsed.data.year}\u0000${parsed.data.service}\u0000${parsed.data.category ?? ''}`;
    if (seen.has(id))
      throw rowError(r, `the same year, service and category as row ${seen.get(id)}`);
    seen.set(id, r.row);
    return parsed.data;
  });
  return db.transaction().execute(async (trx) => {
    const team = await findTeam(trx, input.teamKey);
    if (!team)
      throw new ImportError(
        input.teamKey ? `unknown team: ${input.teamKey}` : 'no team exists yet',
      );
    for (const v of values) {
      await trx
        .insertInto('partner_count')
        .values({ team_id: team.id, ...v })
        .onConflict((oc) =>
          oc
            .expression(sql`team_id, year, period, service, coalesce(category, '')`)
            .doUpdateSet({ count: v.count }),
        )
        .execute();
    }
    await recordAudit(trx, {
      type: 'PARTNER_COUNTS_IMPORTED',
      actor: { kind: 'cli' },
      teamId: team.id,
      detail: { count: values.length },
    });
    return { imported: values.length };
  });
}
