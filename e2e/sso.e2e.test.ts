import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import Provider from 'oidc-provider';
import { expectAccessible, newContext } from './support/browser.js';
import { useJourney } from './support/use-journey.js';
import {
  makeKeyPair,
  signingCertOf,
  startSamlIdp,
  type SamlIdp,
} from '../test/support/saml-idp.js';

/**
 * Staff sign-in through the institution, in a real browser without JavaScript: a local OpenID
 * Connect provider (oidc-provider, its own login and consent screens) and a local SAML IdP. The
 * staff member lands on the inbox with the team roles that the IdP's attributes map to. The SAML
 * IdP requires signed AuthnRequests, checked with the certificate from our metadata.
 */
const ROLES = 'urn:mace:dir:attribute-def:eduPersonEntitlement';
let oidcServer: http.Server;
let issuer: string;
let saml: SamlIdp;
let sp: { key: string; cert: string };
let spDir: string;

beforeAll(async () => {
  oidcServer = http.createServer();
  await new Promise<void>((r) => oidcServer.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(oidcServer.address() as AddressInfo).port}`;
  saml = await startSamlIdp({
    sam: {
      'urn:mace:dir:attribute-def:mail': 'sam@uni.example',
      'urn:mace:dir:attribute-def:displayName': 'Sam Bakker',
      [ROLES]: ['urn:mace:uni.example:meldpunt-beheer', 'students:confidential_adviser'],
    },
  });
  // Our SAML signing key pair, made for this run; the key is handed over as a file path.
  sp = makeKeyPair();
  spDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-sp-'));
  fs.writeFileSync(path.join(spDir, 'sp-key.pem'), sp.key, { mode: 0o600 });
});
afterAll(async () => {
  await saml?.close();
  await new Promise((r) => oidcServer?.close(r));
  if (spDir) fs.rmSync(spDir, { recursive: true, force: true });
});
// The server is started once both IdPs listen: their addresses are part of its configuration.
const j = useJourney(() => ({
  env: {
    MELDPUNT_OIDC_ISSUER: issuer,
    MELDPUNT_OIDC_CLIENT_ID: 'meldpunt',
    MELDPUNT_OIDC_CLIENT_SECRET: 'an-e2e-client-secret',
    MELDPUNT_OIDC_ALLOW_HTTP: 'true',
    MELDPUNT_SAML_ENTRY_POINT: saml.entryPoint,
    MELDPUNT_SAML_IDP_CERT: saml.cert,
    MELDPUNT_SAML_IDP_ISSUER: saml.issuer,
    MELDPUNT_SAML_SP_KEY: path.join(spDir, 'sp-key.pem'),
    MELDPUNT_SAML_SP_CERT: sp.cert,
    MELDPUNT_SSO_ROLE_MAP: JSON.stringify({
      'urn:mace:uni.example:meldpunt-beheer': 'students:administrator',
      'vp-group': ['students:safety_coordinator'],
    }),
  },
}));
beforeAll(async () => {
  // The client's redirect URI names the server's port, known only now.
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'meldpunt',
        client_secret: 'an-e2e-client-secret',
        redirect_uris: [`${j.server.url}/sso/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'meldpunt_roles'] },
    findAccount: async (_ctx: unknown, id: string) =>
      id === 'olga'
        ? {
            accountId: id,
            claims: async () => ({
              sub: id,
              email: 'olga@uni.example',
              name: 'Olga Smit',
              meldpunt_roles: ['vp-group'],
            }),
          }
        : undefined,
    pkce: { required: () => true },
  });
  oidcServer.on('request', provider.callback());
  // As an IdP does with our metadata: from now on only requests signed with its certificate.
  saml.requireSignedRequests(
    signingCertOf(await (await fetch(`${j.server.url}/sso/saml/metadata`)).text()),
  );
});

const nav = (page: Page, href: string) =>
  page.locator(`header a[href="${href}"], nav a[href="${href}"]`);

describe('staff sign-in through the institution', () => {
  it('OpenID Connect: signs in at the local provider and lands with the mapped coordinator role', async () => {
    const context = await newContext(j.browser);
    const page = await context.newPage();
    await page.goto(`${j.server.url}/login`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Inloggen via uw instelling (OpenID Connect)' }).click();
    await page.locator('input[name="login"]').fill('olga');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click(); // the provider's consent screen
    await page.waitForURL(`${j.server.url}/cases`);
    await expectAccessible(page);
    await expect(nav(page, '/patterns').count()).resolves.toBe(1); // safety_coordinator
    await expect(nav(page, '/admin').count()).resolves.toBe(0);
    await nav(page, '/patterns').click();
    await page.waitForURL(`${j.server.url}/patterns`);
    await expectAccessible(page);
    await context.close();
  });

  it('SAML: signs in at the local IdP (signed request) and lands with the administrator and adviser roles from its attributes', async () => {
    const context = await newContext(j.browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${j.server.url}/login`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Sign in through your institution (SAML)' }).click();
    await page.getByLabel('Login').fill('sam');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click(); // the IdP's form posts the signed response to our ACS
    await page.waitForURL(`${j.server.url}/cases`);
    await expectAccessible(page);
    await expect(nav(page, '/admin').count()).resolves.toBe(1); // administrator
    await expect(nav(page, '/patterns').count()).resolves.toBe(0);
    await nav(page, '/admin').click();
    await page.waitForURL(`${j.server.url}/admin`);
    await page.getByRole('link', { name: 'Social Safety Team for students' }).click();
    await page.goto(`${page.url()}/users`);
    await expectAccessible(page);
    const row = (await page.locator('tr', { hasText: 'Sam Bakker' }).textContent()) ?? '';
    expect(row).toContain('Administrator');
    expect(row).toContain('Confidential adviser');
    await context.close();
  });
});
