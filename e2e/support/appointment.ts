import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, newContext } from './browser.js';
import type { startTestSmtp } from '../../test/support/smtp.js';

type TestSmtp = Awaited<ReturnType<typeof startTestSmtp>>;

/** A year ahead: every proposed time lies in the future. */
export const APPOINTMENT_YEAR = new Date().getUTCFullYear() + 1;

/**
 * On a case's messages, minutes and appointments page (Dutch), the adviser confirms the
 * reporter's proposed time whose label matches `slot`, at `where`.
 */
export async function confirmProposedTime(
  adviser: Page,
  slot: RegExp,
  where: string,
): Promise<void> {
  const request = adviser.getByTestId('appointment');
  await request.getByLabel(slot).check();
  await request.getByLabel('Waar of hoe').fill(where);
  await Promise.all([
    adviser.waitForNavigation(),
    adviser.getByRole('button', { name: 'Afspraak bevestigen', exact: true }).click(),
  ]);
  expect(await adviser.getByRole('status').textContent()).toBe('De afspraak is bevestigd.');
  await expectAccessible(adviser);
}

/**
 * The one notice to `to` at the local SMTP server: it says that, never what (none of
 * `secrets`), has no attachment, and carries the private link to the .ics, which is returned.
 */
export async function expectContentFreeNotice(
  smtp: TestSmtp,
  to: string,
  secrets: string[],
): Promise<string> {
  const toThem = () => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(to));
  for (let i = 0; i < 200 && toThem().length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  const mails = toThem();
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  const whole = `${mail.subject}\n${mail.text}\n${mail.html || ''}`;
  for (const secret of secrets) expect(whole).not.toContain(secret);
  expect(mail.attachments).toHaveLength(0);
  const link = /https?:\/\/\S+\/afspraak\/[A-Za-z0-9_-]{32}\.ics/.exec(whole)?.[0];
  expect(link, whole).toBeDefined();
  return link!;
}

/** The private link works from any browser, without a session: the one VEVENT's properties. */
export async function fetchIcsEvent(
  browser: Browser,
  baseUrl: string,
  link: string,
): Promise<Record<string, string>> {
  const stranger = await newContext(browser);
  try {
    const res = await stranger.request.get(`${baseUrl}${new URL(link).pathname}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/calendar');
    return parseIcs(await res.text());
  } finally {
    await stranger.close();
  }
}

/** RFC 5545, just enough: unfold continuation lines, check the envelope, the one VEVENT's properties. */
export function parseIcs(text: string): Record<string, string> {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const start = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  return Object.fromEntries(
    lines
      .slice(start + 1, end)
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]),
  );
}
