import autocannon from 'autocannon';
import {
  intakeBody,
  newIdempotencyKey,
  openIntakeSession,
} from '../test/reliability/intake-client.js';

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

function summarise(r: autocannon.Result): LoadResult {
  const ok = r['2xx'];
  return {
    perSecond: ok / (r.duration || 1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok,
    errors: r.non2xx + r.errors + r.timeouts,
  };
}

/** POST /melden with one CSRF cookie+token and a fresh idempotency key per request. */
export async function loadIntake(
  baseUrl: string,
  seconds: number,
  anonymous: boolean,
): Promise<LoadResult> {
  const session = await openIntakeSession(baseUrl);
  const result = await run({
    url: baseUrl,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/melden',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
        setupRequest: (req) => ({
          ...req,
          body: intakeBody(session, newIdempotencyKey(), anonymous),
        }),
      },
    ],
  });
  return summarise(result);
}

/** GET a page under load, e.g. the inbox with a staff session cookie. */
export async function loadGet(
  baseUrl: string,
  path: string,
  seconds: number,
  cookie = '',
  connections = CONNECTIONS,
): Promise<LoadResult> {
  const result = await run({
    url: `${baseUrl}${path}`,
    duration: seconds,
    headers: cookie ? { cookie } : {},
    connections,
  });
  return summarise(result);
}
