import type { Config } from './config.js';
import { openDb, type OpenedDb } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { secureDataDir } from './db/data-dir.js';
import { serviceUser } from './db/embedded-cluster.js';
import { loadKeyring, type Keyring } from './crypto/keyring.js';
import { ensureDefaultTeam } from './teams/teams.service.js';
import { ensureInstitutionKeys } from './keys/institution-keys.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { asPlatform } from './db/tenancy.js';

export interface Deps extends OpenedDb {
  keyring: Keyring;
  config: Config;
  mailer: Mailer;
}

/** Opens and prepares everything the server and the CLI share: database, schema, keys. */
export async function bootstrap(
  config: Config,
  opts: { allowLegacyPglite?: boolean } = {},
): Promise<Deps> {
  // Private before any key is written; the embedded database's user may pass through it.
  secureDataDir(config.dataDir, config.databaseUrl ? undefined : serviceUser()?.gid);
  const keyring = loadKeyring(config);
  const opened = await openDb({ ...config, ...opts });
  try {
    await migrateToLatest(opened.db);
    await asPlatform(() => ensureDefaultTeam(opened.db)); // creates the first institution
    // Every institution's master key, wrapped by the platform key (decision 037).
    await asPlatform(() => ensureInstitutionKeys(opened.db, keyring));
  } catch (err) {
    await opened.close();
    throw err;
  }
  return { ...opened, keyring, config, mailer: createMailer(config.smtpUrl, config.mailFrom) };
}
