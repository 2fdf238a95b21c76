import type { Db } from '../db/create-db.js';
import type { LadderFacts, Rung } from '../../domain/external-sharing.js';

/** What the ladder rests on: steps, Afwegingskader 1 (a risk assessment) and 2, the board's answer, shares, skips. */
export async function loadLadderFacts(db: Db, caseId: string): Promise<LadderFacts> {
  const [steps, risk, f2, approved, shared, skips] = await Promise.all([
    db.selectFrom('escalation_step').select('step').where('case_id', '=', caseId).execute(),
    db
      .selectFrom('risk_assessment')
      .select('id')
      .where('case_id', '=', caseId)
      .limit(1)
      .executeTakeFirst(),
    latestFramework2(db, caseId),
    db
      .selectFrom('escalation_request')
      .select('id')
      .where('case_id', '=', caseId)
      .where('status', '=', 'approved')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('external_share')
      .select('id')
      .where('case_id', '=', caseId)
      .where('basis', '=', 'framework2_board')
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('escalation_skip').select('rung').where('case_id', '=', caseId).execute(),
  ]);
  const done = new Set<Rung>();
  for (const s of steps)
    if (s.step === 'discuss_with_person' || s.step === 'collegial_consultation') done.add(s.step);
  if (risk) done.add('framework1');
  if (f2 && f2.all_options_used && f2.consent_efforts_made && f2.necessary_for_risk)
    done.add('framework2');
  if (approved) done.add('board');
  if (shared) done.add('share');
  return { done, skipped: new Set(skips.map((s) => s.rung)) };
}

export function latestFramework2(db: Db, caseId: string) {
  return db
    .selectFrom('framework2_assessment')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('assessed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
