import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createTestDeps } from '../support/test-deps.js';
import {
  bodyKind,
  encodeBody,
  formBody,
  idempotencyKey,
  nastyString,
  pathSegment,
} from './fuzz-inputs.js';

/**
 * ≥ FUZZ_RUNS (default 10,000) generated requests per public endpoint, found from the routing
 * table itself, in process through app.request: never a 5xx, never a thrown error.
 * The endpoints are dealt round-robin over FUZZ_SHARDS files (fuzz-public-<n>.reliability.ts),
 * so that the runner's workers share the work; together the shards cover every endpoint.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Endpoints behind a sign-in only redirect or refuse without one; fewer inputs suffice there. */
const SIGNED_IN_RUNS = Number(process.env.FUZZ_SIGNED_IN_RUNS ?? 300);
/** How many fuzz-public-<n>.reliability.ts files there are. */
export const FUZZ_SHARDS = 2;

/** The fuzz tests for share `shard` (0-based) of the routing table's endpoints. */
export function fuzzPublicEndpoints(shard: number): void {
  type Deps = Awaited<ReturnType<typeof createTestDeps>>;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let cookie = '';
  let csrf = '';

  beforeAll(async () => {
    deps = await createTestDeps();
    app = createApp(deps);
    const res = await app.request('/melden');
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  });
  afterAll(() => deps?.dispose());

  /** Every endpoint in the routing table (middleware and wildcards left out). */
  function allEndpoints() {
    const seen = new Set<string>();
    return app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({ method: r.method, path: r.path }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  }

  /**
   * An endpoint is behind a sign-in (staff session, mailbox receipt, API token) when a request
   * without one is sent to sign in (303 to /login or /postbus) or refused with 401.
   */
  async function isBehindSignIn(endpoint: { method: string; path: string }): Promise<boolean> {
    const url = fillPath(endpoint.path, ['x']);
    const init: RequestInit =
      endpoint.method === 'GET'
        ? { headers: { cookie } }
        : {
            method: endpoint.method,
            body: new URLSearchParams({ _csrf: csrf }).toString(),
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          };
    const res = await app.request(url, init);
    const location = res.headers.get('location') ?? '';
    return (
      res.status === 401 ||
      (res.status === 303 &&
        /^\/(login|postbus)(\?|$)/.test(location) &&
        endpoint.path !== '/logout')
    );
  }

  async function publicEndpoints() {
    const out = [];
    for (const e of allEndpoints()) if (!(await isBehindSignIn(e))) out.push(e);
    return out;
  }

  function fillPath(path: string, segments: string[]): string {
    let i = 0;
    return path.replace(
      /:[A-Za-z0-9_]+(\{[^}]*\})?/g,
      () => segments[i++ % segments.length] || 'x',
    );
  }

  describe(`fuzzing the public endpoints, share ${shard + 1} of ${FUZZ_SHARDS}`, () => {
    it('finds the public endpoints in the routing table', async () => {
      const names = (await publicEndpoints()).map((e) => `${e.method} ${e.path}`);
      expect(names).toEqual(
        expect.arrayContaining([
          'GET /',
          'GET /melden',
          'POST /melden',
          'GET /login',
          'POST /login',
          'GET /health',
        ]),
      );
    });

    it(
      `answers ${RUNS} generated requests per public endpoint of this share (${SIGNED_IN_RUNS} behind a sign-in) without a 5xx`,
      async () => {
        const publicNames = new Set((await publicEndpoints()).map((e) => `${e.method} ${e.path}`));
        // Public and signed-in endpoints dealt separately, so that each share gets its part of the heavy ones.
        const isPublic = (e: { method: string; path: string }) =>
          publicNames.has(`${e.method} ${e.path}`);
        const deal = <T>(list: T[]) => list.filter((_, i) => i % FUZZ_SHARDS === shard);
        const mine = [
          ...deal(allEndpoints().filter(isPublic)),
          ...deal(allEndpoints().filter((e) => !isPublic(e))),
        ];
        expect(mine.length).toBeGreaterThan(0);
        for (const endpoint of mine) {
          const runs = isPublic(endpoint) ? RUNS : SIGNED_IN_RUNS;
          const counts = new Map<number, number>();
          const t0 = performance.now();
          await fc.assert(
            fc.asyncProperty(
              fc.array(pathSegment, { minLength: 1, maxLength: 3 }),
              fc.option(fc.dictionary(fc.string({ maxLength: 8 }), nastyString, { maxKeys: 3 }), {
                nil: undefined,
              }),
              bodyKind,
              formBody,
              idempotencyKey,
              fc.constantFrom(
                'valid',
                'valid',
                'valid',
                'valid',
                'valid',
                'valid',
                'valid',
                'valid',
                'missing',
                'forged',
              ),
              fc.constantFrom('nl', 'en', '', '*', 'xx-YY;q=abc'),
              async (segments, query, kind, fields, key, csrfMode, lang) => {
                let url = fillPath(endpoint.path, segments);
                if (query) url += `?${new URLSearchParams(query).toString()}`;
                const isUnsafe = endpoint.method !== 'GET' && endpoint.method !== 'HEAD';
                const form: Record<string, string> = {
                  ...fields,
                  idempotencyKey: fields.idempotencyKey ?? key,
                };
                if (csrfMode === 'valid') form._csrf = csrf;
                if (csrfMode === 'forged') form._csrf = `${csrf.slice(0, -2)}AA`;
                const encoded = isUnsafe
                  ? encodeBody(kind, form)
                  : { headers: {} as Record<string, string> };
                const res = await app.request(url, {
                  method: endpoint.method,
                  body: encoded.body,
                  headers: {
                    ...encoded.headers,
                    cookie: csrfMode === 'missing' ? '' : cookie,
                    'accept-language': lang,
                  },
                });
                await res.arrayBuffer();
                counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
                if (res.status >= 500)
                  throw new Error(`${endpoint.method} ${url} answered ${res.status}`);
              },
            ),
            { numRuns: runs },
          );
          const total = [...counts.values()].reduce((a, b) => a + b, 0);
          if (process.env.FUZZ_VERBOSE)
            console.log(
              endpoint.method,
              endpoint.path,
              Object.fromEntries(counts),
              Math.round(performance.now() - t0),
              'ms',
            );
          expect(total, `${endpoint.method} ${endpoint.path}`).toBe(runs);
        }
        // Measured here: about 250 requests a second in process on a loaded 2-core machine.
      },
      120_000 + (RUNS + SIGNED_IN_RUNS) * 150,
    );
  });
}
