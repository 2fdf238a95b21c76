import type { Db } from '../db/create-db.js';
import {
  defaultReassessOn,
  isLevelAllowed,
  suggestRiskLevel,
  type RiskAnswers,
  type RiskLevel,
} from '../../domain/risk.js';
import { auditRead, type StaffCaseContext } from '../cases/case-context.js';
import { listAssessmentRows } from './risk.queries.js';
import type { RiskInput } from './risk.schema.js';

/** The one rule error (http/rule-error.ts), under this feature's earlier name. */
import { RuleError as RiskRuleError } from '../http/rule-error.js';
export { RiskRuleError };

function answersOf(input: RiskInput): RiskAnswers {
  return {
    framework1: { person: input.person, others: input.others, environment: input.environment },
    acute: input.acute,
    indicators: input.indicators,
  };
}

/** Records a new assessment (history is kept: earlier ones are never changed). */
export async function assessRisk(trx: Db, work: StaffCaseContext, input: RiskInput, today: string) {
  const answers = answersOf(input);
  const suggested = suggestRiskLevel(answers);
  if (!isLevelAllowed(input.level, suggested))
    throw new RiskRuleError('level', 'risk.error.acuteLevel');
  const reassessOn = input.reassessOn ?? defaultReassessOn(input.level, today);
  const row = await trx
    .insertInto('risk_assessment')
    .values({
      case_id: work.id,
      level: input.level,
      computed_level: suggested,
      answers: work.seal(JSON.stringify(answers), 'risk-answers'),
      reasoning: work.seal(input.reasoning, 'risk-reasoning'),
      reassess_on: reassessOn,
      assessed_by: work.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await work.audit(trx, 'RISK_ASSESSED', {
    assessmentId: row.id,
    level: input.level,
    suggested,
    reassessOn,
  });
  return { id: row.id, level: input.level, suggested };
}

export interface AssessmentView {
  id: string;
  level: RiskLevel;
  suggested: RiskLevel;
  answers: RiskAnswers;
  reasoning: string;
  reassessOn: string | null;
  assessedAt: Date;
  assessor: string;
}

/** The assessment history, newest first; the read is audited. */
export async function listAssessments(db: Db, work: StaffCaseContext): Promise<AssessmentView[]> {
  const rows = await listAssessmentRows(db, work.id);
  await auditRead(db, work, 'RISK_VIEWED', { assessments: rows.length });
  return rows.map((r) => ({
    id: r.id,
    level: r.level,
    suggested: r.computed_level,
    answers: JSON.parse(work.openText(r.answers, 'risk-answers')) as RiskAnswers,
    reasoning: work.openText(r.reasoning, 'risk-reasoning'),
    reassessOn: r.reassess_on,
    assessedAt: r.assessed_at,
    assessor: r.assessor,
  }));
}
