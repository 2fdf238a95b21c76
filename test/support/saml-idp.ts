import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { SignedXml } from 'xml-crypto';

/**
 * A minimal SAML 2.0 identity provider on 127.0.0.1 for tests: it takes an AuthnRequest over
 * HTTP-Redirect, shows a login form, and posts a Response whose assertion (and the response
 * itself) is signed with xml-crypto under a key pair made by openssl for this run. Like an IdP
 * whose metadata for us says AuthnRequestsSigned, it can be told to require requests signed
 * with our certificate (requireSignedRequests) and then refuses any other with 403.
 * Logins named in `mfaLogins` authenticate with multi-factor: when the request asks for REFEDS
 * MFA their assertion says so in its AuthnContextClassRef; every other assertion says password.
 */
export interface SamlIdp {
  entryPoint: string;
  issuer: string;
  cert: string;
  /** Builds and signs a response as the IdP would (for forged/replayed-response tests). */
  buildResponse(opts: ResponseOptions): string;
  /** From now on accept only AuthnRequests signed (RSA-SHA256) by this SP certificate; undefined: accept unsigned ones again. */
  requireSignedRequests(spCert: string | undefined): void;
  /** The RequestedAuthnContext class references of the last AuthnRequest. */
  lastRequestedContexts(): string[];
  close(): Promise<void>;
}

export interface ResponseOptions {
  login: string;
  acs: string;
  inResponseTo: string;
  audience: string;
  /** Sign with another key than the one the SP trusts. */
  foreignKey?: boolean;
  /** The AuthnContextClassRef of the assertion (default: password over a protected transport). */
  authnContext?: string;
}

export const REFEDS_MFA = 'https://refeds.org/profile/mfa';
const PASSWORD_CONTEXT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';

export type SamlAccounts = Record<string, Record<string, string | string[]>>;

export async function startSamlIdp(
  accounts: SamlAccounts,
  mfaLogins: readonly string[] = [],
): Promise<SamlIdp> {
  const own = makeKeyPair();
  const foreign = makeKeyPair();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/metadata`;
  let spCert: string | undefined;
  let requested: string[] = [];

  const buildResponse = (o: ResponseOptions) => {
    const key = o.foreignKey ? foreign : own;
    const xml = responseXml({ ...o, issuer, attributes: accounts[o.login] ?? {} });
    return sign(sign(xml, key, 'Assertion'), key, 'Response');
  };

  server.on('request', async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (req.method === 'GET' && url.pathname === '/sso') {
      if (spCert && !verifyRedirectSignature(url.search, spCert)) {
        res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page('Test IdP', '<p>This service provider must sign its authentication requests.</p>'),
        );
        return;
      }
      const request = zlib
        .inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64'))
        .toString('utf8');
      const id = /\bID="([^"]+)"/.exec(request)?.[1] ?? '';
      const acs = /AssertionConsumerServiceURL="([^"]+)"/.exec(request)?.[1] ?? '';
      const audience = /<saml:Issuer[^>]*>([^<]+)</.exec(request)?.[1] ?? '';
      requested = [...request.matchAll(/<(?:\w+:)?AuthnContextClassRef[^>]*>([^<]+)</g)].map((m) =>
        m[1]!.trim(),
      );
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Test IdP',
          `<form method="post" action="/login">
        ${hidden({ id, acs, audience, relayState: url.searchParams.get('RelayState') ?? '' })}
        <label for="login">Login</label> <input id="login" name="login" autocomplete="username">
        <button type="submit">Sign in</button></form>`,
        ),
      );
      return;
    }
    if (req.method === 'POST' && url.pathname === '/login') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const login = form.get('login') ?? '';
      const acs = form.get('acs') ?? '';
      const authnContext =
        mfaLogins.includes(login) && requested.includes(REFEDS_MFA) ? REFEDS_MFA : PASSWORD_CONTEXT;
      const response = buildResponse({
        login,
        acs,
        inResponseTo: form.get('id') ?? '',
        audience: form.get('audience') ?? '',
        authnContext,
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page(
          'Test IdP',
          `<form method="post" action="${esc(acs)}">
        ${hidden({ SAMLResponse: Buffer.from(response).toString('base64'), RelayState: form.get('relayState') ?? '' })}
        <button type="submit">Continue</button></form>`,
        ),
      );
      return;
    }
    res.writeHead(404).end();
  });

  return {
    entryPoint: `${base}/sso`,
    issuer,
    cert: own.cert,
    buildResponse,
    requireSignedRequests: (cert) => {
      spCert = cert;
    },
    lastRequestedContexts: () => requested,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * The IdP's check of an HTTP-Redirect signature (SAML bindings §3.4.4.1): over the parameters
 * exactly as they arrived, URL-encoded, in the order SAMLRequest, RelayState (if any), SigAlg.
 * Only RSA-SHA256 is accepted.
 */
export function verifyRedirectSignature(search: string, spCert: string): boolean {
  const raw = new Map(
    search
      .replace(/^\?/, '')
      .split('&')
      .map((p) => [p.slice(0, p.indexOf('=')), p] as const),
  );
  const params = new URLSearchParams(search);
  const signature = params.get('Signature');
  if (
    !raw.has('SAMLRequest') ||
    !signature ||
    params.get('SigAlg') !== 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
  )
    return false;
  const signed = ['SAMLRequest', 'RelayState', 'SigAlg']
    .flatMap((k) => (raw.has(k) ? [raw.get(k)!] : []))
    .join('&');
  return crypto.verify(
    'sha256',
    Buffer.from(signed),
    new crypto.X509Certificate(spCert).publicKey,
    Buffer.from(signature, 'base64'),
  );
}

/** The SP's signing certificate as PEM, read from its metadata (what an IdP trusts for signed requests). */
export function signingCertOf(metadataXml: string): string {
  const base64 = /<KeyDescriptor use="signing">[\s\S]*?<ds:X509Certificate>([^<]+)</.exec(
    metadataXml,
  )?.[1];
  if (!base64) throw new Error('no signing certificate in the metadata');
  return `-----BEGIN CERTIFICATE-----\n${base64
    .replace(/\s/g, '')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A throwaway RSA key pair with a self-signed certificate (openssl), kept in memory only. */
export function makeKeyPair(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saml-idp-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=test-idp',
        '-keyout',
        `${dir}/key.pem`,
        '-out',
        `${dir}/cert.pem`,
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(`${dir}/key.pem`, 'utf8'),
      cert: fs.readFileSync(`${dir}/cert.pem`, 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function sign(
  xml: string,
  pair: { key: string; cert: string },
  element: 'Assertion' | 'Response',
): string {
  const sig = new SignedXml({
    privateKey: pair.key,
    publicCert: pair.cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: `/*[local-name(.)='Response']${element === 'Assertion' ? "/*[local-name(.)='Assertion']" : ''}`,
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  const issuerPath =
    element === 'Assertion'
      ? "/*[local-name(.)='Response']/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']"
      : "/*[local-name(.)='Response']/*[local-name(.)='Issuer']";
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: issuerPath, action: 'after' } });
  return sig.getSignedXml();
}

function responseXml(
  o: ResponseOptions & { issuer: string; attributes: Record<string, string | string[]> },
): string {
  const now = new Date();
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const id = () => `_${crypto.randomBytes(16).toString('hex')}`;
  const attrs = Object.entries(o.attributes)
    .map(
      ([name, v]) =>
        `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${(Array.isArray(
          v,
        )
          ? v
          : [v]
        )
          .map((x) => `<saml:AttributeValue xsi:type="xs:string">${esc(x)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    )
    .join('');
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id()}" Version="2.0" IssueInstant="${at(0)}" Destination="${esc(o.acs)}" InResponseTo="${esc(o.inResponseTo)}">` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${id()}" Version="2.0" IssueInstant="${at(0)}">` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">subject-${esc(o.login)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${at(300_000)}" Recipient="${esc(o.acs)}" InResponseTo="${esc(o.inResponseTo)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${at(-60_000)}" NotOnOrAfter="${at(300_000)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="${id()}"><saml:AuthnContext><saml:AuthnContextClassRef>${esc(o.authnContext ?? PASSWORD_CONTEXT)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attrs}</saml:AttributeStatement></saml:Assertion></samlp:Response>`
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
    .join('');
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
