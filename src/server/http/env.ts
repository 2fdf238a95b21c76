import type { Context } from 'hono';
import type { Lang } from '../../domain/taxonomy.js';
import type { Translate } from '../../i18n/i18n.js';
import type { SessionUser } from '../users/users.service.js';
import { AppError } from './errors.js';
import type { InstitutionContext } from '../tenancy/tenancy.js';

/** What middleware puts on every request's context. */
export interface AppEnv {
  Variables: {
    lang: Lang;
    t: Translate;
    csrfToken: string;
    /** A secret of this browser (from its HttpOnly CSRF cookie, never in a page): binds intake retries and the receipt code to it. */
    browserKey: string;
    user: SessionUser | undefined;
    sessionToken: string | undefined;
    /** The request's institution (tenancy/tenancy.ts); undefined only on the platform host. */
    institution: InstitutionContext | undefined;
    /** Whether the request came to the platform operator's host (host mode). */
    platformHost: boolean;
  };
}

/** What every page needs to render its shell. */
export interface ViewContext {
  t: Translate;
  lang: Lang;
  csrfToken: string;
  user: SessionUser | undefined;
  path: string;
  /** The institution whose site this is (name and own look in the layout). */
  institution?: InstitutionContext;
}

export function viewContext(c: Context<AppEnv>): ViewContext {
  return {
    t: c.get('t'),
    lang: c.get('lang'),
    csrfToken: c.get('csrfToken'),
    user: c.get('user'),
    path: c.req.path,
    institution: c.get('institution'),
  };
}

/**
 * The signed-in user of a route behind a sign-in (the need-to-know table refuses the route to a
 * visitor before it runs). Fails closed where a non-null assertion on the context would run on
 * with `undefined`: a route reached without a session answers 401 (decision 027).
 */
export function signedInUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}
