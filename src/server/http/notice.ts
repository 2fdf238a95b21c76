import type { Context } from 'hono';
import type { MessageKey, Translate } from '../../i18n/i18n.js';

/**
 * Post/redirect/get with a confirmation: a successful POST answers 303 to a page whose
 * `?notice=` names one of a fixed set of messages, so a reload repeats the GET, never the POST.
 * Only the names in `notices` are shown; anything else in the query is ignored.
 */
export function noticeRedirect<K extends string>(c: Context, path: string, notice: K) {
  return c.redirect(
    `${path}${path.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`,
    303,
  );
}

export function noticeOf<K extends string>(
  c: Context,
  t: Translate,
  notices: Record<K, MessageKey>,
): string | undefined {
  const name = c.req.query('notice');
  return name && Object.hasOwn(notices, name) ? t(notices[name as K]) : undefined;
}
