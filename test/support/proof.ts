import { solveChallenge } from 'altcha-lib/v1';
import type { TestDeps } from './use-test-app.js';
import { TestClient } from './http-client.js';
import { intakeFields, postMultipart } from './reporter-flow.js';
import { sealDraft } from '../../src/server/intake/intake-draft.js';

/** Solves the proof-of-work challenge of the last page, as /assets/proof-of-work.js does in a browser. */
export async function solveProofOnPage(html: string): Promise<string> {
  const raw = /data-proof-challenge="([^"]+)"/.exec(html)?.[1];
  if (!raw) throw new Error('no proof-of-work challenge on the page');
  const challenge = JSON.parse(raw.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  const solution = await solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise;
  if (!solution) throw new Error('challenge not solvable');
  return Buffer.from(
    JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: solution.number,
      salt: challenge.salt,
      signature: challenge.signature,
    }),
  ).toString('base64');
}

/** Opens the check-your-answers page of a complete draft in this browser (the last question page posted). */
export async function openCheckPage(
  client: TestClient,
  deps: TestDeps,
  overrides: Record<string, string> = {},
) {
  await client.get('/melden');
  const answers: Record<string, string> = {
    ...intakeFields(client, overrides),
    behalf: 'self',
    channel: 'mailbox',
    happenedDay: '',
    happenedMonth: '',
    happenedYear: '',
  };
  const draft = sealDraft(deps.keyring, client.csrfToken(), answers);
  return client.post('/melden/vraag', {
    draft,
    step: 'goal',
    goal: answers.goal!,
    returnTo: 'check',
  });
}

/** A genuine reporter with JavaScript: the check page, the solved challenge, Send. */
export async function reportWithProof(client: TestClient, deps: TestDeps) {
  await openCheckPage(client, deps);
  const proof = await solveProofOnPage(client.lastHtml);
  return postMultipart(client, '/melden', {
    draft: client.inputValue('draft'),
    idempotencyKey: client.inputValue('idempotencyKey'),
    proof,
  });
}
