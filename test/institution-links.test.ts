import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { ParsedMail } from 'mailparser';
import type { AppEnv } from '../src/server/http/env.js';
import { institutionBaseUrl } from '../src/server/tenancy/institution-url.js';
import { TestClient } from './support/http-client.js';
import { createStaff } from './support/factories.js';
import { intakeFields, postMultipart } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Links that leave the request (decision 039): in host mode a password-reset mail and a new-report
 * notice of institution A carry A's own host, over a real local SMTP server.
 */
const HOST_A = 'meldpunt.uni-a.test';
const t = useTestApp({
  smtp: true,
  env: { MELDPUNT_TENANCY: 'host', MELDPUNT_BASE_URL: 'https://platform.test' },
});

class HostClient extends TestClient {
  constructor(
    app: Hono<AppEnv>,
    readonly host: string,
  ) {
    super(app, 'en');
  }
  override send(path: string, init: RequestInit & { headers?: Record<string, string> }) {
    const headers: Record<string, string> = {
      ...(init.headers as Record<string, string> | undefined),
      host: this.host,
    };
    return super.send(path, { ...init, headers });
  }
}

let teamA: string;
beforeAll(async () => {
  const inst = await t.deps.db
    .insertInto('institution')
    .values({ key: 'uni-a', name: 'Universiteit A', host: HOST_A })
    .returning('id')
    .executeTakeFirstOrThrow();
  teamA = (
    await t.deps.db
      .insertInto('team')
      .values({ institution_id: inst.id, key: 'uni-a-team', name_nl: 'Team A', name_en: 'Team A' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

const mailsTo = (address: string): ParsedMail[] =>
  t.smtp.messages.filter((m) => JSON.stringify(m.to).includes(address));
async function waitForMail(address: string): Promise<ParsedMail> {
  await expect.poll(() => mailsTo(address).length, { timeout: 10_000 }).toBeGreaterThan(0);
  return mailsTo(address)[0]!;
}

describe("links in e-mails use the institution's own host", () => {
  it('in a password-reset mail, and the link works on that host', async () => {
    const staff = await createStaff(t.deps, teamA, ['confidential_adviser']);
    const client = new HostClient(t.app, HOST_A);
    await client.get('/login/forgot');
    expect((await client.post('/login/forgot', { email: staff.email })).status).toBeLessThan(400);
    const mail = await waitForMail(staff.email);
    const link = /https:\/\/[^\s/]+(\/login\/reset\/[A-Za-z0-9_-]{43})\b/.exec(mail.text ?? '');
    expect(link?.[0]).toMatch(/^https:\/\/meldpunt\.uni-a\.test\/login\/reset\//);
    expect(mail.text).not.toContain('platform.test');
    expect((await client.get(link![1]!)).status).toBe(200);
  });

  it('in the notice of a new report to the team', async () => {
    const adviser = await createStaff(t.deps, teamA, ['confidential_adviser']);
    const reporter = new HostClient(t.app, HOST_A);
    await reporter.get('/melden');
    const res = await postMultipart(
      reporter,
      '/melden',
      intakeFields(reporter, { team: 'uni-a-team' }),
    );
    expect(res.status).toBe(200);
    const mail = await waitForMail(adviser.email);
    expect(mail.text).toContain('https://meldpunt.uni-a.test/cases');
    expect(mail.text).not.toContain('platform.test');
  });
});

describe('institutionBaseUrl', () => {
  const inst = { key: 'uni-a', host: 'meldpunt.uni-a.nl' };
  it('is the base URL in single mode, the host in host mode, base URL and key in path mode', () => {
    const base = 'https://meldpunt.example.nl';
    expect(institutionBaseUrl({ baseUrl: base }, { key: 'default', host: null })).toBe(base);
    expect(institutionBaseUrl({ baseUrl: base, tenancy: { mode: 'host' } }, inst)).toBe(
      'https://meldpunt.uni-a.nl',
    );
    expect(
      institutionBaseUrl({ baseUrl: 'http://x.test:3000', tenancy: { mode: 'host' } }, inst),
    ).toBe('http://meldpunt.uni-a.nl');
    expect(institutionBaseUrl({ baseUrl: base, tenancy: { mode: 'path' } }, inst)).toBe(
      'https://meldpunt.example.nl/uni-a',
    );
    expect(institutionBaseUrl({ baseUrl: base, tenancy: { mode: 'path' } }, undefined)).toBe(base);
  });
});
