import type { Db } from '../db/create-db.js';
import type { SessionUser } from '../users/users.service.js';
import { addDays, DUE_WINDOW_DAYS } from '../deadlines/deadline-rules.js';
import { inboxTeamIds } from './cases.policy.js';
import { listInboxRows, listTeamAdvisers } from './cases.queries.js';
import { presentInboxRow } from './cases.presenter.js';
import type { InboxQuery } from './inbox.schema.js';
import { countOpenSteps } from '../protocols/protocols.service.js';
import { listCategories } from '../admin/categories.service.js';

export const INBOX_PAGE_SIZE = 50;

/**
 * One page of the team inbox: metadata only, never content. Views: all, unassigned, mine;
 * deadline: due (an open deadline within DUE_WINDOW_DAYS) or overdue.
 */
export async function listInbox(db: Db, user: SessionUser, query: InboxQuery, today: string) {
  const teamIds = inboxTeamIds(user.memberships);
  const [afterFlag, afterOn, afterId] = query.after?.split('_') ?? [];
  const rows = await listInboxRows(db, {
    teamIds,
    userId: user.id,
    limit: INBOX_PAGE_SIZE + 1,
    unassigned: query.view === 'unassigned',
    adviserId: query.view === 'mine' ? user.id : query.adviser,
    status: query.status,
    category: query.category,
    year: query.year,
    referencePrefix: query.q,
    dueUntil:
      query.deadline === 'overdue'
        ? addDays(today, -1)
        : query.deadline === 'due'
          ? addDays(today, DUE_WINDOW_DAYS)
          : undefined,
    dueFrom: query.deadline === 'due' ? today : undefined,
    today,
    after:
      afterOn && afterId
        ? { attention: afterFlag === '1', receivedOn: afterOn, id: afterId }
        : undefined,
  });
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  const last = page.at(-1);
  const openSteps = await countOpenSteps(
    db,
    page.map((r) => r.id),
  ); // protocol steps still open (issue 11)
  return {
    entries: page.map((r) => ({
      ...presentInboxRow(r, today),
      openProtocolSteps: openSteps.get(r.id),
    })),
    nextCursor:
      rows.length > INBOX_PAGE_SIZE && last
        ? `${last.needs_attention ? 1 : 0}_${last.received_on}_${last.id}`
        : undefined,
    advisers: (await listTeamAdvisers(db, teamIds)).map((a) => ({
      id: a.id,
      name: a.display_name,
      teamId: a.team_id,
    })),
    // The teams' categories with their current wording, retired ones too (older cases carry them).
    categories: [
      ...new Map(
        (await Promise.all(teamIds.map((id) => listCategories(db, id))))
          .flat()
          .map((cat) => [cat.key, cat]),
      ).values(),
    ],
    hasTeams: teamIds.length > 0,
  };
}
export type InboxPageData = Awaited<ReturnType<typeof listInbox>>;
