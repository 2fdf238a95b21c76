import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/**
 * The one place that gives a test a database: a new database copied from the run's migrated
 * template (`CREATE DATABASE … TEMPLATE`, milliseconds), on the embedded cluster the run's
 * global setup started, or on the server TEST_DATABASE_URL names. `drop()` removes it.
 */
export interface FreshDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseServer {
  /** A URL of the server's maintenance database, to create and drop databases. */
  adminUrl: string;
  /** The migrated database every fresh one is copied from. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseServer;
  }
}

export async function freshDatabase(prefix = 'meldpunt_test'): Promise<FreshDatabase> {
  const { adminUrl, template } = inject('testDatabase');
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Runs one statement on the test database server (CREATE/DROP DATABASE). */
export function onTestServer(text: string): Promise<void> {
  return adminQuery(inject('testDatabase').adminUrl, text);
}

/** The URL of database `name` on the test database server. */
export function testDatabaseUrl(name: string): string {
  return databaseUrl(inject('testDatabase').adminUrl, name);
}

/** The URL of database `name` on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
