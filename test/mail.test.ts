import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/server/mail/mailer.js';
import { renderMail } from '../src/server/mail/mail.templates.js';
import { startTestSmtp } from './support/smtp.js';

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());

const LINK = 'https://meldpunt.example.nl/cases';

describe('mail templates over SMTP', () => {
  it('delivers an invitation and a notification in the recipient language', async () => {
    const mailer = createMailer(smtp.url, 'Meldpunt <no-reply@example.nl>');
    await mailer.send(
      renderMail('invitation', 'nl', 'anna@example.test', {
        link: 'https://meldpunt.example.nl/invite/abc',
        teamName: 'Team Sociale Veiligheid',
        days: 7,
      }),
    );
    await mailer.send(renderMail('staffNotification', 'en', 'sam@example.test', { link: LINK }));
    await mailer.send(
      renderMail('reporterNotification', 'nl', 'melder@example.test', {
        link: 'https://meldpunt.example.nl/brievenbus',
      }),
    );
    const byTo = (addr: string) => smtp.messages.find((m) => JSON.stringify(m.to).includes(addr))!;
    expect(byTo('anna@example.test').subject).toBe(
      'Uitnodiging voor het meldpunt sociale veiligheid',
    );
    expect(byTo('anna@example.test').text).toContain('https://meldpunt.example.nl/invite/abc');
    expect(byTo('sam@example.test').subject).toBe(
      'Something is waiting for you at the reporting point',
    );
    expect(byTo('sam@example.test').text).toContain('Sign in to see what it is');
    expect(byTo('melder@example.test').subject).toBe('Nieuw bericht in je berichtenbox');
    expect(byTo('sam@example.test').from?.text).toContain('no-reply@example.nl');
  });

  it('keeps every template free of case content: its text depends only on its link and language', () => {
    for (const lang of ['nl', 'en'] as const) {
      for (const name of ['staffNotification', 'reporterNotification'] as const) {
        const mail = renderMail(name, lang, 'x@example.test', { link: LINK });
        const words = mail.text.replace(LINK, '').toLowerCase();
        for (const forbidden of [
          'seksueel',
          'sexual',
          'pesten',
          'bullying',
          'melding 20',
          'reference',
          'kenmerk',
        ])
          expect(words).not.toContain(forbidden);
        expect(mail.text).toContain(LINK);
      }
    }
  });
});
