import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { canUseRoute } from './access.policy.js';

/** For routes that are not about one case: checks the need-to-know table for the matched route. */
export function assertRouteAllowed(c: Context<AppEnv>): void {
  const user = c.get('user');
  if (canUseRoute(c.req.method as 'GET' | 'POST', c.req.routePath, user)) return;
  throw new AppError(user ? 'FORBIDDEN' : 'UNAUTHENTICATED');
}
