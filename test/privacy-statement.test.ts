import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * The public privacy statement is generated from the team's settings; a coordinator adds the
 * data protection officer's contact and text of the team's own, but cannot remove the facts.
 */
const t = useTestApp();

describe('the privacy statement', () => {
  it("states the team's retention period and referral directory, and takes the team's own text beside them", async () => {
    await t.deps.db
      .updateTable('team')
      .set({ retention_months: 19 })
      .where('id', '=', t.teamId)
      .execute();
    const reporter = new TestClient(t.app, 'nl');
    expect((await reporter.get('/privacy')).status).toBe(200);
    expect(reporter.lastHtml).toContain(
      'bewaart je melding 19 maanden nadat je melding is afgesloten',
    );
    expect(reporter.lastHtml).toContain('Veilig Thuis'); // the shipped directory until the team changes it
    expect(reporter.lastHtml).toContain('je IP-adres: dat slaan we nergens op');
    expect(reporter.lastHtml).toContain('href="https://www.autoriteitpersoonsgegevens.nl"');
    expect(reporter.lastHtml).toContain(
      'Je vindt de contactgegevens op de website van Universiteit',
    );

    const user = await createStaff(t.deps, t.teamId, ['safety_coordinator']);
    const coordinator = new TestClient(t.app, 'nl');
    await coordinator.signIn(user.email, PASSWORD);
    await coordinator.get('/team/privacy');
    const tooLong = await coordinator.post(`/team/privacy?team=${t.teamId}`, {
      dpoContact: 'x'.repeat(501),
    });
    expect(tooLong.status).toBe(422);
    expect(coordinator.lastHtml).toContain('href="#field-dpoContact"');
    const saved = await coordinator.post(`/team/privacy?team=${t.teamId}`, {
      dpoContact: 'fg@uni.example, 030-1234567',
      accessibilityContact: 'toegankelijk@uni.example',
      introNl: 'Welkom bij het meldpunt van de Kapteynlaan.',
      introEn: '',
      extraNl: 'Eerste alinea over de bibliotheek.\n\nTweede alinea over de sportzaal.',
      extraEn: 'Only in English: the library.',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/team/privacy?team=${t.teamId}&notice=saved`);

    await reporter.get('/privacy/students');
    expect(reporter.lastHtml).toContain('<p>Welkom bij het meldpunt van de Kapteynlaan.</p>');
    expect(reporter.lastHtml).not.toContain('Hier lees je welke gegevens dat zijn'); // the generated introduction, replaced
    expect(reporter.lastHtml).toContain(
      'Neem contact op met de functionaris gegevensbescherming: fg@uni.example, 030-1234567',
    );
    expect(reporter.lastHtml).toContain(
      '<p>Eerste alinea over de bibliotheek.</p><p>Tweede alinea over de sportzaal.</p>',
    );
    expect(reporter.lastHtml).toContain('bewaart je melding 19 maanden'); // the facts stay
    const english = new TestClient(t.app, 'en');
    await english.get('/privacy/students');
    expect(english.lastHtml).toContain('keeps your report for 19 months');
    expect(english.lastHtml).toContain('If you make a report to'); // no English introduction written: the generated one
    expect(english.lastHtml).toContain('Only in English: the library.');
    await english.get('/toegankelijkheid');
    expect(english.lastHtml).toContain('toegankelijk@uni.example');
    expect(english.lastHtml).toContain('WCAG) 2.1, level AA');
    expect(english.lastHtml).toContain('drawn up on 4 December 2026'); // a date, not 2026-12-04
    await reporter.get('/toegankelijkheid');
    expect(reporter.lastHtml).toContain('opgesteld op 4 december 2026');

    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'PRIVACY_STATEMENT_UPDATED')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Kapteynlaan');
    expect((await reporter.get('/privacy/nobody')).status).toBe(404);
  });

  it('is offered in the intake before anything is sent', async () => {
    const reporter = new TestClient(t.app, 'nl');
    await reporter.get('/melden');
    expect(reporter.lastHtml).toMatch(/<a href="\/privacy">Lees de privacyverklaring<\/a>/);
  });
});
