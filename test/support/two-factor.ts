import { expect } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/http/env.js';
import { timeStep, totpCode } from '../../src/server/auth/totp.js';
import { TestClient } from './http-client.js';
import { base32Decode } from './base32.js';
import { PASSWORD } from './factories.js';

/** Enrols TOTP on the sign-in enrolment page the client was sent to; returns the secret. */
export async function enrolAtSignIn(client: TestClient): Promise<Buffer> {
  await client.get('/login/two-factor/enrol');
  const secret = base32Decode(/data-testid="totp-secret">([^<]+)</.exec(client.lastHtml)![1]!);
  expect(
    (await client.post('/login/two-factor/enrol', { code: totpCode(secret, timeStep(new Date())) }))
      .status,
  ).toBe(200);
  return secret;
}

/** Signs in with password and a TOTP code of the next step (each step is accepted once). */
export async function signInWithCode(
  app: Hono<AppEnv>,
  email: string,
  secret: Buffer,
  step = timeStep(new Date()) + 1,
) {
  const client = new TestClient(app);
  expect((await client.signIn(email, PASSWORD)).headers.get('location')).toBe('/login/two-factor');
  await client.get('/login/two-factor');
  expect(
    (await client.post('/login/two-factor', { code: totpCode(secret, step) })).headers.get(
      'location',
    ),
  ).toBe('/cases');
  return client;
}

/** POSTs a form with repeated fields (checkbox lists), as a browser does. */
export function postFields(client: TestClient, path: string, fields: [string, string][]) {
  const body = new URLSearchParams([['_csrf', client.csrfToken()], ...fields]);
  return client.send(path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}
