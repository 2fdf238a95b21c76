import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Key material kept outside the database.
 * - master keys wrap the per-case data keys (AES-256-GCM); the newest one wraps new keys;
 * - the index key makes keyed hashes (receipt codes, CSRF tokens) that cannot be computed
 *   from a database dump.
 * By default both live in `<dataDir>/keys/`, created on first use; the environment may
 * supply them instead (MELDPUNT_MASTER_KEY, MELDPUNT_INDEX_KEY, base64 of 32 bytes).
 */
export interface Keyring {
  currentMasterKeyId: string;
  masterKey(id: string): Buffer;
  indexKey: Buffer;
  /** Blind index of identifiers of the accused (patterns); MELDPUNT_BLIND_INDEX_KEY or keys/blind-index.key. */
  blindIndexKey: Buffer;
}

const KEY_BYTES = 32;

export function loadKeyring(opts: {
  dataDir: string;
  masterKey?: string;
  indexKey?: string;
  blindIndexKey?: string;
}): Keyring {
  const dir = path.join(opts.dataDir, 'keys');
  const masters = new Map<string, Buffer>();
  if (opts.masterKey) {
    const key = decodeKey(opts.masterKey, 'MELDPUNT_MASTER_KEY');
    masters.set(keyId(key), key);
  } else {
    for (const file of listKeyFiles(dir, 'master-')) masters.set(file.id, file.key);
    if (masters.size === 0) {
      // A fixed name for the first key: two processes starting on a new data directory agree on one.
      const key = createKeyFile(dir, 'master-0-initial', crypto.randomBytes(KEY_BYTES));
      masters.set(keyId(key), key);
    }
  }
  const indexKey = opts.indexKey
    ? decodeKey(opts.indexKey, 'MELDPUNT_INDEX_KEY')
    : (listKeyFiles(dir, 'index').at(0)?.key ??
      createKeyFile(dir, 'index', crypto.randomBytes(KEY_BYTES)));
  const blindIndexKey = opts.blindIndexKey
    ? decodeKey(opts.blindIndexKey, 'MELDPUNT_BLIND_INDEX_KEY')
    : (listKeyFiles(dir, 'blind-index.key').at(0)?.key ??
      createKeyFile(dir, 'blind-index', crypto.randomBytes(KEY_BYTES)));
  const newest = [...masters.keys()].at(-1)!;
  return {
    currentMasterKeyId: newest,
    indexKey,
    blindIndexKey,
    masterKey(id) {
      // A key added by `keys rotate` while this process runs: pick it up from the directory,
      // so that running servers keep opening cases whose keys were re-wrapped under it.
      if (!masters.has(id) && !opts.masterKey)
        for (const file of listKeyFiles(dir, 'master-')) masters.set(file.id, file.key);
      const key = masters.get(id);
      if (!key) throw new Error(`master key ${id} is not available`);
      return key;
    },
  };
}

/** A short public fingerprint that names a key without revealing it. */
function keyId(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function decodeKey(b64: string, name: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${name} must be base64 of ${KEY_BYTES} bytes`);
  return key;
}

/** Key files sorted by name, oldest first (names carry their creation time). */
function listKeyFiles(dir: string, prefix: string): { id: string; key: Buffer }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.key'))
    .sort()
    .map((f) => {
      const key = decodeKey(fs.readFileSync(path.join(dir, f), 'utf8').trim(), f);
      return { id: keyId(key), key };
    });
}

/**
 * Creates a key file atomically (written aside, then linked into place): a reader never sees a
 * half-written key, and when another process created the same file first, its key is the one
 * returned, so processes starting together on a new data directory share one key.
 */
function createKeyFile(dir: string, name: string, key: Buffer): Buffer {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${name}.key`);
  const aside = path.join(
    dir,
    `.${name}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
  fs.writeFileSync(aside, key.toString('base64') + '\n', { mode: 0o600 });
  try {
    fs.linkSync(aside, file);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return decodeKey(fs.readFileSync(file, 'utf8').trim(), file);
  } finally {
    fs.rmSync(aside, { force: true });
  }
}
