import type { Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, type AppEnv } from '../http/env.js';
import { canHandleCase } from '../cases/cases.policy.js';
import { findCaseAccessFacts } from '../cases/case-access.js';

/** Whether the signed-in user may change the case (for showing forms; the services check again). */
export async function canUserHandle(
  deps: Deps,
  c: Context<AppEnv>,
  caseId: string,
): Promise<boolean> {
  const user = signedInUser(c);
  const facts = await findCaseAccessFacts(deps.db, caseId);
  return facts !== undefined && canHandleCase(user.id, user.memberships, facts);
}
