import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyring } from '../src/server/crypto/keyring.js';
import { unwrapDataKey } from '../src/server/crypto/seal.js';
import { findInstitutionKeyRow } from '../src/server/keys/institution-keys.js';
import { keysRotateCommand } from '../src/cli/keys.command.js';
import { defaultTeamId } from './support/factories.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

describe('keys rotate', () => {
  it('re-wraps every case key; afterwards the old key can go and everything opens, and the old key alone opens nothing', async () => {
    const narratives = ['Roteren verhaal een 1a2b', 'Roteren verhaal twee 3c4d'];
    const ids: string[] = [];
    for (const narrative of narratives)
      ids.push(await caseIdOf(t.deps, (await submitReport(t.app, { narrative })).reference));
    const keysDir = path.join(t.deps.config.dataDir, 'keys');
    const oldFiles = fs.readdirSync(keysDir).filter((f) => f.startsWith('master-'));
    const oldId = t.deps.keyring.currentMasterKeyId;

    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (
      out.push(String(s)),
      true
    )) as typeof process.stdout.write;
    try {
      await keysRotateCommand.run(t.deps, []);
    } finally {
      process.stdout.write = write;
    }
    expect(out.join('')).toMatch(/re-wrapped \d+ case keys/);
    const rows = await t.deps.db
      .selectFrom('case_key')
      .select(['case_id', 'master_key_id', 'wrapped_key'])
      .execute();
    const newId = rows[0]!.master_key_id;
    expect(newId).not.toBe(oldId);
    expect(new Set(rows.map((r) => r.master_key_id))).toEqual(new Set([newId]));

    // The running server's keyring picks up the new key: the cases still open over HTTP.
    const coordinator = await signedIn(t.app, t.deps, await defaultTeamId(t.deps), [
      'safety_coordinator',
    ]);
    for (const [i, id] of ids.entries()) {
      await coordinator.client.get(`/cases/${id}`);
      expect(coordinator.client.lastHtml).toContain(narratives[i]);
    }

    // Remove the old key: a fresh keyring (a restarted server) opens every key.
    const oldKeyText = fs.readFileSync(path.join(keysDir, oldFiles[0]!), 'utf8').trim();
    for (const f of oldFiles) fs.rmSync(path.join(keysDir, f));
    // The case keys are wrapped by their institution's key (decision 037), which the rotation
    // re-wrapped under the new platform key.
    const institutionKey = await findInstitutionKeyRow(
      t.deps.db,
      (await t.deps.db.selectFrom('institution').select('id').executeTakeFirstOrThrow()).id,
    );
    expect(institutionKey?.keyId).toBe(newId);
    expect(institutionKey?.masterKeyId).not.toBe(oldId);
    const fresh = loadKeyring({ dataDir: t.deps.config.dataDir });
    for (const r of rows)
      expect(
        unwrapDataKey(fresh, r.case_id, r.master_key_id, r.wrapped_key, institutionKey),
      ).toHaveLength(32);

    // With only the old master key nothing opens.
    const oldOnly = loadKeyring({ dataDir: t.deps.config.dataDir, masterKey: oldKeyText });
    for (const r of rows) {
      expect(() =>
        unwrapDataKey(oldOnly, r.case_id, r.master_key_id, r.wrapped_key, institutionKey),
      ).toThrow();
      expect(() => unwrapDataKey(oldOnly, r.case_id, r.master_key_id, r.wrapped_key)).toThrow();
      expect(() =>
        unwrapDataKey(oldOnly, r.case_id, oldOnly.currentMasterKeyId, r.wrapped_key),
      ).toThrow();
    }
  });
});
