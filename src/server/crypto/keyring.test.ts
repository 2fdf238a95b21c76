import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
const KEYRING = path.resolve('src/server/crypto/keyring.ts');

describe('the key files of a new data directory', () => {
  it('are the same for processes that start on it at the same moment: one master, one index and one blind-index key', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meldpunt-keyring-'));
    try {
      // Every process waits for the same moment (after all have started) before it looks at the directory.
      const at = Date.now() + 4000;
      const script = `import { loadKeyring } from ${JSON.stringify(KEYRING)};
        while (Date.now() < ${at}) {}
        const k = loadKeyring({ dataDir: ${JSON.stringify(dataDir)} });
        console.log(JSON.stringify([k.currentMasterKeyId, k.indexKey.toString('hex'), k.blindIndexKey.toString('hex')]));`;
      const outputs = await Promise.all(
        Array.from({ length: 6 }, () => run(tsx, ['--eval', script])),
      );
      const seen = new Set(outputs.map((o) => o.stdout.trim()));
      expect(seen.size).toBe(1);
      const files = fs.readdirSync(path.join(dataDir, 'keys')).sort();
      expect(files).toEqual(['blind-index.key', 'index.key', 'master-0-initial.key']);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
