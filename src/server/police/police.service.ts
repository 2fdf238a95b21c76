import type { Db } from '../db/create-db.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import type { PoliceReportInput } from './police.schema.js';
import { RuleError as PoliceRuleError } from '../http/rule-error.js';
import { employerMayFileFor, promptsCollectiveNorm } from '../../domain/threat-norm.js';

/** The employer files on an employee's behalf only (seeds/003's collective norm); a student files themself, supported. */
export { RuleError as PoliceRuleError } from '../http/rule-error.js';

/** Categories for which a police report is the standard (domain.md §8). */
const STANDARD_CATEGORIES = ['threat', 'stalking', 'sexual_violence', 'aggression'];
export function isPoliceReportStandard(category: string, subtype: string | null): boolean {
  if (category === 'aggression') return subtype === 'physical';
  if (category === 'sexual_violence') return subtype !== 'verbal_online';
  return STANDARD_CATEGORIES.includes(category);
}

/** Records where the police report stands; each change is audited (the audit trail is the history). */
export async function updatePoliceReport(
  trx: Db,
  work: StaffCaseContext,
  input: PoliceReportInput,
) {
  if (input.status === 'filed' && input.filedBy === 'employer') {
    const kase = await trx
      .selectFrom('case')
      .select('reporter_role')
      .where('id', '=', work.id)
      .executeTakeFirstOrThrow();
    if (!employerMayFileFor(kase.reporter_role))
      throw new PoliceRuleError('filedBy', 'police.error.employerStaffOnly');
  }
  const values = {
    status: input.status,
    offered_on: input.offeredOn ?? null,
    declined_reason:
      input.status === 'declined' && input.declinedReason
        ? work.seal(input.declinedReason, 'police-declined')
        : null,
    filed_on: input.status === 'filed' ? (input.filedOn ?? null) : null,
    filed_by: input.status === 'filed' ? (input.filedBy ?? null) : null,
    employer_address:
      input.status === 'filed' && input.filedBy === 'employer' && input.employerAddress
        ? work.seal(input.employerAddress, 'police-employer-address')
        : null,
    police_reference: input.policeReference
      ? work.seal(input.policeReference, 'police-reference')
      : null,
    follow_up: input.followUp ? work.seal(input.followUp, 'police-follow-up') : null,
    updated_by: work.userId,
    updated_at: new Date(),
  };
  await trx
    .insertInto('police_report')
    .values({ case_id: work.id, ...values })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
    .execute();
  await work.audit(trx, 'POLICE_REPORT_UPDATED', {
    status: input.status,
    filedBy: values.filed_by,
    hasReference: input.policeReference !== undefined,
  });
}

export async function getPoliceReport(db: Db, work: StaffCaseContext) {
  const [row, kase] = await Promise.all([
    db.selectFrom('police_report').selectAll().where('case_id', '=', work.id).executeTakeFirst(),
    db
      .selectFrom('case')
      .select(['category', 'subtype', 'reporter_role'])
      .where('id', '=', work.id)
      .executeTakeFirstOrThrow(),
  ]);
  await auditRead(db, work, 'POLICE_REPORT_VIEWED');
  return {
    isStandard: isPoliceReportStandard(kase.category, kase.subtype),
    collectiveNorm: promptsCollectiveNorm(kase.category),
    employerMayFile: employerMayFileFor(kase.reporter_role),
    report: row && {
      status: row.status,
      offeredOn: row.offered_on,
      declinedReason: work.openOptional(row.declined_reason, 'police-declined'),
      filedOn: row.filed_on,
      filedBy: row.filed_by,
      employerAddress: work.openOptional(row.employer_address, 'police-employer-address'),
      policeReference: work.openOptional(row.police_reference, 'police-reference'),
      followUp: work.openOptional(row.follow_up, 'police-follow-up'),
    },
  };
}
export type PoliceView = Awaited<ReturnType<typeof getPoliceReport>>;
