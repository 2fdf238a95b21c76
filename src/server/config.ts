import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  MELDPUNT_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  /** Public base URL, used in links sent by e-mail and printed at first run. */
  MELDPUNT_BASE_URL: z.string().url().optional(),
  /** base64 of 32 bytes; when absent the key is kept in the data directory. */
  MELDPUNT_MASTER_KEY: z.string().optional(),
  MELDPUNT_INDEX_KEY: z.string().optional(),
  MELDPUNT_BLIND_INDEX_KEY: z.string().optional(),
  MELDPUNT_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  MELDPUNT_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MELDPUNT_MAIL_FROM: z.string().min(3).default('Meldpunt <no-reply@meldpunt.invalid>'),
  /** Public submissions per minute across all processes (the anonymous-flood budget). */
  MELDPUNT_INTAKE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Where the quick exit ("Snel weg") leads: a neutral site with nothing about help or reporting. */
  MELDPUNT_QUICK_EXIT_URL: z.string().url().default('https://www.knmi.nl/'),
  /** Bearer token for GET /metrics; without it /metrics is off (issue 15 finding 10). */
  MELDPUNT_METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  MELDPUNT_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

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
  intakePerMinute: number;
  quickExitUrl: string;
  metricsToken?: string;
  logLevel: z.infer<typeof Env>['MELDPUNT_LOG_LEVEL'];
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const baseUrl = e.MELDPUNT_BASE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MELDPUNT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    baseUrl: baseUrl.replace(/\/$/, ''),
    masterKey: e.MELDPUNT_MASTER_KEY,
    indexKey: e.MELDPUNT_INDEX_KEY,
    blindIndexKey: e.MELDPUNT_BLIND_INDEX_KEY,
    secureCookies: e.MELDPUNT_SECURE_COOKIES ? e.MELDPUNT_SECURE_COOKIES === 'true' : baseUrl.startsWith('https:'),
    smtpUrl: e.MELDPUNT_SMTP_URL,
    mailFrom: e.MELDPUNT_MAIL_FROM,
    intakePerMinute: e.MELDPUNT_INTAKE_PER_MINUTE,
    quickExitUrl: e.MELDPUNT_QUICK_EXIT_URL,
    metricsToken: e.MELDPUNT_METRICS_TOKEN,
    logLevel: e.MELDPUNT_LOG_LEVEL,
  };
}
