import { describe, expect, it } from 'vitest';
import { matchTotp, timeStep, toBase32, totpCode } from './totp.js';

// Independent oracle: the SHA-1 test vectors of RFC 6238, appendix B (secret "12345678901234567890"
// in ASCII, 30 s steps). The RFC prints 8 digits; a 6-digit code is their last six (the same
// truncated value modulo 10^6).
const SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC_6238_SHA1: [unixSeconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP against RFC 6238', () => {
  it.each(RFC_6238_SHA1)('at %i s the code is the last six digits of %s', (seconds, eight) => {
    const step = timeStep(new Date(seconds * 1000));
    expect(totpCode(SECRET, step)).toBe(eight.slice(-6));
  });

  it('accepts the RFC code within one step of drift, once, and nothing else', () => {
    const now = new Date(1111111111 * 1000);
    const step = timeStep(now);
    expect(matchTotp(SECRET, '050471', now, 0)).toBe(step);
    expect(matchTotp(SECRET, '050471', now, step)).toBeUndefined(); // used
    expect(matchTotp(SECRET, '050472', now, 0)).toBeUndefined();
    expect(matchTotp(SECRET, '05047', now, 0)).toBeUndefined();
  });

  it('writes the secret in RFC 4648 base32 (the RFC 6238 secret is GEZDGNBVGY3TQOJQ… in authenticator apps)', () => {
    expect(toBase32(SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });
});
