import { afterAll, beforeAll } from 'vitest';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { createTestDeps } from './test-deps.js';
import { defaultTeamId } from './factories.js';
import { startTestSmtp } from './smtp.js';

export type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;
export type TestApp = ReturnType<typeof createApp>;
export type TestSmtp = Awaited<ReturnType<typeof startTestSmtp>>;

export interface TestAppOptions {
  /** Settings as the server would read them, passed to createTestDeps. */
  env?: Record<string, string>;
  /** Start a real SMTP server (test/support/smtp.ts) and point MELDPUNT_SMTP_URL at it. */
  smtp?: boolean;
  /** createApp's options; a function is called in the hook, after the file's earlier beforeAll hooks. */
  app?: AppOptions | (() => AppOptions);
}

export interface TestAppContext {
  deps: TestDeps;
  app: TestApp;
  /** The default team every fresh database has. */
  teamId: string;
}

type WithSmtp<O> = O extends { smtp: true } ? { smtp: TestSmtp } : unknown;

/**
 * The set-up of an HTTP-level test file: a freshly migrated database (createTestDeps), the app
 * on it and the default team, made in beforeAll and disposed of in afterAll. The fields of the
 * returned object are filled in by the hook, so read them inside tests and later hooks only.
 * A file's own set-up goes in its own beforeAll after this call.
 */
export function useTestApp<O extends TestAppOptions>(options?: O): TestAppContext & WithSmtp<O> {
  const t = {} as TestAppContext & { smtp?: TestSmtp };
  beforeAll(async () => {
    if (options?.smtp) t.smtp = await startTestSmtp();
    t.deps = await createTestDeps({
      ...options?.env,
      ...(t.smtp ? { MELDPUNT_SMTP_URL: t.smtp.url } : {}),
    });
    t.app = createApp(t.deps, typeof options?.app === 'function' ? options.app() : options?.app);
    t.teamId = await defaultTeamId(t.deps);
  });
  afterAll(async () => {
    await t.deps?.dispose();
    await t.smtp?.close();
  });
  return t as TestAppContext & WithSmtp<O>;
}
