import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

describe('the chain check of the audit viewer', () => {
  it('says the trail is intact, and after an event is altered in the database names it as the first broken one', async () => {
    const caseId = await caseIdOf(t.deps, (await submitReport(t.app)).reference);
    const adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    await adviser.client.get(`/cases/${caseId}`);
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    const { client } = coordinator;

    await client.get('/audit');
    expect(client.lastHtml).toContain('action="/audit/chain"');
    expect((await client.get('/audit/chain')).status).toBe(200);
    expect(client.lastHtml).toContain('data-chain="intact"');
    expect(client.lastHtml).toContain('De audittrail is intact');

    // Someone with database access rewrites who read the case.
    const target = await t.deps.db
      .selectFrom('audit_event')
      .select('id')
      .where('type', '=', 'CASE_VIEWED')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_event SET actor_user_id = ${coordinator.id} WHERE id = ${target.id}`.execute(
      t.deps.db,
    );
    await client.get('/audit/chain');
    expect(client.lastHtml).toContain('data-chain="broken"');
    expect(client.lastHtml).toContain(
      `De eerste gebeurtenis die niet klopt is nummer ${target.id} (Melding bekeken,`,
    );
    expect(client.lastHtml).not.toContain('De audittrail is intact');
  });
});
