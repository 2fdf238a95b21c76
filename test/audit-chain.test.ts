import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createApp } from '../src/server/app.js';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';
import { createTestDeps } from './support/test-deps.js';
import { createTeam, defaultTeamId } from './support/factories.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';

type Deps = Awaited<ReturnType<typeof createTestDeps>>;
let deps: Deps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp(deps);
});
let closed = false;
afterAll(async () => {
  // After the CLI test the embedded database is already closed: only its directory is left.
  if (closed) fs.rmSync(deps.config.dataDir, { recursive: true, force: true });
  else await deps.dispose();
});

describe('the audit trail', () => {
  it('shows the coordinator the reads of the team\u2019s cases, and nobody else the viewer', async () => {
    const teamId = await defaultTeamId(deps);
    const caseId = await caseIdOf(deps, (await submitReport(app)).reference);
    const adviser = await signedIn(app, deps, teamId, ['confidential_adviser'], 'Adviseur Auditvisible');
    await adviser.client.get(`/cases/${caseId}`);
    const coordinator = await signedIn(app, deps, teamId, ['safety_coordinator']);
    const res = await coordinator.client.get(`/audit?case=${caseId}`);
    expect(res.status).toBe(200);
    expect(coordinator.client.lastHtml).toContain('CASE_VIEWED');
    expect(coordinator.client.lastHtml).toContain('Adviseur Auditvisible');
    expect(coordinator.client.lastHtml).toContain('data-testid="chain"');
    // A coordinator of another team sees none of it; an adviser may not open the viewer.
    const other = await signedIn(app, deps, await createTeam(deps, `other-${Date.now()}`), ['safety_coordinator']);
    await other.client.get(`/audit?case=${caseId}`);
    expect(other.client.lastHtml).not.toContain('Adviseur Auditvisible');
    expect((await adviser.client.get('/audit')).status).toBe(403);
  });

  it('verifies, and detects a tampered row (service and bin/meldpunt audit verify)', async () => {
    const before = await verifyAuditChain(deps.db);
    expect(before.ok).toBe(true);
    expect(before.checked).toBeGreaterThan(5);
    const target = await deps.db.selectFrom('audit_event').select('id').where('type', '=', 'CASE_VIEWED').executeTakeFirstOrThrow();
    await sql`UPDATE audit_event SET detail = '{"forged":true}' WHERE id = ${target.id}`.execute(deps.db);
    const after = await verifyAuditChain(deps.db);
    expect(after).toMatchObject({ ok: false, brokenAt: target.id });
  });

  it('bin/meldpunt audit verify exits non-zero on the tampered chain, naming the event', async () => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), MELDPUNT_DATA_DIR: deps.config.dataDir };
    if (deps.config.databaseUrl) env.DATABASE_URL = deps.config.databaseUrl;
    const broken = (await verifyAuditChain(deps.db)).brokenAt;
    if (!deps.config.databaseUrl) {
      await deps.close(); // the embedded database admits one process at a time
      closed = true;
    }
    let failed: { status?: number; stderr?: Buffer } | undefined;
    try {
      execFileSync('bin/meldpunt', ['audit', 'verify'], { env, stdio: 'pipe' });
    } catch (err) {
      failed = err as { status?: number; stderr?: Buffer };
    }
    expect(failed?.status).toBe(1);
    expect(String(failed?.stderr)).toContain(`audit chain broken at event ${broken}`);
  });
});
