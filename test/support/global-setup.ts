import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../../src/server/db/create-db.js';
import { useEmbeddedCluster } from '../../src/server/db/embedded-cluster.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { adminQuery, databaseUrl } from './database.js';

/**
 * Once per test run: the database server (TEST_DATABASE_URL, or an embedded cluster of the
 * run's own in a temporary folder, without fsync) and a template database migrated once.
 * Test files copy the template (test/support/database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: Awaited<ReturnType<typeof useEmbeddedCluster>> | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-test-'));
    cluster = await useEmbeddedCluster(dir, { disposable: true });
    adminUrl = cluster.adminUrl;
  }
  const template = `meldpunt_template_${crypto.randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
  const db = connect(databaseUrl(adminUrl, template));
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide('testDatabase', { adminUrl, template });
  return async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
    await cluster?.release();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
