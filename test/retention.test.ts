import { describe, expect, it } from 'vitest';
import { importCases } from '../src/server/imports/case-import.service.js';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { runDueJobs } from '../src/server/scheduler.js';
import { buildAnnualFixtureCsv } from './support/annual-fixture.js';
import { caseIdOf, signedIn, submitReport } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

describe('retention', () => {
  it('erases exactly the closed cases past the team\u2019s period, except those on hold, and keeps the statistics', async () => {
    await importCases(t.deps.db, t.deps.keyring, { text: buildAnnualFixtureCsv() });
    await t.deps.db
      .updateTable('team')
      .set({ retention_months: 12 })
      .where('id', '=', t.teamId)
      .execute();
    // A live report with a named reporter and a consent; closed on 2025-03-10.
    const live = await caseIdOf(
      t.deps,
      (
        await submitReport(t.app, {
          anonymous: 'no',
          name: 'Jorien Bewaartermijn',
          contact: 'jorien@example.test',
        })
      ).reference,
    );
    await t.deps.db
      .updateTable('case')
      .set({ received_on: '2025-03-01', closed_on: '2025-03-10', follow_up: 'advice' })
      .where('id', '=', live)
      .execute();
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    await coordinator.client.get(`/cases/${live}/consents`);
    await coordinator.client.submit(`/cases/${live}/consents`, {
      info: 'case_content',
      recipientKind: 'partner',
      recipient: 'police',
      purpose: 'referral',
      obtainedVia: 'conversation',
    });
    // One due case is put on hold.
    const held = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('closed_on', '=', '2025-01-01')
      .where('source', '=', 'import')
      .executeTakeFirstOrThrow();
    await coordinator.client.get(`/cases/${live}/consents`);
    expect(
      (await coordinator.client.post(`/cases/${held.id}/retention-hold`, { hold: 'yes' })).status,
    ).toBe(303);

    const report2025 = await getAnnualReport(t.deps.db, { year: 2025, lang: 'nl' });
    const report2024 = await getAnnualReport(t.deps.db, { year: 2024, lang: 'nl' });
    const now = new Date('2026-06-15T03:00:00Z');
    const due = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('closed_on', '<=', '2025-06-15')
      .where('retention_hold', '=', false)
      .execute();
    expect(due.length).toBeGreaterThan(50);
    expect(await runDueJobs(t.deps, now)).toContain('retention');

    const erased = await t.deps.db
      .selectFrom('case')
      .select('id')
      .where('erased_at', 'is not', null)
      .execute();
    expect(new Set(erased.map((r) => r.id))).toEqual(new Set(due.map((r) => r.id)));
    expect(erased.map((r) => r.id)).toContain(live);
    expect(erased.map((r) => r.id)).not.toContain(held.id);
    // Nothing of the erased cases' content, identities, keys or consents is left; the held one keeps all.
    for (const table of ['case_key', 'case_party', 'consent_grant'] as const) {
      const left = await t.deps.db
        .selectFrom(table)
        .select('case_id')
        .where(
          'case_id',
          'in',
          erased.map((r) => r.id),
        )
        .execute();
      expect(left, table).toHaveLength(0);
    }
    const liveRow = await t.deps.db
      .selectFrom('case')
      .select(['summary', 'category', 'follow_up'])
      .where('id', '=', live)
      .executeTakeFirstOrThrow();
    expect(liveRow).toEqual({ summary: null, category: 'sexual_violence', follow_up: 'advice' });
    expect(
      await t.deps.db
        .selectFrom('case_key')
        .select('case_id')
        .where('case_id', '=', held.id)
        .executeTakeFirst(),
    ).toBeDefined();
    // A deletion log row per erased case; the annual reports are unchanged.
    const log = await t.deps.db.selectFrom('deletion_log').select('case_id').execute();
    expect(log).toHaveLength(erased.length);
    expect(await getAnnualReport(t.deps.db, { year: 2025, lang: 'nl' })).toEqual(report2025);
    expect(await getAnnualReport(t.deps.db, { year: 2024, lang: 'nl' })).toEqual(report2024);
    // Running again erases nothing more.
    await t.deps.db.deleteFrom('job_lease').execute();
    await runDueJobs(t.deps, new Date('2026-06-15T05:00:00Z'));
    expect(await t.deps.db.selectFrom('deletion_log').select('case_id').execute()).toHaveLength(
      erased.length,
    );
  });

  it('exports everything held about a reporter to the coordinator, audited', async () => {
    const id = await caseIdOf(
      t.deps,
      (
        await submitReport(t.app, {
          anonymous: 'no',
          name: 'Sanne Inzage',
          contact: 'sanne@example.test',
          narrative: 'Inzageverhaal 9x',
        })
      ).reference,
    );
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    const res = await coordinator.client.get(`/cases/${id}/subject-export`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as {
      narrative: string;
      identities: { reporter: { name: string } };
    };
    expect(data.narrative).toBe('Inzageverhaal 9x');
    expect(data.identities.reporter.name).toBe('Sanne Inzage');
    const officer = await signedIn(t.app, t.deps, t.teamId, ['support_officer']);
    expect((await officer.client.get(`/cases/${id}/subject-export`)).status).toBe(403);
    const events = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('case_id', '=', id)
      .where('type', '=', 'REPORTER_DATA_EXPORTED')
      .execute();
    expect(events).toHaveLength(1);
  });
});
