import type { Lang } from '../../domain/taxonomy.js';
import { ABSOLUTE_MINUTES, IDLE_MINUTES } from '../mailbox/reporter-session.js';
import type { TeamFacts } from './privacy-facts.service.js';

/**
 * The privacy statement of one team, in plain language (reporter-facing Dutch says "je"),
 * generated from the installation's facts: the controller, the retention period, the referral
 * directory. A team may replace the introduction and add text after it (privacy-settings), but
 * the sections below always say what the software does.
 */
export interface StatementSection {
  id: string;
  heading: string;
  paragraphs: string[];
  items?: string[];
  /** Links shown after the paragraphs: [href, text]. */
  links?: [string, string][];
}

export const AP_URL = 'https://www.autoriteitpersoonsgegevens.nl';

export function statementIntro(f: TeamFacts, lang: Lang): string {
  if (f.setting.intro?.[lang]) return f.setting.intro[lang];
  return lang === 'nl'
    ? `Doe je een melding bij ${f.name.nl}? Dan bewaren we gegevens over jou en over wat er is gebeurd. Hier lees je welke gegevens dat zijn, waarom we ze hebben, hoe lang we ze bewaren, met wie we ze delen en wat je rechten zijn.`
    : `If you make a report to ${f.name.en}, we keep information about you and about what happened. Here you can read which information that is, why we have it, how long we keep it, who we share it with, and what your rights are.`;
}

export function statementSections(f: TeamFacts, lang: Lang): StatementSection[] {
  return lang === 'nl' ? dutch(f) : english(f);
}

function dutch(f: TeamFacts): StatementSection[] {
  const internal = f.partners.filter((p) => p.kind === 'internal').map((p) => p.name.nl);
  const external = f.partners.filter((p) => p.kind === 'external').map((p) => p.name.nl);
  return [
    {
      id: 'controller',
      heading: 'Wie is verantwoordelijk?',
      paragraphs: [
        `${f.institution} is verantwoordelijk voor je gegevens (de "verwerkingsverantwoordelijke"). ${f.name.nl} werkt binnen ${f.institution}. Alleen de vertrouwenspersonen en coördinatoren die jouw melding behandelen, kunnen de inhoud lezen.`,
        f.setting.dpoContact
          ? `Vragen over privacy? Neem contact op met de functionaris gegevensbescherming: ${f.setting.dpoContact}`
          : `Vragen over privacy? ${f.institution} heeft een functionaris gegevensbescherming. Je vindt de contactgegevens op de website van ${f.institution}.`,
      ],
    },
    {
      id: 'purposes',
      heading: 'Waarvoor gebruiken we je gegevens?',
      paragraphs: ['We gebruiken je gegevens alleen om:'],
      items: [
        'naar je te luisteren, je te adviseren en je te helpen, zoals jij dat wilt;',
        'een onveilige situatie op te lossen, als jij dat wilt of als er acuut gevaar is;',
        'te zien of dezelfde persoon vaker wordt gemeld, zonder dat iemand jouw naam ziet;',
        'anonieme tellingen te maken voor het jaarverslag (nooit met namen);',
        'bij te houden wie je melding heeft ingezien, zodat niemand ongemerkt meekijkt.',
      ],
    },
    {
      id: 'legal',
      heading: 'Op welke grond mogen we dit?',
      paragraphs: [
        `${f.institution} moet zorgen voor een veilige omgeving om te studeren en te werken. Daarom mogen we je gegevens gebruiken voor een taak van algemeen belang en om wettelijke plichten na te komen (AVG artikel 6 lid 1 onder c en e, zoals de zorgplicht uit de Arbowet).`,
        'Een melding gaat vaak over gevoelige zaken, zoals seksualiteit, gezondheid, afkomst of geloof ("bijzondere persoonsgegevens", AVG artikel 9), of over strafbare feiten (AVG artikel 10). Die gebruiken we alleen als jij ze zelf vertelt en dat nodig is om je te helpen, of als de wet het toestaat (Uitvoeringswet AVG, artikelen 22, 30 en 33).',
        'Delen met iemand buiten je melding doen we alleen met jouw toestemming. Die toestemming kun je altijd weer intrekken.',
      ],
    },
    {
      id: 'stored',
      heading: 'Wat bewaren we, en wat niet?',
      paragraphs: [
        'We bewaren wat je ons vertelt en stuurt: je verhaal, je antwoorden, berichten, bestanden en afspraken. Je naam en contactgegevens alleen als je die zelf geeft. Alles wat je vertelt, slaan we versleuteld op.',
        'Wat we niet bewaren:',
      ],
      items: [
        'je IP-adres: dat slaan we nergens op, ook niet in logbestanden;',
        'je ontvangstcode: we bewaren alleen een onleesbare controlewaarde;',
        "verborgen gegevens in bestanden (zoals locatie in foto's): die halen we eruit;",
        'je naam, als je anoniem meldt: je kunt dan reageren via je postbus met je ontvangstcode.',
      ],
    },
    {
      id: 'retention',
      heading: 'Hoe lang bewaren we je gegevens?',
      paragraphs: [
        `${f.name.nl} bewaart je melding ${f.retentionMonths} maanden nadat je melding is afgesloten. Daarna wissen we de inhoud, je gegevens en de bestanden. Alleen anonieme tellingen blijven over, bijvoorbeeld voor het jaarverslag.`,
        'Een melding bewaren we alleen langer als dat nodig is, bijvoorbeeld tijdens een klachtprocedure. Dat wordt dan vastgelegd.',
        `Je postbus sluit vanzelf na ${IDLE_MINUTES} minuten zonder activiteit, en na ${ABSOLUTE_MINUTES / 60} uur altijd.`,
      ],
    },
    {
      id: 'recipients',
      heading: 'Met wie delen we je gegevens?',
      paragraphs: [
        'Alleen met jouw toestemming, en alleen wat nodig is. Je kunt dan worden doorverwezen naar:',
        `Binnen ${f.institution}: ${internal.length ? internal.join(', ') : 'niemand'}.`,
        `Buiten ${f.institution}: ${external.length ? external.join(', ') : 'niemand'}.`,
        'Alleen bij acuut gevaar voor jou of voor anderen kunnen we zonder je toestemming iets delen, bijvoorbeeld met de politie of een hulpdienst. We leggen dan vast waarom, en we vertellen het je.',
        'Het expertteam en het bestuur zien nooit je naam: alleen een samenvatting zonder herkenbare gegevens, of tellingen.',
      ],
    },
    {
      id: 'rights',
      heading: 'Wat zijn je rechten?',
      paragraphs: ['Je mag:'],
      items: [
        'inzien welke gegevens we over je hebben;',
        'vragen om iets te verbeteren of aan te vullen;',
        'vragen om je gegevens te wissen;',
        'vragen om minder met je gegevens te doen, of bezwaar maken;',
        'je toestemming intrekken.',
      ],
      links: [['/postbus', 'Naar je postbus']],
    },
    {
      id: 'how',
      heading: 'Hoe gebruik je je rechten?',
      paragraphs: [
        'Heb je anoniem gemeld? Log in op je postbus met je ontvangstcode en stuur ons een bericht. Je hoeft je naam niet te geven.',
        'Heb je met je naam gemeld? Vraag het aan je vertrouwenspersoon, via je postbus of in een gesprek.',
        'We reageren binnen een maand. Kunnen we niet alles doen wat je vraagt, bijvoorbeeld omdat het een ander in gevaar brengt? Dan leggen we uit waarom.',
      ],
    },
    {
      id: 'complaint',
      heading: 'Ben je het er niet mee eens?',
      paragraphs: [
        'Laat het ons eerst weten, dan zoeken we samen een oplossing. Je mag ook altijd een klacht indienen bij de Autoriteit Persoonsgegevens.',
      ],
      links: [[AP_URL, 'Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)']],
    },
  ];
}

function english(f: TeamFacts): StatementSection[] {
  const internal = f.partners.filter((p) => p.kind === 'internal').map((p) => p.name.en);
  const external = f.partners.filter((p) => p.kind === 'external').map((p) => p.name.en);
  return [
    {
      id: 'controller',
      heading: 'Who is responsible?',
      paragraphs: [
        `${f.institution} is responsible for your information (the "controller"). ${f.name.en} works within ${f.institution}. Only the confidential advisers and coordinators who handle your report can read what it says.`,
        f.setting.dpoContact
          ? `Questions about privacy? Contact the data protection officer: ${f.setting.dpoContact}`
          : `Questions about privacy? ${f.institution} has a data protection officer. You can find their contact details on the website of ${f.institution}.`,
      ],
    },
    {
      id: 'purposes',
      heading: 'What do we use your information for?',
      paragraphs: ['We use your information only to:'],
      items: [
        'listen to you, advise you and help you, the way you want;',
        'resolve an unsafe situation, if you want that or if there is acute danger;',
        'see whether the same person is reported more often, without anyone seeing your name;',
        'make anonymous counts for the annual report (never with names);',
        'keep track of who has looked at your report, so nobody can read it unnoticed.',
      ],
    },
    {
      id: 'legal',
      heading: 'What allows us to do this?',
      paragraphs: [
        `${f.institution} must provide a safe place to study and work. That is why we may use your information for a task in the public interest and to meet legal duties (GDPR article 6(1)(c) and (e), such as the duty of care under the Dutch Working Conditions Act).`,
        'A report is often about sensitive matters, such as sexuality, health, ethnic origin or religion ("special categories of personal data", GDPR article 9), or about criminal offences (GDPR article 10). We use these only when you tell us yourself and we need them to help you, or when the law allows it (Dutch GDPR Implementation Act, UAVG, articles 22, 30 and 33).',
        'We share anything outside your report only with your consent. You can always withdraw that consent.',
      ],
    },
    {
      id: 'stored',
      heading: 'What do we keep, and what not?',
      paragraphs: [
        'We keep what you tell and send us: your story, your answers, messages, files and appointments. Your name and contact details only if you give them yourself. Everything you tell us is stored encrypted.',
        'What we do not keep:',
      ],
      items: [
        'your IP address: we do not store it anywhere, not even in log files;',
        'your receipt code: we keep only an unreadable check value;',
        'hidden information in files (such as the location in photos): we remove it;',
        'your name, if you report anonymously: you can then reply through your mailbox with your receipt code.',
      ],
    },
    {
      id: 'retention',
      heading: 'How long do we keep your information?',
      paragraphs: [
        `${f.name.en} keeps your report for ${f.retentionMonths} months after it has been closed. After that we erase what it says, your details and the files. Only anonymous counts remain, for example for the annual report.`,
        'We keep a report longer only when that is necessary, for example during a complaints procedure. This is then recorded.',
        `Your mailbox closes by itself after ${IDLE_MINUTES} minutes without activity, and always after ${ABSOLUTE_MINUTES / 60} hour.`,
      ],
    },
    {
      id: 'recipients',
      heading: 'Who do we share your information with?',
      paragraphs: [
        'Only with your consent, and only what is needed. You can then be referred to:',
        `Within ${f.institution}: ${internal.length ? internal.join(', ') : 'nobody'}.`,
        `Outside ${f.institution}: ${external.length ? external.join(', ') : 'nobody'}.`,
        'Only when there is acute danger to you or to others may we share something without your consent, for example with the police or an emergency service. We then record why, and we tell you.',
        'The expert team and the board never see your name: only a summary without identifying details, or counts.',
      ],
    },
    {
      id: 'rights',
      heading: 'What are your rights?',
      paragraphs: ['You may:'],
      items: [
        'see which information we hold about you;',
        'ask us to correct or complete something;',
        'ask us to erase your information;',
        'ask us to do less with your information, or object;',
        'withdraw your consent.',
      ],
      links: [['/postbus', 'Go to your mailbox']],
    },
    {
      id: 'how',
      heading: 'How do you use your rights?',
      paragraphs: [
        'Did you report anonymously? Sign in to your mailbox with your receipt code and send us a message. You do not have to give your name.',
        'Did you report with your name? Ask your confidential adviser, through your mailbox or in a conversation.',
        'We respond within one month. If we cannot do everything you ask, for example because it would put someone else in danger, we explain why.',
      ],
    },
    {
      id: 'complaint',
      heading: 'Do you disagree?',
      paragraphs: [
        'Please tell us first, so we can look for a solution together. You may also always complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).',
      ],
      links: [[AP_URL, 'Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl)']],
    },
  ];
}
