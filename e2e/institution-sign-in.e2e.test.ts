import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import sharp from 'sharp';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hashPassword } from '../src/server/users/users.service.js';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';

/**
 * Issue 22, done-when 2 (decision 038): two institutions on their own host names (*.localhost),
 * each with its own colour, logo and OpenID Connect provider (two oidc-provider instances started
 * here). The platform operator sets up both in the browser: colour, logo upload and the IdP with
 * its role map. Then, for each institution, without JavaScript: the public page shows its name,
 * logo and colour; a staff member signs in through that institution's IdP and lands in its
 * inbox with the role its map grants (a target in the other institution's team is ignored); the
 * other institution's host knows neither the session nor a replayed answer of this IdP. The
 * platform host offers "Choose your institution", leading to the chosen institution's IdP.
 * Screenshots at 360 and 1280 px: /tmp/meldpunt-institution-sign-in-*.png.
 */
const OPERATOR = 'operator@platform.example';
const PASS = 'a long and unusual passphrase 42';
const j = useJourney({ env: { MELDPUNT_TENANCY: 'host' } });

interface Idp {
  server: http.Server;
  issuer: string;
  hold?: boolean;
  held?: string;
}
const INSTITUTIONS = [
  {
    key: 'uni-a',
    name: 'Universiteit A',
    colour: '#1d5c2e',
    rgb: 'rgb(29, 92, 46)',
    login: 'anna',
    person: 'Anna de Vries',
    // the second target names a team of the other institution: ignored
    roleMap: { 'staff-vp': ['uni-a:confidential_adviser', 'uni-b:administrator'] },
  },
  {
    key: 'uni-b',
    name: 'Hogeschool B',
    colour: '#7a1f5c',
    rgb: 'rgb(122, 31, 92)',
    login: 'bram',
    person: 'Bram Jansen',
    roleMap: { 'staff-vp': 'uni-b:confidential_adviser' },
  },
] as const;
const idps: Record<string, Idp> = {};
let port: string;
const origin = (key: string) => `http://${key}.localhost:${port}`;

async function listen(): Promise<Idp> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A logo as an institution would have one: its initials on its colour, made here as a PNG. */
async function logoOf(name: string, colour: string): Promise<Buffer> {
  const initials = name
    .split(' ')
    .map((w) => w[0])
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">
    <rect width="100" height="100" rx="12" fill="${colour}"/>
    <text x="50" y="64" font-family="sans-serif" font-size="44" fill="#fff" text-anchor="middle">${initials}</text>
    <text x="115" y="62" font-family="sans-serif" font-size="26" fill="#222">${name}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

beforeAll(async () => {
  for (const i of INSTITUTIONS) idps[i.key] = await listen();
});
afterAll(async () => {
  for (const idp of Object.values(idps)) await new Promise((r) => idp.server.close(r));
});
beforeAll(async () => {
  port = new URL(j.server.url).port;
  for (const i of INSTITUTIONS) {
    const provider = new Provider(idps[i.key]!.issuer, {
      clients: [
        {
          client_id: `meldpunt-${i.key}`,
          client_secret: `secret of ${i.key}`,
          redirect_uris: [`${origin(i.key)}/sso/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email'], profile: ['name', 'meldpunt_roles'] },
      findAccount: async (_ctx: unknown, id: string) =>
        id === i.login
          ? {
              accountId: id,
              claims: async () => ({
                sub: id,
                email: `${id}@${i.key}.example`,
                name: i.person,
                meldpunt_roles: ['staff-vp'],
              }),
            }
          : undefined,
      pkce: { required: () => true },
    });
    // When asked, the IdP's redirect back to us is held here instead of followed (for the replay).
    const handle = provider.callback();
    const idp = idps[i.key]!;
    idp.server.on('request', (req, res) => {
      if (idp.hold) {
        const setHeader = res.setHeader.bind(res);
        res.setHeader = (name, value) => {
          if (name.toLowerCase() === 'location' && String(value).includes('/sso/oidc/callback')) {
            idp.held = String(value);
            return setHeader(name, `${idp.issuer}/held`);
          }
          return setHeader(name, value);
        };
      }
      void handle(req, res);
    });
  }
  const client = new pg.Client({ connectionString: j.server.databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_user (email, display_name, password_hash, platform_operator, institution_id)
       VALUES ($1, 'Platform Operator', $2, true, NULL)`,
      [OPERATOR, await hashPassword(PASS)],
    );
  } finally {
    await client.end();
  }
});

async function signInAtIdp(page: Page, login: string) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click(); // the provider's consent screen
}

/** A GET to the server under another host name (Node does not resolve *.localhost): the response headers. */
function get(path: string, host: string): Promise<http.IncomingHttpHeaders> {
  return new Promise((resolve, reject) => {
    http
      .get(`${j.server.url}${path}`, { headers: { host } }, (res) => {
        res.resume();
        resolve(res.headers);
      })
      .on('error', reject);
  });
}

async function screenshot(page: Page, name: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: `/tmp/meldpunt-institution-sign-in-${name}-${width}.png`,
      fullPage: true,
    });
  }
}

describe('each institution its own look and sign-in', () => {
  it('the operator sets up two institutions with their own colour, logo and identity provider', async () => {
    const context = await newContext(j.browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${j.server.url}/login`);
    await page.getByLabel('E-mail address').fill(OPERATOR);
    await page.getByLabel('Password').fill(PASS);
    await page.getByRole('button', { name: 'Sign in' }).click();
    for (const i of INSTITUTIONS) {
      await page.goto(`${j.server.url}/platform`);
      await page.getByLabel('Name of the institution').fill(i.name);
      await page.getByLabel('Key', { exact: true }).fill(i.key);
      await page.getByLabel('Host name').fill(`${i.key}.localhost:${port}`);
      await page.getByLabel('Primary colour', { exact: true }).fill(i.colour);
      await page.getByLabel('Team name (Dutch)').fill(`Meldpunt ${i.name}`);
      await page.getByLabel('Team name (English)').fill(`Reporting point ${i.name}`);
      await page.getByLabel('Name of the first administrator').fill(`Beheerder ${i.name}`);
      await page
        .getByLabel('E-mail address of the first administrator')
        .fill(`beheer@${i.key}.example`);
      await page.getByRole('button', { name: 'Create institution' }).click();
      await page.locator('.setup-link').waitFor();

      await page.getByRole('link', { name: `Logo and sign-in of ${i.name}` }).click();
      await expectAccessible(page);
      // an SVG is refused, with the reason
      await page.getByLabel('New logo').setInputFiles({
        name: 'logo.svg',
        mimeType: 'image/png',
        buffer: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
      });
      await page.getByRole('button', { name: 'Upload logo' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        'Only PNG and JPEG are accepted',
      );
      await page.getByLabel('New logo').setInputFiles({
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: await logoOf(i.name, i.colour),
      });
      await page.getByRole('button', { name: 'Upload logo' }).click();
      await page.waitForURL(/saved=logo$/);
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        'logo has been saved',
      );

      await page.getByLabel('Issuer', { exact: true }).fill(idps[i.key]!.issuer);
      await page.getByLabel('Client id').fill(`meldpunt-${i.key}`);
      await page.getByLabel('Client secret').fill(`secret of ${i.key}`);
      await page.getByLabel('Role map (JSON)').fill(JSON.stringify(i.roleMap));
      await page.getByRole('button', { name: 'Save sign-in' }).click();
      await page.waitForURL(/saved=signIn$/);
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        'sign-in settings have been saved',
      );
      // the secret is never shown back, only that one is stored
      expect(await page.content()).not.toContain(`secret of ${i.key}`);
      await expect(page.getByLabel('Client secret').inputValue()).resolves.toBe('');
      await expect(page.getByText('A secret is stored (encrypted)').count()).resolves.toBe(1);
      await expectAccessible(page);
    }
    await screenshot(page, 'operator-settings');
    await context.close();
  });

  for (const [index, i] of INSTITUTIONS.entries()) {
    const other = INSTITUTIONS[1 - index]!;
    it(`${i.name}: its own name, logo and colour; its staff sign in through its own IdP only`, async () => {
      const context = await newContext(j.browser, { locale: 'nl-NL' });
      const page = await context.newPage();
      await page.goto(`${origin(i.key)}/`);
      const logo = page.locator('header img.site-logo');
      await expect(logo.getAttribute('alt')).resolves.toBe(i.name);
      await expect(
        logo.evaluate((img: HTMLImageElement) => img.naturalWidth),
      ).resolves.toBeGreaterThan(0);
      const background = await page
        .locator('.site-header')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).toBe(i.rgb);
      await expectAccessible(page);
      await screenshot(page, `${i.key}-home`);

      // the logo is a cacheable asset of this institution's host, with its own type
      const asset = await get(`${await logo.getAttribute('src')}`, `${i.key}.localhost:${port}`);
      expect(asset['content-type']).toBe('image/png');
      expect(asset['cache-control']).toContain('max-age=31536000');

      await page.goto(`${origin(i.key)}/login`);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Inloggen via uw instelling' }).click();
      await page.waitForURL((url) => url.href.startsWith(idps[i.key]!.issuer)); // this institution's IdP
      await signInAtIdp(page, i.login);
      await page.waitForURL(`${origin(i.key)}/cases`);
      await expectAccessible(page);
      await expect(page.locator('header img.site-logo').getAttribute('alt')).resolves.toBe(i.name);
      // the role from its own map, nothing in another institution's team
      await expect(page.locator('header a[href="/admin"]').count()).resolves.toBe(0);
      await screenshot(page, `${i.key}-inbox`);

      // the other institution's host knows no session of this account
      await page.goto(`${origin(other.key)}/cases`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await context.close();

      // an answer of this institution's IdP, replayed on the other institution's host, is refused
      const replay = await newContext(j.browser, { locale: 'en-GB' });
      const tab = await replay.newPage();
      const idp = idps[i.key]!;
      idp.hold = true;
      await tab.goto(`${origin(i.key)}/sso/oidc/start`);
      await signInAtIdp(tab, i.login);
      await expect.poll(() => idp.held ?? '').toContain('code=');
      idp.hold = false;
      const callback = idp.held!;
      const refused = await tab.goto(callback.replace(origin(i.key), origin(other.key)));
      expect(refused?.status()).toBe(403);
      await tab.goto(`${origin(other.key)}/cases`);
      expect(new URL(tab.url()).pathname).toBe('/login');
      // the same answer on its own institution's host signs in: only the host made the difference
      await tab.goto(callback);
      await tab.waitForURL(`${origin(i.key)}/cases`);
      await replay.close();
    });
  }

  it('the platform host offers a choice of institution that leads to its own IdP', async () => {
    const context = await newContext(j.browser, { locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${j.server.url}/login`);
    await expectAccessible(page);
    await page.getByLabel('Instelling', { exact: true }).selectOption({ label: 'Hogeschool B' });
    await page.getByRole('button', { name: 'Inloggen via deze instelling' }).click();
    await page.waitForURL((url) => url.href.startsWith(idps['uni-b']!.issuer));
    await signInAtIdp(page, 'bram');
    await page.waitForURL(`${origin('uni-b')}/cases`);
    await context.close();
  });
});
