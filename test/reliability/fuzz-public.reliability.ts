import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createTestDeps } from '../support/test-deps.js';
import { bodyKind, encodeBody, formBody, idempotencyKey, nastyString, pathSegment } from './fuzz-inputs.js';

/**
 * ≥ FUZZ_RUNS (default 10,000) generated requests per public endpoint, found from the routing
 * table itself, in process through app.request: never a 5xx, never a thrown error.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

type Deps = Awaited<ReturnType<typeof createTestDeps>>;
let deps: Deps;
let app: ReturnType<typeof createApp>;
let cookie = '';
let csrf = '';

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp(deps);
  const res = await app.request('/melden');
  cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
});
afterAll(() => deps?.dispose());

/** Routes anyone can reach without signing in: everything in the table but the staff area. */
function publicEndpoints() {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*') && !/^\/cases(\/|$)/.test(r.path))
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

function fillPath(path: string, segments: string[]): string {
  let i = 0;
  return path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?/g, () => segments[i++ % segments.length] || 'x');
}

describe('fuzzing every public endpoint', () => {
  it('finds the public endpoints in the routing table', () => {
    const names = publicEndpoints().map((e) => `${e.method} ${e.path}`);
    expect(names).toEqual(expect.arrayContaining(['GET /', 'GET /melden', 'POST /melden', 'GET /login', 'POST /login', 'GET /health']));
  });

  it(`answers ${RUNS} generated requests per public endpoint without a 5xx`, async () => {
    for (const endpoint of publicEndpoints()) {
      const counts = new Map<number, number>();
      const t0 = performance.now();
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathSegment, { minLength: 1, maxLength: 3 }),
          fc.option(fc.dictionary(fc.string({ maxLength: 8 }), nastyString, { maxKeys: 3 }), { nil: undefined }),
          bodyKind,
          formBody,
          idempotencyKey,
          fc.constantFrom('valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'missing', 'forged'),
          fc.constantFrom('nl', 'en', '', '*', 'xx-YY;q=abc'),
          async (segments, query, kind, fields, key, csrfMode, lang) => {
            let url = fillPath(endpoint.path, segments);
            if (query) url += `?${new URLSearchParams(query).toString()}`;
            const isUnsafe = endpoint.method !== 'GET' && endpoint.method !== 'HEAD';
            const form: Record<string, string> = { ...fields, idempotencyKey: fields.idempotencyKey ?? key };
            if (csrfMode === 'valid') form._csrf = csrf;
            if (csrfMode === 'forged') form._csrf = `${csrf.slice(0, -2)}AA`;
            const encoded = isUnsafe ? encodeBody(kind, form) : { headers: {} as Record<string, string> };
            const res = await app.request(url, {
              method: endpoint.method,
              body: encoded.body,
              headers: { ...encoded.headers, cookie: csrfMode === 'missing' ? '' : cookie, 'accept-language': lang },
            });
            await res.arrayBuffer();
            counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
            if (res.status >= 500) throw new Error(`${endpoint.method} ${url} answered ${res.status}`);
          },
        ),
        { numRuns: RUNS },
      );
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      if (process.env.FUZZ_VERBOSE) console.log(endpoint.method, endpoint.path, Object.fromEntries(counts), Math.round(performance.now() - t0), "ms");
      expect(total, `${endpoint.method} ${endpoint.path}`).toBe(RUNS);
    }
  });
});
