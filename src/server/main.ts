import { serve } from '@hono/node-server';
import { readConfig } from './config.js';
import { bootstrap } from './bootstrap.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { issueFirstAdminToken } from './auth/auth.service.js';
import { loadDemoData } from './demo/demo.service.js';
import { startScheduler } from './scheduler.js';
import { asPlatform } from './db/tenancy.js';
import { singleSite } from './tenancy/tenancy.js';

/** read config → open db → migrate → serve. The only module with side effects at import. */
const config = readConfig();
const logger = createLogger(config.logLevel);
const deps = await bootstrap(config).catch((err: unknown) => {
  // One line an operator can act on (the database could not start, a setting is wrong, ...).
  process.stderr.write(
    `meldpunt: could not start: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`,
  );
  process.exit(1);
});
// Queries outside an explicit context see nothing (db/tenancy.ts: the fail-closed default).
if ((config.tenancy?.mode ?? 'single') === 'single' && (await singleSite(deps.db)).several)
  logger.warn(
    'several institutions on a single site: every request works in the platform context, without row-level security between them; use host mode (MELDPUNT_TENANCY=host)',
  );
if (process.argv.includes('--demo')) {
  const accounts = await asPlatform(() => loadDemoData(deps.db, deps.keyring));
  if (accounts)
    process.stdout.write(
      `Demo data loaded. Demo accounts (password "${accounts.password}"): ${accounts.emails.join(', ')}\n`,
    );
}
const server = serve(
  { fetch: createApp(deps, { logger }).fetch, port: config.port, hostname: config.host },
  (info) => {
    logger.info({ port: info.port, host: config.host, database: deps.kind }, 'meldpunt listening');
    process.stdout.write(
      `Meldpunt is running at ${config.baseUrl}/ (${deps.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'external PostgreSQL'})\n`,
    );
  },
);
const stopScheduler = startScheduler(deps, logger);
const setupToken = await asPlatform(() => issueFirstAdminToken(deps.db));
if (setupToken) {
  process.stdout.write(
    `\nFirst run: create the first administrator at\n  ${config.baseUrl}/setup/${setupToken}\n(this link works once and expires in 7 days)\n\n`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopScheduler();
    server.close();
    void deps.close().finally(() => process.exit(0));
  });
}
