import crypto from 'node:crypto';
import zlib from 'node:zlib';

/**
 * An encrypted archive file: magic | log2(N)(1) | r(1) | p(1) | salt(16) | nonce(12) | tag(16)
 * | AES-256-GCM(gzip(json)). The key is derived from a passphrase with scrypt at OWASP's
 * current minimum cost (N=2^17, r=8, p=1); the header (magic and cost) is the associated data,
 * so it cannot be lowered without the tag failing. Two kinds: the database archive and, kept
 * apart under its own passphrase, the key archive (docs/decisions/023-backup-keys-apart.md).
 */
export type ArchiveKind = 'data' | 'keys';
const MAGIC: Record<ArchiveKind, Buffer> = {
  data: Buffer.from('MPBACKUP2\n'),
  keys: Buffer.from('MPKEYS1\n'),
};
export const SCRYPT_COST = { log2N: 17, r: 8, p: 1 } as const;

function deriveKey(passphrase: string, salt: Buffer, log2N: number, r: number, p: number): Buffer {
  const N = 2 ** log2N;
  return crypto.scryptSync(passphrase, salt, 32, { N, r, p, maxmem: 256 * N * r * p });
}

export function encryptArchive(kind: ArchiveKind, payload: unknown, passphrase: string): Buffer {
  const { log2N, r, p } = SCRYPT_COST;
  const header = Buffer.concat([MAGIC[kind], Buffer.from([log2N, r, p])]);
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(
    'aes-256-gcm',
    deriveKey(passphrase, salt, log2N, r, p),
    nonce,
  );
  cipher.setAAD(header);
  const body = Buffer.concat([
    cipher.update(zlib.gzipSync(JSON.stringify(payload))),
    cipher.final(),
  ]);
  return Buffer.concat([header, salt, nonce, cipher.getAuthTag(), body]);
}

export function decryptArchive(kind: ArchiveKind, archive: Buffer, passphrase: string): unknown {
  const magic = MAGIC[kind];
  if (!archive.subarray(0, magic.length).equals(magic))
    throw new Error(
      kind === 'data' ? 'not a Meldpunt backup archive' : 'not a Meldpunt key archive',
    );
  let at = magic.length;
  const [log2N, r, p] = archive.subarray(at, (at += 3));
  // At least the cost we write; at most a little more, so that a crafted header cannot exhaust memory.
  if (
    log2N === undefined ||
    log2N < SCRYPT_COST.log2N ||
    log2N > 20 ||
    r !== 8 ||
    p === undefined ||
    p < 1 ||
    p > 4
  )
    throw new Error('the archive has an unsupported key derivation cost');
  const header = archive.subarray(0, at);
  const salt = archive.subarray(at, (at += 16));
  const nonce = archive.subarray(at, (at += 12));
  const tag = archive.subarray(at, (at += 16));
  return openArchiveBody(
    deriveKey(passphrase, salt, log2N, r, p),
    { nonce, tag, aad: header, body: archive.subarray(at) },
    kind === 'data' ? 'backup' : 'key archive',
  );
}

/** AES-256-GCM open, gunzip and parse of an archive's body (this format's and the earlier release's). */
export function openArchiveBody(
  key: Buffer,
  sealed: { nonce: Buffer; tag: Buffer; aad: Buffer; body: Buffer },
  what: string,
): unknown {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.nonce);
  decipher.setAAD(sealed.aad);
  decipher.setAuthTag(sealed.tag);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(sealed.body), decipher.final()]);
  } catch {
    throw new Error(`the ${what} cannot be decrypted: wrong passphrase or damaged file`);
  }
  return JSON.parse(zlib.gunzipSync(plain).toString('utf8'));
}
