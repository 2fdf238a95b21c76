import crypto from 'node:crypto';
import fs from 'node:fs';

/**
 * Our SAML signing key pair (MELDPUNT_SAML_SP_KEY + MELDPUNT_SAML_SP_CERT, each PEM inline or
 * the path of a PEM file). With it, AuthnRequests over HTTP-Redirect carry an RSA-SHA256
 * signature and the certificate is published in our metadata. Checked at start-up, so a
 * broken pair stops the server instead of the first sign-in; messages never quote the key.
 */
export interface SamlSigningPair {
  /** Unencrypted RSA private key, PEM. */
  key: string;
  /** The certificate of that key, PEM (what the IdP verifies our requests with). */
  cert: string;
}

const KEY = 'MELDPUNT_SAML_SP_KEY';
const CERT = 'MELDPUNT_SAML_SP_CERT';

export function readSigningPair(env: NodeJS.ProcessEnv): SamlSigningPair | undefined {
  const keyValue = env[KEY];
  const certValue = env[CERT];
  if (!keyValue && !certValue) return undefined;
  if (!certValue)
    throw new Error(
      `${KEY} is set without ${CERT}: give the certificate of the signing key too (PEM, or the path of a PEM file); the IdP checks our signed requests with it`,
    );
  if (!keyValue)
    throw new Error(
      `${CERT} is set without ${KEY}: give the private key that signs the requests too (PEM, or the path of a PEM file)`,
    );

  const key = readPemSetting(keyValue, KEY);
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch {
    throw new Error(
      `${KEY} is not an unencrypted PEM private key ("-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----"), inline or in the file it names`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'rsa')
    throw new Error(
      `${KEY} must be an RSA key (requests are signed with RSA-SHA256), not ${privateKey.asymmetricKeyType}`,
    );

  const cert = readPemSetting(certValue, CERT);
  let x509: crypto.X509Certificate;
  try {
    if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new Error('not PEM');
    x509 = new crypto.X509Certificate(cert);
  } catch {
    throw new Error(
      `${CERT} is not a PEM certificate ("-----BEGIN CERTIFICATE-----"), inline or in the file it names`,
    );
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new Error(
      `${CERT} is not the certificate of ${KEY}: the IdP would refuse every signed request`,
    );
  return { key, cert: x509.toString() };
}

/** A PEM setting: PEM inline (`\n` escapes allowed, as env files write them), or the path of a readable PEM file. */
export function readPemSetting(value: string, name: string): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  try {
    return fs.readFileSync(value, 'utf8');
  } catch {
    throw new Error(`${name} is neither PEM text nor the path of a readable file`);
  }
}
