import type { Deps } from '../bootstrap.js';
import {
  budgetKey,
  readIntakeGuard,
  spendHourly,
  type IntakeGuard,
} from '../http/anti-automation.js';
import { spendProof } from '../http/proof-of-work.js';
import { countRefusal } from '../http/refusals.js';

/** The operator's switch and proof cost, with the configured cost as default. */
export const guardFor = (deps: Deps, institutionId?: string) =>
  readIntakeGuard(deps.db, deps.config.budgets.proofCost, institutionId);

export type IntakeRefusal = { reason: 'script' | 'budget'; count?: number };

/**
 * Admits one well-formed report from this browser session (decision 025), or says why not.
 * With a solved proof of work (used once) the session's budget is MELDPUNT_INTAKE_PER_SESSION
 * an hour; without one (no JavaScript) the stricter MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION, and
 * none at all while the operator requires proof. Nothing is shared between sessions.
 */
export async function admitReport(
  deps: Deps,
  guard: IntakeGuard,
  session: string,
  proof: string | undefined,
): Promise<IntakeRefusal | undefined> {
  const proved = await spendProof(deps.db, deps.keyring, proof, 'intake');
  if (!proved && guard.mode === 'proof_required') {
    countRefusal('intake_no_script');
    return { reason: 'script' };
  }
  const { intakePerSession, intakeNoScriptPerSession } = deps.config.budgets;
  const [budget, perHour] = proved
    ? (['intake', intakePerSession] as const)
    : (['intake-no-script', intakeNoScriptPerSession] as const);
  if (await spendHourly(deps.db, budgetKey(deps.keyring, budget, session), perHour))
    return undefined;
  countRefusal(proved ? 'intake' : 'intake_no_script');
  return { reason: 'budget', count: perHour };
}
