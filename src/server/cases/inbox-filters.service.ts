import type { Db } from '../db/create-db.js';
import { AppError } from '../http/errors.js';
import { CaseRuleError } from './case-rule-error.js';
import type { InboxQuery } from './inbox.schema.js';

/** How many filters one person may keep: the row of links above the inbox stays short. */
export const MAX_SAVED_FILTERS = 20;

export interface SavedFilter {
  id: string;
  name: string;
  /** The inbox's query string, e.g. `view=mine&status=in_progress`; empty for all cases. */
  query: string;
}

/** The inbox query as a canonical query string (the cursor and defaults left out). */
export function inboxQueryString(q: InboxQuery): string {
  const params = new URLSearchParams();
  const pairs: [string, string | number | undefined][] = [
    ['view', q.view === 'all' ? undefined : q.view],
    ['deadline', q.deadline],
    ['status', q.status],
    ['category', q.category],
    ['adviser', q.adviser],
    ['year', q.year],
    ['q', q.q],
  ];
  for (const [k, v] of pairs) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

/** One person's saved filters, by name. */
export async function listSavedFilters(db: Db, userId: string): Promise<SavedFilter[]> {
  return db
    .selectFrom('saved_inbox_filter')
    .select(['id', 'name', 'query'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute();
}

/**
 * Saves the current inbox filter under a name, for this person only. A name they already use
 * is refused (at the name field), as is a filter beyond MAX_SAVED_FILTERS.
 */
export async function saveFilter(db: Db, userId: string, name: string, query: InboxQuery) {
  const existing = await listSavedFilters(db, userId);
  if (existing.some((f) => f.name.toLowerCase() === name.toLowerCase()))
    throw new CaseRuleError('filterName', 'records.filters.error.duplicate');
  if (existing.length >= MAX_SAVED_FILTERS)
    throw new CaseRuleError('filterName', 'records.filters.error.limit');
  const row = await db
    .insertInto('saved_inbox_filter')
    .values({ user_id: userId, name, query: inboxQueryString(query) })
    .returning(['id', 'query'])
    .executeTakeFirstOrThrow();
  return row;
}

/** Deletes one of one's own filters; someone else's is not found. */
export async function deleteFilter(db: Db, userId: string, filterId: string) {
  const deleted = await db
    .deleteFrom('saved_inbox_filter')
    .where('id', '=', filterId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw new AppError('NOT_FOUND');
}
