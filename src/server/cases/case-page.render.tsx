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
import { noticeOf } from '../http/notice.js';
import { listRecipientChoices } from '../consent/recipients.service.js';
import { listOrgUnits } from '../admin/org-units.service.js';
import {
  buildCaseOverview,
  TIMELINE_FILTERS,
  type TimelineFilter,
} from './case-overview.service.js';

/** The confirmations of the case page's actions (post/redirect/get), by the action's path. */
export const CASE_NOTICES = {
  assign: 'workspace.notice.assign',
  status: 'workspace.notice.status',
  contacts: 'workspace.notice.contacts',
  tasks: 'workspace.notice.tasks',
  'task-done': 'workspace.notice.taskDone',
  links: 'workspace.notice.links',
  goal: 'workspace.notice.goal',
  'org-unit': 'records.notice.orgUnit',
  'support-case': 'workspace.notice.supportCase',
  documents: 'workspace.notice.documents',
} as const;

/** Renders a case page (an audited read), optionally with the errors of a refused form. */
export async function renderCasePage(
  c: Context<AppEnv>,
  deps: Deps,
  caseId: string,
  today: string,
  errors: FieldErrors = {},
  values: Record<string, string> = {},
) {
  const user = signedInUser(c);
  const view = await openCase(deps.db, deps.keyring, user, caseId);
  const { facts } = await loadCase(deps.db, deps.keyring, user, caseId, 'open');
  const advisers = (await listTeamAdvisers(deps.db, [view.teamId]))
    .filter(
      (a) => !(facts.conflictedUserIds ?? []).includes(a.id) && a.id !== facts.counterpartAdviserId,
    )
    .map((a) => ({ id: a.id, name: a.display_name }));
  const forms = {
    canHandle: canHandleCase(user.id, user.memberships, facts),
    canAssign: canAssignCase(user.id, user.memberships, facts),
    advisers,
    today,
    recipients: await listRecipientChoices(deps.db, view.teamId),
    orgUnits: (await listOrgUnits(deps.db, view.teamId)).map((u) => ({
      value: u.key,
      label: c.get('lang') === 'nl' ? u.labelNl : u.labelEn,
    })),
  };
  const openProtocolSteps = (await countOpenSteps(deps.db, [caseId])).get(caseId); // issue 11
  if (Object.keys(errors).length > 0) c.status(422);
  const retention = await findRetentionPanel(deps.db, user, caseId); // issue 6: the coordinator's hold
  const overview = await buildCaseOverview(deps.db, view, today); // issue 19: summary and timeline
  const filter = c.req.query('timeline');
  const timelineFilter = TIMELINE_FILTERS.find((f) => f === filter) as TimelineFilter | undefined;
  const notice = c.req.method === 'GET' ? noticeOf(c, c.get('t'), CASE_NOTICES) : undefined;
  return c.html(
    <CasePage
      ctx={viewContext(c)}
      view={view}
      forms={forms}
      errors={errors}
      values={values}
      openProtocolSteps={openProtocolSteps}
      retention={retention}
      overview={overview}
      timelineFilter={timelineFilter}
      timelineAll={c.req.query('older') === 'all'}
      notice={notice}
    />,
  );
}
