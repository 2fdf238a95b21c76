import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { AppError, STATUS_BY_CODE } from '../http/errors.js';
import crypto from 'node:crypto';
import { takeAttempt, type ThrottleRule } from '../http/throttle.js';
import { refuse } from '../http/refusals.js';
import { findApiPrincipal, type ApiPrincipal, type ApiScope } from './api-tokens.service.js';
import { canUseScope } from './api.policy.js';
import { getStatistics, listCaseMetadata, recordApiRefusal } from './api.service.js';
import { openApiDocument } from './openapi.js';

const tokenDigest = (token: string) =>
  crypto.createHash('sha256').update(token).digest('base64url').slice(0, 22);

type ApiEnv = { Variables: { principal: ApiPrincipal } };

/** Requests per token per minute (MELDPUNT_API_PER_MINUTE); counted in the database so all server processes share it. */
const RATE: ThrottleRule = { maxFailures: 120, windowMinutes: 1 };
const BAD_TOKENS: ThrottleRule = { maxFailures: 20, windowMinutes: 15 };

const StatisticsQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100),
  lang: z.enum(['nl', 'en']).default('nl'),
});
const CasesQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100) });

/** /api/v1: JSON for integrations, bearer tokens only (no cookies, so no CSRF). */
export function apiRoutes(deps: Deps) {
  const api = new Hono<ApiEnv>();

  const authenticate: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const principal = token ? await findApiPrincipal(deps.db, token) : undefined;
    if (!principal) {
      // Per presented token (its hash), never one counter for all: made-up tokens cannot lock a valid one out.
      if (token && (await takeAttempt(deps.db, `api:bad:${tokenDigest(token)}`, BAD_TOKENS)) > 0)
        refuse('api');
      c.header('WWW-Authenticate', 'Bearer');
      throw new AppError('UNAUTHENTICATED');
    }
    if (
      (await takeAttempt(deps.db, `api:${principal.tokenId}`, {
        ...RATE,
        maxFailures: deps.config.budgets.apiPerMinute,
      })) > 0
    )
      refuse('api');
    c.set('principal', principal);
    await next();
  };

  const requireScope =
    (scope: ApiScope): MiddlewareHandler<ApiEnv> =>
    async (c, next) => {
      if (!canUseScope(c.get('principal'), scope)) {
        await recordApiRefusal(deps.db, c.get('principal'), scope);
        throw new AppError('FORBIDDEN');
      }
      await next();
    };

  api.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(deps.config.baseUrl)));

  api.use('/api/v1/*', async (c, next) =>
    c.req.path === '/api/v1/openapi.json' ? next() : authenticate(c, next),
  );

  api.get('/api/v1/statistics/annual', requireScope('statistics'), async (c) => {
    const q = StatisticsQuery.safeParse(c.req.query());
    if (!q.success)
      return c.json({ error: 'invalid query: year (and optional lang nl|en) expected' }, 400);
    return c.json(await getStatistics(deps.db, c.get('principal'), q.data.year, q.data.lang));
  });

  api.get('/api/v1/cases', requireScope('cases:metadata'), async (c) => {
    const q = CasesQuery.safeParse(c.req.query());
    if (!q.success) return c.json({ error: 'invalid query: year expected' }, 400);
    return c.json({ cases: await listCaseMetadata(deps.db, c.get('principal'), q.data.year) });
  });

  api.all('/api/v1/*', () => {
    throw new AppError('NOT_FOUND');
  });

  api.onError((err, c) => {
    if (err instanceof AppError)
      return c.json({ error: err.code.toLowerCase() }, STATUS_BY_CODE[err.code]);
    return c.json({ error: 'internal' }, 500);
  });

  return api;
}
