import type { Lang } from '../../domain/taxonomy.js';
import type { StatementSection } from './privacy-statement.content.js';
import { formatLongDate } from '../../ui/dates.js';

/**
 * The accessibility statement, after the Dutch model (digitoegankelijk.nl, "modelverklaring"):
 * the standard, the compliance status, what is known not to comply, how to report a problem,
 * and the date. Status C ("first measures taken"): the public pages are checked with axe
 * (WCAG 2.1 A/AA) and keyboard journeys on every change, but no independent full audit
 * has been done, and the model reserves A and B for that. Update REVIEWED_ON with the text.
 */
export const ACCESSIBILITY_REVIEWED_ON = '2026-12-04';

export interface AccessibilityContact {
  team: string;
  contact: string | null;
}

export function accessibilitySections(
  institution: string,
  contacts: AccessibilityContact[],
  lang: Lang,
): StatementSection[] {
  const nl = lang === 'nl';
  const contactLines = contacts.map(
    (c) =>
      `${c.team}: ${c.contact ?? (nl ? `via de algemene contactgegevens van ${institution}` : `through the general contact details of ${institution}`)}`,
  );
  return [
    {
      id: 'intent',
      heading: nl
        ? 'Iedereen moet deze website kunnen gebruiken'
        : 'Everyone should be able to use this website',
      paragraphs: [
        nl
          ? `${institution} wil dat iedereen deze website kan gebruiken: met een schermlezer, alleen met het toetsenbord, vergroot, op een telefoon, en ook als JavaScript uit staat.`
          : `${institution} wants everyone to be able to use this website: with a screen reader, with the keyboard only, zoomed in, on a phone, and with JavaScript switched off.`,
      ],
    },
    {
      id: 'standard',
      heading: nl ? 'Welke eisen gelden?' : 'Which requirements apply?',
      paragraphs: [
        nl
          ? 'Deze website moet voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA, zoals vastgelegd in de Europese norm EN 301 549 en het Besluit digitale toegankelijkheid overheid.'
          : 'This website must meet the Web Content Accessibility Guidelines (WCAG) 2.1, level AA, as laid down in the European standard EN 301 549 and the Dutch Digital Accessibility (Government) Decree.',
      ],
    },
    {
      id: 'status',
      heading: nl ? 'Hoe staat het ervoor?' : 'What is the status?',
      paragraphs: [
        nl
          ? "Status C: eerste maatregelen genomen. Bij elke wijziging controleren we alle openbare pagina's, in het Nederlands en in het Engels, automatisch op WCAG 2.1 A en AA (met axe), bedienen we de formulieren alleen met het toetsenbord, en bekijken we ze op een scherm van 320 pixels breed en zonder JavaScript."
          : 'Status C: first measures taken. With every change we automatically check all public pages, in Dutch and in English, against WCAG 2.1 A and AA (with axe), operate the forms with the keyboard only, and view them on a screen 320 pixels wide and without JavaScript.',
        nl
          ? 'Een volledig onderzoek door een onafhankelijke deskundige is nog niet gedaan. Zolang dat er niet is, kunnen we niet zeggen dat de website volledig voldoet.'
          : 'A full audit by an independent expert has not been done yet. Until it has, we cannot say that the website fully complies.',
      ],
    },
    {
      id: 'gaps',
      heading: nl ? 'Wat weten we dat nog niet goed is?' : 'What do we know is not right yet?',
      paragraphs: [nl ? 'Bekende punten:' : 'Known issues:'],
      items: nl
        ? [
            'Automatische controles vinden niet alles. Of teksten duidelijk genoeg zijn en of een schermlezer alles logisch voorleest, is nog niet door mensen met een beperking getest.',
            'Het jaarverslag als pdf- of Word-bestand is niet op toegankelijkheid onderzocht. De cijfers staan ook als tabel op de webpagina.',
            'Inloggen met een beveiligingssleutel (voor medewerkers) werkt alleen met JavaScript. Inloggen met een code uit een app werkt altijd.',
          ]
        : [
            'Automated checks do not find everything. Whether texts are clear enough and whether a screen reader reads everything in a logical order has not yet been tested by people with disabilities.',
            'The annual report as a PDF or Word file has not been checked for accessibility. The figures are also shown as tables on the web page.',
            'Signing in with a security key (for staff) works only with JavaScript. Signing in with a code from an app always works.',
          ],
    },
    {
      id: 'contact',
      heading: nl ? 'Loop je ergens tegenaan?' : 'Is something not working for you?',
      paragraphs: [
        nl
          ? 'Laat het ons weten. We antwoorden binnen 5 werkdagen en lossen het zo snel mogelijk op. Kun je daardoor niet melden? Neem dan direct contact op, dan helpen we je op een andere manier.'
          : 'Let us know. We answer within 5 working days and fix it as soon as we can. If it stops you from making a report, contact us directly and we will help you another way.',
        ...contactLines,
        nl
          ? 'Krijg je geen goed antwoord? Dan kun je je wenden tot de Nationale ombudsman.'
          : 'If you do not get a proper answer, you can turn to the National Ombudsman (Nationale ombudsman).',
      ],
      links: [
        [
          'https://www.nationaleombudsman.nl',
          nl
            ? 'Nationale ombudsman (nationaleombudsman.nl)'
            : 'National Ombudsman (nationaleombudsman.nl)',
        ],
      ],
    },
    {
      id: 'date',
      heading: nl ? 'Datum' : 'Date',
      paragraphs: [
        nl
          ? `Deze verklaring is opgesteld op ${formatLongDate(ACCESSIBILITY_REVIEWED_ON, lang)} en wordt bijgewerkt als de website verandert of na een onderzoek.`
          : `This statement was drawn up on ${formatLongDate(ACCESSIBILITY_REVIEWED_ON, lang)} and is updated when the website changes or after an audit.`,
      ],
    },
  ];
}
