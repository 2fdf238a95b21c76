import path from 'node:path';
import { z } from 'zod';
import { readSsoConfig, type SsoConfig } from './sso/sso.config.js';
import type { TenancyConfig } from './tenancy/tenancy.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  MELDPUNT_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  /** Public base URL, used in links sent by e-mail and printed at first run. */
  MELDPUNT_BASE_URL: z.string().url().optional(),
  /** base64 of 32 bytes; when absent the key is kept in the data directory. */
  MELDPUNT_MASTER_KEY: z.string().optional(),
  MELDPUNT_INDEX_KEY: z.string().optional(),
  MELDPUNT_BLIND_INDEX_KEY: z.string().optional(),
  MELDPUNT_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  MELDPUNT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MELDPUNT_MAIL_FROM: z.string().min(3).default('Meldpunt <no-reply@meldpunt.invalid>'),
  /** Where the quick exit ("Snel weg") leads: a neutral site with nothing about help or reporting. */
  MELDPUNT_QUICK_EXIT_URL: z.string().url().default('https://www.knmi.nl/'),
  /** Bearer token for GET /metrics; without it /metrics is off (issue 15 finding 10). */
  MELDPUNT_METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Anti-automation budgets (decision 025, docs/operations.md); none is installation-wide. */
  MELDPUNT_INTAKE_PER_SESSION: z.coerce.number().int().min(1).default(5),
  MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION: z.coerce.number().int().min(1).default(2),
  MELDPUNT_PROOF_COST: z.coerce.number().int().min(1000).max(100_000_000).default(50_000),
  MELDPUNT_SIGN_IN_FAILURES_PER_BROWSER: z.coerce.number().int().min(1).default(5),
  MELDPUNT_MAILBOX_WRITES_PER_HOUR: z.coerce.number().int().min(1).default(30),
  MELDPUNT_APPOINTMENT_REQUESTS_PER_HOUR: z.coerce.number().int().min(1).default(3),
  MELDPUNT_PASSWORD_RESETS_PER_BROWSER: z.coerce.number().int().min(1).default(10),
  MELDPUNT_API_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Institutions as tenants (issue 22): one site (single) or one host name per institution (host). */
  MELDPUNT_TENANCY: z.enum(['single', 'host', 'path']).default('single'),
  /** In host mode, the platform operator's host name; default the host of MELDPUNT_BASE_URL. */
  MELDPUNT_PLATFORM_HOST: z
    .string()
    .regex(/^[a-z0-9.-]+(:[0-9]+)?$/i, 'must be a host name (and port)')
    .optional(),
  MELDPUNT_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** Per browser session, per mailbox or per token, never per installation (decision 025). */
export interface Budgets {
  /** Well-formed reports per browser session per hour with a solved proof of work. */
  intakePerSession: number;
  /** The stricter budget of the path without JavaScript (no proof of work). */
  intakeNoScriptPerSession: number;
  /** The proof of work's largest number (about cost/2 hashes on average); the operator may raise it. */
  proofCost: number;
  signInFailuresPerBrowser: number;
  /** Messages and uploads per mailbox (case) per hour. */
  mailboxWritesPerHour: number;
  appointmentRequestsPerHour: number;
  passwordResetsPerBrowser: number;
  apiPerMinute: number;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  baseUrl: string;
  masterKey?: string;
  indexKey?: string;
  blindIndexKey?: string;
  secureCookies: boolean;
  smtpUrl?: string;
  mailFrom: string;
  quickExitUrl: string;
  metricsToken?: string;
  budgets: Budgets;
  logLevel: z.infer<typeof Env>['MELDPUNT_LOG_LEVEL'];
  /** Single sign-on (MELDPUNT_SSO_*); absent in hand-made test configurations, which means off. */
  sso?: SsoConfig;
  /** How a request's institution is chosen (tenancy/tenancy.ts); absent means single. */
  tenancy?: TenancyConfig;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const baseUrl =
    e.MELDPUNT_BASE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MELDPUNT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    baseUrl: baseUrl.replace(/\/$/, ''),
    masterKey: e.MELDPUNT_MASTER_KEY,
    indexKey: e.MELDPUNT_INDEX_KEY,
    blindIndexKey: e.MELDPUNT_BLIND_INDEX_KEY,
    secureCookies: e.MELDPUNT_SECURE_COOKIES
      ? e.MELDPUNT_SECURE_COOKIES === 'true'
      : baseUrl.startsWith('https:'),
    smtpUrl: e.MELDPUNT_SMTP_URL,
    mailFrom: e.MELDPUNT_MAIL_FROM,
    quickExitUrl: e.MELDPUNT_QUICK_EXIT_URL,
    metricsToken: e.MELDPUNT_METRICS_TOKEN,
    budgets: {
      intakePerSession: e.MELDPUNT_INTAKE_PER_SESSION,
      intakeNoScriptPerSession: e.MELDPUNT_INTAKE_NO_SCRIPT_PER_SESSION,
      proofCost: e.MELDPUNT_PROOF_COST,
      signInFailuresPerBrowser: e.MELDPUNT_SIGN_IN_FAILURES_PER_BROWSER,
      mailboxWritesPerHour: e.MELDPUNT_MAILBOX_WRITES_PER_HOUR,
      appointmentRequestsPerHour: e.MELDPUNT_APPOINTMENT_REQUESTS_PER_HOUR,
      passwordResetsPerBrowser: e.MELDPUNT_PASSWORD_RESETS_PER_BROWSER,
      apiPerMinute: e.MELDPUNT_API_PER_MINUTE,
    },
    logLevel: e.MELDPUNT_LOG_LEVEL,
    sso: readSsoConfig(env, baseUrl.replace(/\/$/, '')),
    tenancy: {
      mode: e.MELDPUNT_TENANCY,
      platformHost: (e.MELDPUNT_PLATFORM_HOST ?? new URL(baseUrl).host).toLowerCase(),
    },
  };
}
