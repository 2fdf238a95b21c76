import type { Lang } from '../../domain/taxonomy.js';
import { ROLES } from '../../domain/roles.js';
import { translator, type MessageKey } from '../../i18n/i18n.js';
import type { InstallationFacts, TeamFacts } from './privacy-facts.service.js';
import { readThreatModel, type ThreatModelExtract } from './threat-model.js';

/** A document as blocks, rendered to Markdown (privacy-markdown.ts) and Word (privacy-docx.ts). */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'todo'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface PrivacyDocument {
  title: string;
  blocks: Block[];
}

export const DOCUMENT_KINDS = ['register', 'dpia'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const h = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
const p = (text: string): Block => ({ kind: 'paragraph', text });
const todo = (text: string): Block => ({ kind: 'todo', text });
const list = (items: string[]): Block => ({ kind: 'list', items });
const table = (header: string[], rows: string[][]): Block => ({ kind: 'table', header, rows });
type L = (nl: string, en: string) => string;

/** What the software does to protect the data: the same facts docs/security.md maps to ASVS. */
function securityMeasures(f: InstallationFacts, l: L): string[] {
  return [
    l(
      'Inhoud van meldingen (verhaal, identiteiten, notities, berichten, bijlagen) versleuteld met AES-256-GCM, met een eigen sleutel per melding; die sleutels zijn versleuteld met een hoofdsleutel buiten de database.',
      'Case content (narrative, identities, notes, messages, attachments) encrypted with AES-256-GCM under a key per case; those keys are wrapped by a master key kept outside the database.',
    ),
    l(
      'Need-to-know: een melding is alleen zichtbaar voor de toegewezen vertrouwenspersoon en de coördinator van het team; elke route staat in één toegangstabel.',
      'Need to know: a case is visible only to its assigned adviser and the team coordinator; every route is listed in one access table.',
    ),
    l(
      'Elke inzage en wijziging van meldingsgegevens wordt vastgelegd in een audittrail met hash-keten (bin/meldpunt audit verify).',
      'Every read and change of case data is recorded in a hash-chained audit trail (bin/meldpunt audit verify).',
    ),
    f.requireTwoFactor
      ? l(
          'Tweestapsverificatie verplicht voor vertrouwenspersonen, coördinatoren en beheerders (ingeschakeld).',
          'Two-factor sign-in required for advisers, coordinators and administrators (switched on).',
        )
      : l(
          'Tweestapsverificatie beschikbaar; verplichting is NIET ingeschakeld (Beheer › Beveiliging).',
          'Two-factor sign-in available; the requirement is NOT switched on (Administration › Security).',
        ),
    l(
      'Geen IP-adressen in database of logbestanden; logs bevatten geen inhoud van meldingen.',
      'No IP addresses in the database or logs; logs carry no case content.',
    ),
    l(
      'Ontvangstcodes alleen als HMAC opgeslagen; bijlagen opnieuw opgebouwd zonder metadata.',
      'Receipt codes stored only as an HMAC; attachments rebuilt without metadata.',
    ),
    l('E-mails bevatten geen inhoud van meldingen.', 'E-mails carry no case content.'),
    l(
      'Automatisch wissen na de bewaartermijn; alleen anonieme statistiek blijft.',
      'Automatic erasure after the retention period; only anonymous statistics remain.',
    ),
    l(
      'Back-ups versleuteld met een wachtwoordzin (scrypt); sleutels apart bewaard.',
      'Backups encrypted under a passphrase (scrypt); keys kept apart.',
    ),
  ];
}

function teamBlocks(team: TeamFacts, lang: Lang, l: L): Block[] {
  const t = translator(lang);
  const name = team.name[lang];
  return [
    h(2, l(`Team: ${name}`, `Team: ${name}`)),
    p(
      l(
        `Sleutel: ${team.key}. Instelling: ${team.institution}.`,
        `Key: ${team.key}. Institution: ${team.institution}.`,
      ),
    ),
    h(3, l('Bewaartermijn', 'Retention period')),
    p(
      l(
        `${team.retentionMonths} maanden na het afsluiten van een melding; daarna worden inhoud, identiteiten en bestanden gewist en blijft alleen anonieme statistiek over.`,
        `${team.retentionMonths} months after a case is closed; then content, identities and files are erased and only anonymous statistics remain.`,
      ),
    ),
    p(
      l(
        `Termijnen: ontvangstbevestiging binnen ${team.ackDays} dagen, terugkoppeling binnen ${team.feedbackDays} dagen.`,
        `Terms: acknowledgement within ${team.ackDays} days, feedback within ${team.feedbackDays} days.`,
      ),
    ),
    h(
      3,
      l(
        'Categorieën van meldingen (aard van het gedrag)',
        'Categories of reports (kind of behaviour)',
      ),
    ),
    table(
      [l('Categorie', 'Category'), l('Subcategorieën', 'Subtypes')],
      team.categories.map((c) => [
        c.label[lang],
        c.subtypes.map((s) => s.label[lang]).join(', ') || '—',
      ]),
    ),
    h(
      3,
      l(
        'Ontvangers (verwijsgids; alleen met toestemming)',
        'Recipients (referral directory; only with consent)',
      ),
    ),
    table(
      [l('Ontvanger', 'Recipient'), l('Soort', 'Kind')],
      team.partners.map((r) => [
        r.name[lang],
        r.kind === 'internal' ? l('intern', 'internal') : l('extern', 'external'),
      ]),
    ),
    h(3, l('Rollen en toegang', 'Roles and access')),
    table(
      [l('Rol', 'Role'), l('Actieve accounts', 'Active accounts')],
      ROLES.map((r) => [t(`admin.role.${r}` as MessageKey), String(team.roleCounts[r])]),
    ),
    p(
      l(
        `Functionaris gegevensbescherming: ${team.setting.dpoContact ?? 'nog niet ingevuld'}.`,
        `Data protection officer: ${team.setting.dpoContact ?? 'not filled in yet'}.`,
      ),
    ),
  ];
}

const SUBJECTS: [string, string][] = [
  [
    'Melders (studenten, promovendi, medewerkers, derden), ook anoniem',
    'Reporters (students, PhD candidates, staff, third parties), also anonymous',
  ],
  [
    'Beklaagden (de persoon over wie gemeld wordt)',
    'Accused persons (the person a report is about)',
  ],
  [
    'Getuigen en andere betrokkenen die in een melding genoemd worden',
    'Witnesses and others named in a report',
  ],
  [
    'Medewerkers die het systeem gebruiken (vertrouwenspersonen, coördinatoren, beheerders)',
    'Staff who use the system (advisers, coordinators, administrators)',
  ],
];

const DATA: [string, string][] = [
  [
    'Verhaal van de melder, antwoorden op de vragen van het meldformulier, berichten, verslagen, bijlagen',
    "The reporter's account, answers to the intake questions, messages, minutes, attachments",
  ],
  [
    'Naam en contactgegevens van de melder (alleen als gegeven) en gegevens over de beklaagde',
    'Name and contact details of the reporter (only if given) and details of the accused',
  ],
  [
    'Bijzondere persoonsgegevens (art. 9 AVG): seksueel leven, gezondheid, afkomst, godsdienst — afhankelijk van de melding',
    'Special categories (GDPR art. 9): sex life, health, ethnic origin, religion — depending on the report',
  ],
  [
    'Strafrechtelijke gegevens (art. 10 AVG, art. 33 UAVG): bijvoorbeeld aangifte, bedreiging, geweld',
    'Criminal-offence data (GDPR art. 10, UAVG art. 33): e.g. police reports, threats, violence',
  ],
  [
    'Statistische kenmerken: categorie, kanaal, rollen, geslacht, organisatieonderdeel, data, opvolging',
    'Statistical attributes: category, channel, roles, gender, organisation unit, dates, follow-up',
  ],
  [
    'Accountgegevens van medewerkers en de audittrail (wie wat wanneer inzag)',
    'Staff account data and the audit trail (who read what when)',
  ],
];

const PURPOSES: [string, string][] = [
  [
    'Opvangen, adviseren en begeleiden van melders van ongewenst gedrag',
    'Receiving, advising and supporting reporters of undesirable behaviour',
  ],
  [
    'Risico-inschatting en maatregelen bij een onveilige situatie',
    'Risk assessment and measures in an unsafe situation',
  ],
  [
    'Zichtbaar maken van herhaalde meldingen over dezelfde persoon (zonder de anonimiteit te doorbreken)',
    'Making repeated reports about the same person visible (without breaking anonymity)',
  ],
  [
    'Anonieme verantwoording (jaarverslag aan het College van Bestuur)',
    'Anonymous accounting (annual report to the board)',
  ],
  [
    'Beveiliging en controle: audittrail van inzage',
    'Security and oversight: audit trail of access',
  ],
];

const BASES: [string, string][] = [
  [
    'Art. 6 lid 1 sub c en e AVG: wettelijke plicht (zorgplicht Arbowet art. 3 lid 2, psychosociale arbeidsbelasting) en taak van algemeen belang (WHW: veilige leer- en werkomgeving)',
    'GDPR art. 6(1)(c) and (e): legal obligation (Working Conditions Act art. 3(2), psychosocial workload) and public task (Higher Education Act: a safe place to learn and work)',
  ],
  [
    'Art. 9 lid 2 AVG met art. 22 en 30 UAVG: uitdrukkelijke toestemming, arbeidsrechtelijke plichten, vitaal belang bij acuut gevaar, rechtsvorderingen',
    'GDPR art. 9(2) with UAVG art. 22 and 30: explicit consent, employment obligations, vital interests in acute danger, legal claims',
  ],
  [
    'Art. 10 AVG met art. 33 UAVG: strafrechtelijke gegevens voor de eigen organisatie, ter bescherming van medewerkers, studenten en derden',
    "GDPR art. 10 with UAVG art. 33: criminal-offence data for the organisation's own purposes, to protect staff, students and third parties",
  ],
];

function registerDocument(f: InstallationFacts, lang: Lang): PrivacyDocument {
  const l: L = (nl, en) => (lang === 'nl' ? nl : en);
  const institutions = [...new Set(f.teams.map((t) => t.institution))].join(', ');
  const pick = (pairs: [string, string][]) => pairs.map(([nl, en]) => l(nl, en));
  return {
    title: l(
      'Register van verwerkingsactiviteiten (art. 30 AVG) — Meldpunt sociale veiligheid',
      'Record of processing activities (GDPR art. 30) — social safety reporting point',
    ),
    blocks: [
      p(
        l(
          'Gegenereerd uit de configuratie van deze installatie. Controleer en vul aan waar aangegeven.',
          "Generated from this installation's configuration. Check it and complete where marked.",
        ),
      ),
      h(1, l('1. Verwerkingsverantwoordelijke', '1. Controller')),
      p(institutions),
      todo(
        l(
          'Adres en contactgegevens van de verwerkingsverantwoordelijke invullen.',
          "Fill in the controller's address and contact details.",
        ),
      ),
      h(1, l('2. Doeleinden', '2. Purposes')),
      list(pick(PURPOSES)),
      h(1, l('3. Grondslagen', '3. Legal bases')),
      list(pick(BASES)),
      h(1, l('4. Betrokkenen', '4. Data subjects')),
      list(pick(SUBJECTS)),
      h(1, l('5. Persoonsgegevens', '5. Personal data')),
      list(pick(DATA)),
      h(1, l('6. Doorgifte buiten de EER', '6. Transfers outside the EEA')),
      p(
        l(
          'Geen: Meldpunt draait op eigen servers van de instelling en gebruikt geen diensten van derden voor de inhoud.',
          "None: Meldpunt runs on the institution's own servers and uses no third-party services for content.",
        ),
      ),
      todo(
        l(
          'Bevestig de hostinglocatie en de e-mailrelay (MELDPUNT_SMTP_URL).',
          'Confirm the hosting location and the mail relay (MELDPUNT_SMTP_URL).',
        ),
      ),
      h(1, l('7. Beveiligingsmaatregelen', '7. Security measures')),
      list(securityMeasures(f, l)),
      h(
        1,
        l(
          '8. Per team: bewaartermijnen, categorieën, ontvangers, rollen',
          '8. Per team: retention, categories, recipients, roles',
        ),
      ),
      ...f.teams.flatMap((team) => teamBlocks(team, lang, l)),
    ],
  };
}

function dpiaDocument(
  f: InstallationFacts,
  lang: Lang,
  threats: ThreatModelExtract | undefined,
): PrivacyDocument {
  const l: L = (nl, en) => (lang === 'nl' ? nl : en);
  const pick = (pairs: [string, string][]) => pairs.map(([nl, en]) => l(nl, en));
  const toComplete = l(
    'In te vullen door de privacy officer en de functionaris gegevensbescherming.',
    'To be completed by the privacy officer and the data protection officer.',
  );
  return {
    title: l(
      'Data protection impact assessment (DPIA) — startdocument',
      'Data protection impact assessment (DPIA) — starting document',
    ),
    blocks: [
      p(
        l(
          'Dit startdocument volgt de opbouw van het Model DPIA Rijksdienst. De beschrijving van de verwerking is gegenereerd uit de configuratie en het dreigingsmodel (docs/threat-model.md); de beoordeling is mensenwerk.',
          "This starting document follows the structure of the Dutch government's model DPIA. The description of the processing is generated from the configuration and the threat model (docs/threat-model.md); the assessment is for people to make.",
        ),
      ),
      h(1, l('A. Beschrijving van de verwerking', 'A. Description of the processing')),
      h(2, l('Doeleinden', 'Purposes')),
      list(pick(PURPOSES)),
      h(2, l('Betrokkenen', 'Data subjects')),
      list(pick(SUBJECTS)),
      h(2, l('Persoonsgegevens', 'Personal data')),
      list(pick(DATA)),
      h(
        2,
        l(
          'Teams, bewaartermijnen, categorieën en ontvangers',
          'Teams, retention, categories and recipients',
        ),
      ),
      ...f.teams.flatMap((team) => teamBlocks(team, lang, l)),
      h(1, l('B. Rechtmatigheid', 'B. Lawfulness')),
      h(2, l('Grondslagen', 'Legal bases')),
      list(pick(BASES)),
      h(
        2,
        l(
          'Noodzaak, proportionaliteit en subsidiariteit',
          'Necessity, proportionality and subsidiarity',
        ),
      ),
      list([
        l(
          'Anoniem melden is mogelijk; naam en contactgegevens zijn optioneel.',
          'Anonymous reporting is possible; name and contact details are optional.',
        ),
        l(
          'Delen buiten de melding alleen met specifieke, intrekbare toestemming, behalve bij acuut gevaar (met vastgelegde reden).',
          'Sharing outside the case only with specific, revocable consent, except in acute danger (reason recorded).',
        ),
        l(
          'Het expertteam en het bestuur zien alleen geanonimiseerde gegevens of tellingen (met onderdrukking van kleine aantallen).',
          'The expert team and the board see only anonymised data or counts (small cells suppressed).',
        ),
      ]),
      todo(toComplete),
      h(2, l('Rechten van betrokkenen', 'Rights of data subjects')),
      p(
        l(
          'Privacyverklaring per team op /privacy; anonieme melders oefenen hun rechten uit via de postbus met hun ontvangstcode.',
          'Privacy statement per team at /privacy; anonymous reporters use their rights through the mailbox with their receipt code.',
        ),
      ),
      todo(
        l(
          'Beschrijf hoe de informatieplicht (art. 14) aan beklaagden wordt ingevuld en wanneer die wordt uitgesteld.',
          'Describe how the information duty (art. 14) towards accused persons is met and when it is deferred.',
        ),
      ),
      h(1, l("C. Risico's", 'C. Risks')),
      ...(threats
        ? [
            h(
              2,
              l(
                'Wat beschermd wordt (uit het dreigingsmodel)',
                'What is protected (from the threat model)',
              ),
            ),
            table(
              [
                l('Onderdeel', 'Asset'),
                l('Waar', 'Where'),
                l('Waarom het ertoe doet', 'Why it matters'),
              ],
              threats.assets.map((a) => [a.asset, a.where, a.why]),
            ),
            h(
              2,
              l(
                "Restrisico's: waar Meldpunt niet tegen beschermt",
                'Residual risks: what Meldpunt does not protect against',
              ),
            ),
            list(threats.notProtected),
          ]
        : [p(l('Zie docs/threat-model.md.', 'See docs/threat-model.md.'))]),
      todo(
        l(
          'Beoordeel per risico de kans en de ernst voor de betrokkenen.',
          'Assess the likelihood and severity for the data subjects for each risk.',
        ),
      ),
      h(1, l('D. Maatregelen', 'D. Measures')),
      list(securityMeasures(f, l)),
      p(
        l(
          'Datalekken worden vastgelegd in het datalekregister van Meldpunt (Team › Datalekken), met herinneringen voor de meldtermijn van 72 uur.',
          "Breaches are recorded in Meldpunt's breach register (Team › Breaches), with reminders for the 72-hour reporting deadline.",
        ),
      ),
      todo(
        l(
          'Organisatorische maatregelen (geheimhouding, training, autorisatiebeheer) en het advies van de FG toevoegen.',
          "Add organisational measures (confidentiality, training, access management) and the DPO's advice.",
        ),
      ),
    ],
  };
}

export function buildPrivacyDocument(
  kind: DocumentKind,
  facts: InstallationFacts,
  lang: Lang,
): PrivacyDocument {
  return kind === 'register'
    ? registerDocument(facts, lang)
    : dpiaDocument(facts, lang, readThreatModel());
}
