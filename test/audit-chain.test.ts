import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';
import { createTeam } from './support/factories.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

describe('the audit trail', () => {
  it('shows the coordinator the reads of the team\u2019s cases, and nobody else the viewer', async () => {
    const { reference } = await submitReport(t.app);
    const caseId = await caseIdOf(t.deps, reference);
    const adviser = await signedIn(
      t.app,
      t.deps,
      t.teamId,
      ['confidential_adviser'],
      'Adviseur Auditvisible',
    );
    await adviser.client.get(`/cases/${caseId}`);
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    const res = await coordinator.client.get(`/audit?reference=${reference}`);
    expect(res.status).toBe(200);
    expect(coordinator.client.lastHtml).toContain('Melding bekeken');
    expect(coordinator.client.lastHtml).toContain('Adviseur Auditvisible');
    expect(coordinator.client.lastHtml).toContain('action="/audit/chain"');
    // A coordinator of another team sees none of it; an adviser may not open the viewer.
    const other = await signedIn(t.app, t.deps, await createTeam(t.deps, `other-${Date.now()}`), [
      'safety_coordinator',
    ]);
    await other.client.get(`/audit?reference=${reference}`);
    expect(other.client.lastHtml).not.toContain('Adviseur Auditvisible');
    expect((await adviser.client.get('/audit')).status).toBe(403);
  });

  it('verifies, and detects a tampered row (service and bin/meldpunt audit verify)', async () => {
    const before = await verifyAuditChain(t.deps.db);
    expect(before.ok).toBe(true);
    expect(before.checked).toBeGreaterThan(5);
    const target = await t.deps.db
      .selectFrom('audit_event')
      .select('id')
      .where('type', '=', 'CASE_VIEWED')
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_event SET detail = '{"forged":true}' WHERE id = ${target.id}`.execute(
      t.deps.db,
    );
    const after = await verifyAuditChain(t.deps.db);
    expect(after).toMatchObject({ ok: false, brokenAt: target.id });
  });

  it('bin/meldpunt audit verify exits non-zero on the tampered chain, naming the event', async () => {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      MELDPUNT_DATA_DIR: t.deps.config.dataDir,
      DATABASE_URL: t.deps.config.databaseUrl!,
    };
    const broken = (await verifyAuditChain(t.deps.db)).brokenAt;
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
