import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newContext } from './support/browser.js';
import { answerQuestions } from './support/intake.js';
import { useJourney } from './support/use-journey.js';
import {
  intakeBody,
  newIdempotencyKey,
  openIntakeSession,
} from '../test/reliability/intake-client.js';

// Decision 025 in a real browser: genuine reporters, without and with JavaScript, file a report
// while 20 throwaway sessions flood the intake; the no-script path keeps its stricter budget.
const j = useJourney({
  args: ['--demo'],
  env: {
    MELDPUNT_INTAKE_PER_SESSION: '5',
    MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: '2',
    MELDPUNT_PROOF_COST: '20000',
  },
});

/** 20 sessions (10 junk, 10 well-formed without a proof) posting and well-formed reports without a proof until stop() is called. */
function flood(url: string) {
  let running = true;
  const done = Promise.all(
    Array.from({ length: 20 }, async (_, n) => {
      const session = await openIntakeSession(url);
      while (running) {
        const body =
          n % 2
            ? new URLSearchParams({ _csrf: session.csrf, category: 'nonsense' }).toString()
            : intakeBody(session, newIdempotencyKey(), true);
        await fetch(`${url}/melden`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
          body,
        }).then((r) => r.text());
        await new Promise((r) => setTimeout(r, 100)); // steady pressure (the embedded database in CI is one connection); the bench floods flat out
      }
    }),
  );
  return async () => {
    running = false;
    await done;
  };
}

async function fileReport(page: Page, narrative: string) {
  await page.goto(`${j.server.url}/melden`);
  await answerQuestions(page, {
    team: (p) => p.getByLabel('Team Sociale Veiligheid voor studenten').check(),
    behalf: (p) => p.getByLabel('Voor mezelf').check(),
    category: (p) => p.getByLabel('Pesten').check(),
    narrative: (p) => p.getByLabel('Beschrijf wat er is gebeurd').fill(narrative),
    location: (p) => p.getByLabel('Online').check(),
    reporterRole: (p) => p.getByLabel('Student').check(),
    accusedRole: (p) => p.getByLabel('Student').check(),
    goal: (p) => p.getByLabel('Advies krijgen').check(),
    anonymous: (p) => p.getByLabel('Ja, anoniem', { exact: false }).check(),
  });
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  await page.waitForLoadState();
}

describe('the intake under a flood, in a browser', () => {
  it('a reporter without JavaScript gets a receipt code; the third report from that browser meets its budget', async () => {
    const stop = flood(j.server.url);
    try {
      const context = await newContext(j.browser);
      const page = await context.newPage();
      await fileReport(page, 'Een groepsgenoot zet mij steeds voor schut in de projectgroep-app.');
      expect((await page.getByTestId('receipt').textContent())!.trim()).toMatch(
        /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/,
      );
      await expectAccessible(page);
      // The same browser, still without script, sends two more complete reports (the form's fields in one POST):
      // one fits the no-script budget, the next is refused with the contact page.
      const csrf = /name="_csrf" value="([^"]+)"/.exec(
        await (await page.request.get(`${j.server.url}/melden`)).text(),
      )![1]!;
      const form = (key: string) => ({
        _csrf: csrf,
        team: 'students',
        idempotencyKey: key,
        category: 'bullying',
        narrative: 'Nog een melding.',
        location: 'online',
        reporterRole: 'student',
        accusedRole: 'student',
        goal: 'advice',
        anonymous: 'yes',
      });
      expect(
        (
          await page.request.post(`${j.server.url}/melden`, { form: form(newIdempotencyKey()) })
        ).status(),
      ).toBe(200);
      const refused = await page.request.post(`${j.server.url}/melden`, {
        form: form(newIdempotencyKey()),
      });
      expect(refused.status()).toBe(429);
      const html = await refused.text();
      expect(html).toContain('al 2 meldingen verstuurd');
      await page.route(`${j.server.url}/budget-page`, (route) =>
        route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
      );
      await page.goto(`${j.server.url}/budget-page`);
      await expectAccessible(page);
      await context.close();
    } finally {
      await stop();
    }
  }, 300_000);

  it('a reporter with JavaScript solves the proof of work and gets a receipt code', async () => {
    const stop = flood(j.server.url);
    try {
      const context = await newContext(j.browser, { javaScript: true });
      const page = await context.newPage();
      let sentProof = '';
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/melden'))
          sentProof = /name="proof"\r\n\r\n([^\r]*)/.exec(r.postData() ?? '')?.[1] ?? '';
      });
      await fileReport(page, 'Een docent maakt steeds opmerkingen over mijn uiterlijk.');
      expect((await page.getByTestId('receipt').textContent())!.trim()).toMatch(
        /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/,
      );
      expect(sentProof.length).toBeGreaterThan(50);
      await context.close();
    } finally {
      await stop();
    }
  }, 300_000);
});
