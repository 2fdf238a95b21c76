import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useCliWorkspace } from './cli-workspace.js';
import { createApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { readConfig } from '../../src/server/config.js';
import { addAccusedIdentifiers } from '../../src/server/patterns/identifiers.service.js';
import { reportAnonymously } from '../support/reporter-flow.js';

/**
 * `bin/meldpunt keys rotate-blind-index` as an operator runs it: a child process on a data
 * directory and a fresh database (test/support/database.ts) that a server wrote.
 */
const ws = useCliWorkspace({ prefix: 'cli-blind', env: { MELDPUNT_BLIND_INDEX_KEY: undefined } });
const meldpunt = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => ws.run(args, extraEnv);

/** Opens the database the way the server does, and closes it again. */
async function withDeps<T>(
  work: (deps: Awaited<ReturnType<typeof bootstrap>>) => Promise<T>,
): Promise<T> {
  const deps = await bootstrap(
    readConfig({
      MELDPUNT_DATA_DIR: ws.env.MELDPUNT_DATA_DIR,
      DATABASE_URL: ws.env.DATABASE_URL,
      MELDPUNT_LOG_LEVEL: 'silent',
      MELDPUNT_INTAKE_PER_SESSION: '100000',
      MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: '100000',
    }),
  );
  try {
    return await work(deps);
  } finally {
    await deps.close();
  }
}

const entry = (key: Buffer) =>
  crypto.createHmac('sha256', key).update('accused\0email:j.jansen@uni.nl').digest();

describe('bin/meldpunt keys rotate-blind-index', { timeout: 300_000 }, () => {
  it('writes a new key and re-computes every entry under it; the old key finds nothing; audited as the CLI', async () => {
    const oldKey = await withDeps(async (deps) => {
      const app = createApp(deps);
      for (const value of ['J.Jansen@uni.nl', ' j.jansen@UNI.nl']) {
        const { reference } = await reportAnonymously(app);
        const { id } = await deps.db
          .selectFrom('case')
          .select('id')
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        await deps.db.transaction().execute((trx) =>
          addAccusedIdentifiers(trx, deps.keyring, id, [{ kind: 'email', value }], {
            kind: 'reporter',
          }),
        );
      }
      const rows = await deps.db.selectFrom('accused_identifier').select('blind_index').execute();
      expect(rows.map((r) => r.blind_index.equals(entry(deps.keyring.blindIndexKey)))).toEqual([
        true,
        true,
      ]);
      return deps.keyring.blindIndexKey;
    });

    const r = await meldpunt(['keys', 'rotate-blind-index']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^blind index re-computed: 2 identifiers, \d+ reporter fingerprints\n$/,
    );

    await withDeps(async (deps) => {
      const newKey = deps.keyring.blindIndexKey;
      expect(newKey.equals(oldKey)).toBe(false);
      const rows = await deps.db.selectFrom('accused_identifier').select('blind_index').execute();
      expect(rows.map((x) => x.blind_index.equals(entry(newKey)))).toEqual([true, true]);
      expect(
        await deps.db
          .selectFrom('accused_identifier')
          .select('id')
          .where('blind_index', '=', entry(oldKey))
          .execute(),
      ).toEqual([]);
      const audit = await deps.db
        .selectFrom('audit_event')
        .select(['actor_kind', 'detail'])
        .where('type', '=', 'BLIND_INDEX_ROTATED')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor_kind).toBe('cli');
      expect(audit[0]!.detail).toMatchObject({ identifiers: 2 });
    });
  });

  it('refuses to write a key file when the key comes from the environment, with a one-line reason', async () => {
    const r = await meldpunt(['keys', 'rotate-blind-index'], {
      MELDPUNT_BLIND_INDEX_KEY: crypto.randomBytes(32).toString('base64'),
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/MELDPUNT_BLIND_INDEX_KEY/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
