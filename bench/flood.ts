import { solveChallenge } from 'altcha-lib/v1';
import { loadKeyring } from '../src/server/crypto/keyring.js';
import { sealDraft } from '../src/server/intake/intake-draft.js';
import { startServer } from '../test/reliability/server-process.js';
import { createTarget } from '../test/reliability/targets.js';
import { Browser } from '../test/reliability/browser.js';
import {
  intakeBody,
  newIdempotencyKey,
  openIntakeSession,
} from '../test/reliability/intake-client.js';
import { percentile } from './stats.js';

/**
 * The flood scenario (issue 16, docs/decisions/025): while 20 throwaway sessions send junk as
 * fast as they can — and, in a second run, well-formed reports without a solved proof of work —
 * genuine reporters in fresh browser sessions file reports, half with JavaScript (they solve
 * the proof, as /assets/proof-of-work.js does) and half without. The budgets are the defaults.
 */
export interface FloodResult {
  attack: 'junk' | 'well-formed';
  genuine: number;
  succeeded: number;
  p50: number;
  p99: number;
  attackRequests: number;
  attackAccepted: number;
  acceptedPerAttackerMax: number;
}

const ATTACKERS = 20;
const RECEIPT = /data-testid="receipt">([^<]+)</;

async function attacker(
  url: string,
  mode: FloodResult['attack'],
  until: number,
): Promise<{ requests: number; accepted: number }> {
  const session = await openIntakeSession(url);
  let requests = 0;
  let accepted = 0;
  while (Date.now() < until) {
    const body =
      mode === 'junk'
        ? new URLSearchParams({
            _csrf: session.csrf,
            category: 'nonsense',
            narrative: 'x',
          }).toString()
        : intakeBody(session, newIdempotencyKey(), true);
    const res = await fetch(`${url}/melden`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body,
    });
    const html = await res.text();
    requests++;
    if (res.status === 200 && RECEIPT.test(html)) accepted++;
  }
  return { requests, accepted };
}

/** A genuine reporter in a fresh browser: with JavaScript via the check page and a solved proof. */
async function genuine(
  url: string,
  dataDir: string,
  withScript: boolean,
): Promise<number | undefined> {
  const started = performance.now();
  const b = new Browser();
  await b.request(`${url}/melden`);
  const fields = {
    team: /name="team" value="([^"]+)"/.exec(b.lastHtml)?.[1] ?? 'students',
    idempotencyKey: newIdempotencyKey(),
    behalf: 'self',
    category: 'intimidation',
    subtype: 'sexual',
    narrative: 'Een medestudent scheldt mij uit tijdens het werkcollege.',
    happenedDay: '',
    happenedMonth: '',
    happenedYear: '',
    location: 'campus',
    reporterRole: 'student',
    accusedRole: 'student',
    goal: 'advice',
    anonymous: 'yes',
    channel: 'mailbox',
  };
  if (withScript) {
    const draft = sealDraft(loadKeyring({ dataDir }), b.csrfToken(), fields);
    await b.post(`${url}/melden/vraag`, { draft, step: 'goal', goal: 'advice', returnTo: 'check' });
    const raw = /data-proof-challenge="([^"]+)"/.exec(b.lastHtml)?.[1];
    if (!raw) return undefined;
    const c = JSON.parse(raw.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
    const proof = Buffer.from(
      JSON.stringify({
        algorithm: c.algorithm,
        challenge: c.challenge,
        number: solution?.number,
        salt: c.salt,
        signature: c.signature,
      }),
    ).toString('base64');
    await b.post(`${url}/melden`, {
      draft: /name="draft" value="([^"]+)"/.exec(b.lastHtml)?.[1] ?? '',
      idempotencyKey: fields.idempotencyKey,
      proof,
    });
  } else {
    await b.post(`${url}/melden`, fields);
  }
  return RECEIPT.test(b.lastHtml) ? performance.now() - started : undefined;
}

export async function benchFlood(
  postgresUrl: string,
  opts: { seconds: number; genuine: number },
): Promise<FloodResult[]> {
  const results: FloodResult[] = [];
  for (const attack of ['junk', 'well-formed'] as const) {
    const target = await createTarget('external', postgresUrl);
    const server = await startServer({
      ...target.env,
      MELDPUNT_LOG_LEVEL: 'error',
      MELDPUNT_INTAKE_PER_SESSION: '5',
      MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: '2',
    });
    try {
      const until = Date.now() + opts.seconds * 1000;
      const attackers = Promise.all(
        Array.from({ length: ATTACKERS }, () => attacker(server.url, attack, until)),
      );
      await new Promise((r) => setTimeout(r, 500)); // the flood is under way
      const times: number[] = [];
      let succeeded = 0;
      for (let i = 0; i < opts.genuine; i++) {
        const ms = await genuine(server.url, target.env.MELDPUNT_DATA_DIR!, i % 2 === 0);
        if (ms !== undefined) {
          succeeded++;
          times.push(ms);
        }
      }
      const done = await attackers;
      results.push({
        attack,
        genuine: opts.genuine,
        succeeded,
        p50: percentile(
          times.sort((a, b) => a - b),
          50,
        ),
        p99: percentile(times, 99),
        attackRequests: done.reduce((s, a) => s + a.requests, 0),
        attackAccepted: done.reduce((s, a) => s + a.accepted, 0),
        acceptedPerAttackerMax: Math.max(...done.map((a) => a.accepted)),
      });
    } finally {
      await server.stop();
      await target.dispose();
    }
  }
  return results;
}

export function formatFlood(results: FloodResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.attack} | ${r.succeeded}/${r.genuine} (${Math.round((100 * r.succeeded) / r.genuine)} %) | ${Math.round(r.p50)} ms | ${Math.round(r.p99)} ms | ${r.attackRequests} | ${r.attackAccepted} (at most ${r.acceptedPerAttackerMax} per session) |`,
  );
  return [
    '| flood of 20 sessions | genuine reporters succeeding | p50 | p99 | attack requests | attack accepted |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
