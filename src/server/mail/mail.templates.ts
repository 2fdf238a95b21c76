import type { Lang } from '../../domain/taxonomy.js';
import type { Mail } from './mailer.js';

/**
 * Every e-mail the application sends, in Dutch and English. Content-free by design: a mail
 * says that something happened and links to the application; it never names a case's
 * category, parties or text, nor the reference (the link is enough).
 */
type Template<P> = Record<Lang, (p: P) => { subject: string; text: string }>;

const FOOTER = {
  nl: '\n\n-- \nDit bericht is automatisch verstuurd door het meldpunt sociale veiligheid. Beantwoord het niet.',
  en: '\n\n-- \nThis message was sent automatically by the social safety reporting point. Do not reply to it.',
};

const invitation: Template<{ link: string; teamName: string; days: number }> = {
  nl: ({ link, teamName, days }) => ({
    subject: 'Uitnodiging voor het meldpunt sociale veiligheid',
    text: `U bent uitgenodigd als medewerker van ${teamName}.\n\nMaak uw account aan via deze link (${days} dagen geldig, eenmalig):\n${link}`,
  }),
  en: ({ link, teamName, days }) => ({
    subject: 'Invitation to the social safety reporting point',
    text: `You have been invited as a staff member of ${teamName}.\n\nCreate your account with this link (valid for ${days} days, once):\n${link}`,
  }),
};

/** For staff: something needs their attention; what it is, they see after signing in. */
const staffNotification: Template<{ link: string }> = {
  nl: ({ link }) => ({
    subject: 'Er staat iets voor u klaar in het meldpunt',
    text: `Er is een nieuwe activiteit die uw aandacht vraagt. Log in om te zien wat het is:\n${link}`,
  }),
  en: ({ link }) => ({
    subject: 'Something is waiting for you at the reporting point',
    text: `There is new activity that needs your attention. Sign in to see what it is:\n${link}`,
  }),
};

/** For a reporter who left an address: a new message is in their mailbox. */
const reporterNotification: Template<{ link: string }> = {
  nl: ({ link }) => ({
    subject: 'Nieuw bericht in je berichtenbox',
    text: `Er is een nieuw bericht voor je. Lees het in je berichtenbox met je persoonlijke code:\n${link}`,
  }),
  en: ({ link }) => ({
    subject: 'New message in your mailbox',
    text: `There is a new message for you. Read it in your mailbox with your personal code:\n${link}`,
  }),
};

/** For the on-call coordinator (issue 11): an urgent report waits; escalated when the previous person did not respond. */
const urgentAlert: Template<{ link: string; escalated: boolean }> = {
  nl: ({ link, escalated }) => ({
    subject: 'Urgente melding: reageer zo snel mogelijk',
    text: `${escalated ? 'Een urgente melding is nog niet bevestigd door de vorige dienstdoende; u bent de volgende op het rooster.\n\n' : ''}Er is een urgente melding voor uw team. Log in, bekijk de melding en bevestig dat u haar oppakt:\n${link}`,
  }),
  en: ({ link, escalated }) => ({
    subject: 'Urgent report: please respond as soon as possible',
    text: `${escalated ? 'An urgent report has not been acknowledged by the previous person on call; you are next on the rota.\n\n' : ''}There is an urgent report for your team. Sign in, look at it and acknowledge that you take it up:\n${link}`,
  }),
};

/** Account recovery: the single-use link to choose a new password (never says who asked). */
const passwordReset: Template<{ link: string; minutes: number }> = {
  nl: ({ link, minutes }) => ({
    subject: 'Nieuw wachtwoord voor het meldpunt sociale veiligheid',
    text: `Er is gevraagd om een nieuw wachtwoord voor uw account. Kies een nieuw wachtwoord via deze link (${minutes} minuten geldig, eenmalig):\n${link}\n\nHebt u dit niet zelf gevraagd? Dan kunt u dit bericht negeren: uw wachtwoord blijft hetzelfde.`,
  }),
  en: ({ link, minutes }) => ({
    subject: 'New password for the social safety reporting point',
    text: `Someone asked for a new password for your account. Choose a new password with this link (valid for ${minutes} minutes, once):\n${link}\n\nDid you not ask for this? Then you can ignore this message: your password stays the same.`,
  }),
};

/** Account recovery: the password was changed through such a link. */
const passwordChanged: Template<{ link: string }> = {
  nl: ({ link }) => ({
    subject: 'Uw wachtwoord is gewijzigd',
    text: `Het wachtwoord van uw account bij het meldpunt is zojuist gewijzigd via een link uit een e-mail, en u bent op elk apparaat uitgelogd. Log in met het nieuwe wachtwoord:\n${link}\n\nHebt u dit niet zelf gedaan? Neem dan direct contact op met een beheerder.`,
  }),
  en: ({ link }) => ({
    subject: 'Your password has been changed',
    text: `The password of your account at the reporting point has just been changed through a link from an e-mail, and you have been signed out on every device. Sign in with the new password:\n${link}\n\nDid you not do this yourself? Then contact an administrator at once.`,
  }),
};

/** Account recovery: an administrator (or the operator) reset the second factor. */
const twoFactorReset: Template<{ link: string }> = {
  nl: ({ link }) => ({
    subject: 'Uw tweestapsverificatie is gereset',
    text: `Een beheerder heeft de tweestapsverificatie van uw account bij het meldpunt gereset: uw authenticator-app, herstelcodes en beveiligingssleutels werken niet meer, en u bent op elk apparaat uitgelogd. Bij de volgende keer inloggen stelt u tweestapsverificatie opnieuw in:\n${link}\n\nHebt u hier niet om gevraagd? Neem dan direct contact op met een beheerder.`,
  }),
  en: ({ link }) => ({
    subject: 'Your two-factor verification has been reset',
    text: `An administrator has reset the two-factor verification of your account at the reporting point: your authenticator app, recovery codes and security keys no longer work, and you have been signed out on every device. At your next sign-in you set up two-factor verification again:\n${link}\n\nDid you not ask for this? Then contact an administrator at once.`,
  }),
};

const templates = {
  invitation,
  staffNotification,
  reporterNotification,
  urgentAlert,
  passwordReset,
  passwordChanged,
  twoFactorReset,
};
export type TemplateName = keyof typeof templates;
type ParamsOf<N extends TemplateName> = Parameters<(typeof templates)[N]['nl']>[0];

export function renderMail<N extends TemplateName>(
  name: N,
  lang: Lang,
  to: string,
  params: ParamsOf<N>,
): Mail {
  const { subject, text } = (
    templates[name][lang] as (p: ParamsOf<N>) => { subject: string; text: string }
  )(params);
  return { to, subject, text: text + FOOTER[lang] };
}
