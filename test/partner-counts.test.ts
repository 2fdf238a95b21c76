import { describe, expect, it } from 'vitest';
import { importPartnerCounts } from '../src/server/imports/partner-count-import.js';
import { signedIn } from './support/security.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

const form = (o: Record<string, string> = {}) => ({
  team: 'students',
  year: '2025',
  period: 'q1',
  service: 'study_adviser',
  category: 'sexual_violence',
  count: '7',
  ...o,
});

describe('partner counts in the app', () => {
  it('a partner service registers counts per period and category; the annual report adds the periods up, apart from the total', async () => {
    const partner = await signedIn(t.app, t.deps, t.teamId, ['partner_service']);
    await partner.client.get('/partner-counts');
    expect(partner.client.lastHtml).not.toMatch(/name="(name|email|narrative|summary|reporter)/);
    expect((await partner.client.submit('/partner-counts', form())).status).toBe(200);
    expect(partner.client.lastHtml).toContain('Het aantal is opgeslagen.');
    await partner.client.submit('/partner-counts', form({ period: 'q2', count: '4' }));
    await partner.client.submit('/partner-counts', form({ period: 'q2', count: '5' })); // a correction replaces
    await partner.client.submit(
      '/partner-counts',
      form({ period: 'm03', service: 'psychologist', category: '', count: '3' }),
    );
    await importPartnerCounts(t.deps.db, {
      text: 'year,service,category,count\n2025,psychologist,,20\n',
    }); // the contract's year-level import still works
    const table =
      /data-testid="partner-count-table">(.*?)<\/table>/s.exec(partner.client.lastHtml)?.[1] ?? '';
    expect(table).toContain('Kwartaal 1');
    expect(table).toContain('Maand 3');

    const adviser = await signedIn(t.app, t.deps, t.teamId, ['confidential_adviser']);
    const res = await adviser.client.get(
      '/reports/annual/download?team=students&year=2025&format=json',
    );
    const report = (await res.json()) as { total: number; partnerCounts: unknown[] };
    expect(report.total).toBe(0);
    expect(report.partnerCounts).toEqual([
      { service: 'psychologist', category: null, count: 23 },
      { service: 'study_adviser', category: 'sexual_violence', count: 12 },
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('type', '=', 'PARTNER_COUNT_REGISTERED')
      .where('actor_user_id', '=', partner.id)
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('refuses a bad count or period with an error summary and stores nothing', async () => {
    const partner = await signedIn(t.app, t.deps, t.teamId, ['partner_service']);
    await partner.client.get('/partner-counts');
    const before = await t.deps.db.selectFrom('partner_count').select('id').execute();
    for (const [field, bad, message] of [
      ['count', '-1', 'Vul een heel getal in'],
      ['count', 'Jan de Vries', 'Vul een heel getal in'],
      ['period', 'week3', 'Maak een keuze'],
      ['year', '25', 'Vul een jaartal in'],
    ] as const) {
      const res = await partner.client.submit('/partner-counts', form({ [field]: bad }));
      expect(res.status).toBe(422);
      expect(partner.client.lastHtml).toContain(`href="#field-${field}"`);
      expect(partner.client.lastHtml).toContain(message);
    }
    expect(await t.deps.db.selectFrom('partner_count').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('coordinators read the counts but do not register them; the board is refused', async () => {
    const coordinator = await signedIn(t.app, t.deps, t.teamId, ['safety_coordinator']);
    expect((await coordinator.client.get('/partner-counts?year=2025')).status).toBe(200);
    expect(coordinator.client.lastHtml).toContain('data-testid="partner-count-table"');
    expect(coordinator.client.lastHtml).not.toContain('action="/partner-counts" method="post"');
    expect(coordinator.client.lastHtml).not.toContain('method="post" action="/partner-counts"');
    expect((await coordinator.client.submit('/partner-counts', form())).status).toBe(403);
    const board = await signedIn(t.app, t.deps, t.teamId, ['board']);
    expect((await board.client.get('/partner-counts')).status).toBe(403);
  });
});
