import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { defaultTeamId } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';
import { saveGuideContent } from '../src/server/admin/guide.service.js';
import { savePartner } from '../src/server/admin/partners.service.js';

const t = useTestApp();

describe('the guide and the public pages', () => {
  it('leads to the right place for each need, in Dutch and English', async () => {
    const nl = new TestClient(t.app, 'nl');
    expect((await nl.get('/wegwijzer/advies?need=procedure&who=staff')).status).toBe(200);
    expect(nl.lastHtml).toContain('De ombudsfunctionaris');
    await nl.get('/wegwijzer/advies?need=listen&who=student');
    expect(nl.lastHtml).toContain('Een vertrouwenspersoon');
    expect(nl.lastHtml).toContain('href="/melden"');
    const en = new TestClient(t.app, 'en');
    await en.get('/wegwijzer/advies?need=domestic&who=bystander');
    expect(en.lastHtml).toContain('0800-2000');
    expect(en.lastHtml).toContain('As a bystander');
    await en.get('/wegwijzer/advies?need=suicide&who=phd');
    expect(en.lastHtml).toContain('0800-0113');
  });

  it('asks again with a message per question when an answer is missing or unknown', async () => {
    const en = new TestClient(t.app, 'en');
    expect((await en.get('/wegwijzer/advies?need=nonsense')).status).toBe(422);
    expect(en.lastHtml).toContain('href="#field-need"');
    expect(en.lastHtml).toContain('href="#field-who"');
    expect(en.lastHtml).toContain('Make a choice.');
  });

  it('shows emergency numbers and quick exit on every public page, with no third-party assets', async () => {
    for (const path of ['/', '/wegwijzer', '/melden', '/postbus']) {
      const client = new TestClient(t.app, 'nl');
      const res = await client.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(client.lastHtml).toContain('Bel 112');
      expect(client.lastHtml).toContain('class="quick-exit');
      expect(client.lastHtml).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    }
  });

  it("shows the team's own guide text written by an administrator, and the shipped text where none was written", async () => {
    const teamId = await defaultTeamId(t.deps);
    const en = new TestClient(t.app, 'en');
    await en.get('/wegwijzer');
    const shipped = /<main[\s\S]*?<p>([^<]+)<\/p>/.exec(en.lastHtml)![1]!;
    await t.deps.db
      .transaction()
      .execute((trx) =>
        saveGuideContent(
          trx,
          teamId,
          'nl',
          'Bel ons spreekuur 8f4c op dinsdag.\n\nOf loop binnen in gebouw C.',
          { kind: 'system' },
        ),
      );
    const nl = new TestClient(t.app, 'nl');
    await nl.get('/wegwijzer');
    expect(nl.lastHtml).toContain(
      '<p>Bel ons spreekuur 8f4c op dinsdag.</p><p>Of loop binnen in gebouw C.</p>',
    );
    await en.get('/wegwijzer');
    expect(en.lastHtml).not.toContain('spreekuur 8f4c');
    expect(en.lastHtml).toContain(shipped);
  });
  it("gives every destination its contact from the team's partner directory, which an administrator changes (issue 18)", async () => {
    const nl = new TestClient(t.app, 'nl');
    await nl.get('/wegwijzer/advies?need=honour&who=bystander');
    const destination = /data-testid="destination">([\s\S]*?)<\/section>/.exec(nl.lastHtml)![1]!;
    expect(destination).toContain('Kenniscentrum Eer &amp; Veiligheid');
    expect(destination).toContain('<a href="tel:0882342450">088 234 24 50</a>');
    expect(destination).toContain('Inloopspreekuur');
    const more = /data-testid="more-help">([\s\S]*?)<\/section>/.exec(nl.lastHtml)![1]!;
    for (const shown of [
      'Alarmnummer 112',
      '0800-0113',
      'Veilig Thuis',
      '0800-2000',
      '0900-8844',
      'Huisarts',
      'Ombudsfunctionaris',
    ])
      expect(more).toContain(shown);
    expect(more).not.toContain('088 234 24 50'); // the destination itself is not repeated

    const teamId = await defaultTeamId(t.deps);
    await t.deps.db.transaction().execute(async (trx) => {
      await savePartner(
        trx,
        teamId,
        {
          key: 'eer_en_veiligheid',
          kind: 'external',
          nameNl: 'Kenniscentrum Eer & Veiligheid',
          nameEn: 'Honour & Safety Knowledge Centre',
          phone: '030 111 22 33',
          noteNl: 'Inloop op dinsdag 9c3e',
          isActive: true,
        },
        { kind: 'system' },
      );
      await savePartner(
        trx,
        teamId,
        { key: 'gp', kind: 'external', nameNl: 'Huisarts', nameEn: 'GP', isActive: false },
        { kind: 'system' },
      );
    });
    await nl.get('/wegwijzer/advies?need=honour&who=student');
    expect(nl.lastHtml).toContain('<a href="tel:0301112233">030 111 22 33</a>');
    expect(nl.lastHtml).toContain('Inloop op dinsdag 9c3e');
    expect(nl.lastHtml).not.toContain('088 234 24 50');
    expect(nl.lastHtml).not.toContain('<h3>Huisarts</h3>');
    expect(nl.lastHtml).toContain('Alarmnummer 112'); // the other defaults stay
  });
});
