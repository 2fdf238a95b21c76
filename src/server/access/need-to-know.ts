import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { isAllowed } from './access.policy.js';
import { findRouteAccess } from './access.table.js';
import { loadCaseContext } from '../cases/case-context.js';

/**
 * Enforces THE need-to-know table before any feature runs: the route that will answer is looked
 * up in the table; a route missing from it is refused (fail closed), a case route loads the
 * case once (cases/case-context.ts) and refuses — audited — whoever the table does not let in,
 * or hands the route its case context (`c.get('caseContext')`). Mounted in app.tsx
 * after the session is read; routes mounted before it (API, SSO, assets) are `public`/`bearer`.
 */
export function needToKnow(deps: Deps, logger?: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const target = matchedRoutes(c)
      .slice(c.req.routeIndex + 1)
      .find((r) => r.method !== 'ALL');
    if (!target) return next(); // nothing answers here: the not-found page
    const entry = findRouteAccess(target.method, target.path);
    if (!entry) {
      logger?.error(
        { route: `${target.method} ${target.path}` },
        'route missing from the need-to-know table',
      );
      throw new AppError('FORBIDDEN');
    }
    const user = c.get('user');
    const rule = entry.rule;
    if (rule.kind === 'public' || rule.kind === 'bearer') return next();
    if (!user) throw new AppError('UNAUTHENTICATED');
    const params = paramsOf(target.path, c.req.path);
    if (rule.kind === 'case') {
      // THE case loader: throws (audited) when refused; the route takes the context from here.
      c.set(
        'caseContext',
        await loadCaseContext(deps.db, deps.keyring, params.id ?? '', {
          kind: 'route',
          user,
          route: entry,
        }),
      );
    } else if (!isAllowed(rule, user, undefined, params.teamId)) {
      throw new AppError('FORBIDDEN');
    }
    return next();
  };
}

/** The values of a route pattern's `:name` segments in a concrete path. */
export function paramsOf(pattern: string, path: string): Record<string, string> {
  const names = pattern.split('/');
  const values = path.split('/');
  const out: Record<string, string> = {};
  names.forEach((n, i) => {
    if (n.startsWith(':') && values[i] !== undefined) {
      try {
        out[n.slice(1)] = decodeURIComponent(values[i]);
      } catch {
        out[n.slice(1)] = '';
      }
    }
  });
  return out;
}
