import type { Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import type { FieldErrors } from '../../ui/form.js';
import { canAssignCase, canHandleCase } from './cases.policy.js';
import { loadCase } from './case-access.js';
import { openCase } from './case-view.service.js';
import { listTeamAdvisers } from './cases.queries.js';
import { CasePage } from './case-page.views.js';
import { countOpenSteps } from '../protocols/protocols.service.js';
import { findRetentionPanel } from '../retention/retention-panel.service.js';

/** Renders a case page (an audited read), optionally with the errors of a refused form. */
export async function renderCasePage(c: Context<AppEnv>, deps: Deps, caseId: string, today: string, errors: FieldErrors = {}, values: Record<string, string> = {}) {
  const user = signedInUser(c);
  const view = await openCase(deps.db, deps.keyring, user, caseId);
  const { facts } = await loadCase(deps.db, deps.keyring, user, caseId, 'open');
  const advisers = (await listTeamAdvisers(deps.db, [view.teamId]))
    .filter((a) => !(facts.conflictedUserIds ?? []).includes(a.id) && a.id !== facts.counterpartAdviserId)
    .map((a) => ({ id: a.id, name: a.display_name }));
  const forms = {
    canHandle: canHandleCase(user.id, user.memberships, facts),
    canAssign: canAssignCase(user.id, user.memberships, facts),
    advisers,
    today,
  };
  const openProtocolSteps = (await countOpenSteps(deps.db, [caseId])).get(caseId); // issue 11
  if (Object.keys(errors).length > 0) c.status(422);
  const retention = await findRetentionPanel(deps.db, user, caseId); // issue 6: the coordinator's hold
  return c.html(<CasePage ctx={viewContext(c)} view={view} forms={forms} errors={errors} values={values} openProtocolSteps={openProtocolSteps} retention={retention} />);
}
