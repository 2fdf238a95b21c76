import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import crypto from 'node:crypto';
import type { Deps } from '../bootstrap.js';
import type { Logger } from '../logger.js';
import { AppError, STATUS_BY_CODE, type ErrorCode } from '../http/errors.js';
import { RuleError } from '../http/rule-error.js';
import { takeAttempt, type ThrottleRule } from '../http/throttle.js';
import { refuse } from '../http/refusals.js';
import { translator, type MessageKey } from '../../i18n/i18n.js';
import { findApiPrincipal, type ApiPrincipal, type ApiScope } from './api-tokens.service.js';
import { canUseScope } from './api.policy.js';
import {
  IdempotencyConflict,
  changeStatusByApi,
  getStatistics,
  listCaseMetadata,
  postCaseMessage,
  readCase,
  recordApiRefusal,
  registerCaseByApi,
} from './api.service.js';
import {
  ApiMessageInput,
  ApiStatusInput,
  IDEMPOTENCY_KEY,
  REFERENCE,
  parseApiRegistration,
} from './api.schema.js';
import { openApiDocument } from './openapi.js';
import { PROBLEMS, isProblemCode, problemType, type ProblemCode } from './problems.js';

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

const en = translator('en');

/** One field's problem, as RFC 9457 suggests for validation errors: a JSON pointer and a detail. */
interface FieldProblem {
  pointer: string;
  field: string;
  detail: string;
}

/** An RFC 9457 problem document; `error` keeps the short code the API answered before. */
function problem(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
  code: ProblemCode,
  title: string,
  extra: { detail?: string; errors?: FieldProblem[] } = {},
) {
  return c.body(
    JSON.stringify({ type: problemType(code), title, status, error: code, ...extra }),
    status,
    { 'content-type': 'application/problem+json' },
  );
}

const fieldProblem = (field: string, key: string): FieldProblem => ({
  pointer: `#/${field}`,
  field,
  detail: key.startsWith('validation.') || key.startsWith('cases.') ? en(key as MessageKey) : key,
});

function invalid(c: Context, error: z.ZodError) {
  const seen = new Set<string>();
  const errors: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_body');
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push(
      fieldProblem(
        field,
        issue.message.startsWith('validation.') ? issue.message : 'validation.required',
      ),
    );
  }
  return problem(c, 422, 'validation', 'The request has invalid fields', { errors });
}

const today = () => new Date().toISOString().slice(0, 10);

/** A JSON body, or undefined when it is not JSON (answered 400). */
async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

/** /api/v1: JSON for integrations, bearer tokens only (no cookies, so no CSRF). */
export function apiRoutes(deps: Deps, logger?: Logger) {
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

  /** The token needs one of the scopes; a refusal is audited and answered 403. */
  const requireScope =
    (...scopes: ApiScope[]): MiddlewareHandler<ApiEnv> =>
    async (c, next) => {
      if (!scopes.some((s) => canUseScope(c.get('principal'), s))) {
        await recordApiRefusal(deps.db, c.get('principal'), scopes.join('|'));
        throw new AppError('FORBIDDEN');
      }
      await next();
    };

  /** The case reference in the path; a malformed one cannot name a case (404). */
  const referenceOf = (c: Context) => {
    const reference = c.req.param('reference') ?? '';
    if (!REFERENCE.test(reference)) throw new AppError('NOT_FOUND');
    return reference;
  };

  api.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(deps.config.baseUrl)));

  // What a problem's `type` names: readable without a token, like the OpenAPI document.
  api.get('/api/v1/problems/:code', (c) => {
    const code = c.req.param('code');
    if (!isProblemCode(code)) return problem(c, 404, 'not_found', TITLES.NOT_FOUND);
    return c.json({ type: problemType(code), code, ...PROBLEMS[code] });
  });

  const open = (path: string) =>
    path === '/api/v1/openapi.json' || path.startsWith('/api/v1/problems/');
  api.use('/api/v1/*', async (c, next) => (open(c.req.path) ? next() : authenticate(c, next)));

  api.get('/api/v1/statistics/annual', requireScope('statistics:read'), async (c) => {
    const q = StatisticsQuery.safeParse(c.req.query());
    if (!q.success)
      return problem(c, 400, 'invalid_query', 'year (and optional lang nl|en) expected');
    return c.json(await getStatistics(deps.db, c.get('principal'), q.data.year, q.data.lang));
  });

  api.get('/api/v1/cases', requireScope('cases:read'), async (c) => {
    const q = CasesQuery.safeParse(c.req.query());
    if (!q.success) return problem(c, 400, 'invalid_query', 'year expected');
    return c.json({ cases: await listCaseMetadata(deps.db, c.get('principal'), q.data.year) });
  });

  api.post('/api/v1/cases', requireScope('cases:register'), async (c) => {
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      return problem(
        c,
        400,
        'idempotency_key',
        'Idempotency-Key must be 1–200 printable characters',
      );
    const body = await jsonBody(c);
    if (body === undefined) return problem(c, 400, 'invalid_json', 'The body must be JSON');
    const principal = c.get('principal');
    const parsed = parseApiRegistration(body, principal.teamId);
    if (!parsed.success) return invalid(c, parsed.error);
    try {
      const { record, replayed } = await registerCaseByApi(
        deps,
        principal,
        parsed.data,
        key,
        today(),
      );
      c.header('Location', `/api/v1/cases/${record.reference}`);
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(record, replayed ? 200 : 201);
    } catch (err) {
      if (err instanceof IdempotencyConflict)
        return problem(
          c,
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request',
        );
      throw err;
    }
  });

  api.get('/api/v1/cases/:reference', requireScope('cases:read'), async (c) =>
    c.json(await readCase(deps, c.get('principal'), referenceOf(c))),
  );

  api.post('/api/v1/cases/:reference/messages', requireScope('correspondence:write'), async (c) => {
    const reference = referenceOf(c);
    const body = await jsonBody(c);
    if (body === undefined) return problem(c, 400, 'invalid_json', 'The body must be JSON');
    const parsed = ApiMessageInput.safeParse(body);
    if (!parsed.success) return invalid(c, parsed.error);
    return c.json(
      await postCaseMessage(deps, c.get('principal'), reference, parsed.data.body, logger),
      201,
    );
  });

  api.get(
    '/api/v1/cases/:reference/status',
    requireScope('cases:read', 'cases:status'),
    async (c) => {
      const { reference, status, nextStatuses, followUp, closedOn, deadlines } = await readCase(
        deps,
        c.get('principal'),
        referenceOf(c),
      );
      return c.json({ reference, status, nextStatuses, followUp, closedOn, deadlines });
    },
  );

  api.post('/api/v1/cases/:reference/status', requireScope('cases:status'), async (c) => {
    const reference = referenceOf(c);
    const body = await jsonBody(c);
    if (body === undefined) return problem(c, 400, 'invalid_json', 'The body must be JSON');
    const parsed = ApiStatusInput.safeParse(body);
    if (!parsed.success) return invalid(c, parsed.error);
    const { status, nextStatuses, followUp, closedOn, deadlines } = await changeStatusByApi(
      deps,
      c.get('principal'),
      reference,
      parsed.data,
      today(),
    );
    return c.json({ reference, status, nextStatuses, followUp, closedOn, deadlines });
  });

  api.all('/api/v1/*', () => {
    throw new AppError('NOT_FOUND');
  });

  api.onError((err, c) => {
    if (err instanceof AppError)
      return problem(c, STATUS_BY_CODE[err.code], problemCodeOf(err.code), TITLES[err.code]);
    if (err instanceof RuleError)
      return problem(c, 422, 'rule', 'The case\u2019s rules refuse this change', {
        errors: [fieldProblem(err.field, err.messageKey)],
      });
    return problem(c, 500, 'internal', 'Internal error');
  });

  return api;
}

/** The problem code of an application error (a CSRF refusal cannot happen here: no cookies). */
const problemCodeOf = (code: ErrorCode): ProblemCode => {
  const lower = code.toLowerCase();
  return isProblemCode(lower) ? lower : 'forbidden';
};

const TITLES: Record<ErrorCode, string> = {
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'The token lacks the scope this operation needs',
  UNAUTHENTICATED: 'A valid bearer token is required',
  CSRF: 'Forbidden',
  TOO_LARGE: 'The request is too large',
  THROTTLED: 'Too many requests',
  UNAVAILABLE: 'Unavailable',
  CONSENT_REQUIRED: 'Forbidden',
  UNKNOWN_INSTITUTION: 'Not found',
};
