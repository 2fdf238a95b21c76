/**
 * The TOTP key as the security page shows it (base32, RFC 4648, in groups of four) → the secret
 * bytes an authenticator app would hold. Kept apart from src/ so that the tests read the page the
 * way an app does, not with our own encoder's counterpart.
 */
export function base32Decode(shown: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of shown.replace(/\s/g, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
