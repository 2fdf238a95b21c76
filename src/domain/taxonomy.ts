/**
 * The fixed vocabularies of the domain (../shared/domain.md, ../shared/contracts.md).
 * Keys are stable; labels and definitions live here in Dutch and English because the
 * default category set is configuration shipped with the product.
 */

export type Lang = 'nl' | 'en';
export type Label = Record<Lang, string>;

export const CHANNELS = [
  'web_form',
  'appointment',
  'in_person',
  'online_meeting',
  'email',
  'phone',
] as const;
export const VIAS = [
  'self',
  'staff_member',
  'board_or_association_contact',
  'other_service',
  'citizen',
  'other',
] as const;
export const PERSON_ROLES = ['student', 'phd', 'staff', 'external', 'unknown'] as const;
export const GENDERS = ['female', 'male', 'non_binary', 'not_stated'] as const;
export const LOCATIONS = ['campus', 'off_campus', 'online', 'unknown'] as const;
export const FOLLOW_UPS = [
  'registration',
  'advice',
  'informal_intervention',
  'referral',
  'guidance',
  'formal_complaint',
  'other',
] as const;
export const REPORTER_GOALS = ['tell', 'register', 'advice', 'action'] as const;
export const RELATIONS = [
  'student_student',
  'student_staff',
  'student_external',
  'staff_staff',
  'staff_external',
  'unknown',
] as const;

export type Channel = (typeof CHANNELS)[number];
export type Via = (typeof VIAS)[number];
export type PersonRole = (typeof PERSON_ROLES)[number];
export type Gender = (typeof GENDERS)[number];
export type Location = (typeof LOCATIONS)[number];
export type FollowUp = (typeof FOLLOW_UPS)[number];
export type ReporterGoal = (typeof REPORTER_GOALS)[number];
export type Relation = (typeof RELATIONS)[number];

export interface CategoryDefinition {
  key: string;
  label: Label;
  definition: Label;
  subtypes: { key: string; label: Label }[];
}

export const DEFAULT_CATEGORIES: CategoryDefinition[] = [
  {
    key: 'sexual_violence',
    label: { nl: 'Seksueel geweld', en: 'Sexual violence' },
    definition: {
      nl: 'Alle seksuele handelingen die iemand moet uitvoeren of ondergaan in een ongelijkwaardige situatie: aanranding, verkrachting, seksueel misbruik of online misbruik.',
      en: 'Any sexual act someone has to perform or undergo in an unequal situation: assault, rape, sexual abuse or online abuse.',
    },
    subtypes: [
      { key: 'physical', label: { nl: 'Fysiek', en: 'Physical' } },
      { key: 'verbal_online', label: { nl: 'Verbaal/online', en: 'Verbal/online' } },
    ],
  },
  {
    key: 'inappropriate_behaviour',
    label: { nl: 'Ongepast gedrag', en: 'Inappropriate behaviour' },
    definition: {
      nl: 'Gedrag dat niet onder een andere categorie valt, maar niet past binnen de aanvaarde omgangsvormen.',
      en: 'Behaviour that fits no other category but is outside accepted standards of conduct.',
    },
    subtypes: [],
  },
  {
    key: 'unprofessional_behaviour',
    label: { nl: 'Onprofessioneel gedrag', en: 'Unprofessional behaviour' },
    definition: {
      nl: 'Een handeling door een professional die niet in overeenstemming is met de standaarden van het beroep.',
      en: 'An act by a professional that does not meet the standards of the profession.',
    },
    subtypes: [],
  },
  {
    key: 'worrying_behaviour',
    label: { nl: 'Zorgwekkend gedrag', en: 'Worrying behaviour' },
    definition: {
      nl: 'Iemand die de grip op het eigen leven (dreigt te) verliezen, waardoor het risico bestaat dat die zichzelf of anderen schade berokkent.',
      en: 'Someone (at risk of) losing their grip on life, so that they may harm themselves or others.',
    },
    subtypes: [
      {
        key: 'suicidality_confusion',
        label: { nl: 'Suïcidaliteit en verward gedrag', en: 'Suicidality and confused behaviour' },
      },
    ],
  },
  {
    key: 'unequal_treatment',
    label: { nl: 'Ongelijke behandeling', en: 'Unequal treatment' },
    definition: {
      nl: 'Mensen zonder rechtvaardiging ongelijk behandelen, achterstellen of uitsluiten.',
      en: 'Treating people unequally, disadvantaging or excluding them without justification.',
    },
    subtypes: [],
  },
  {
    key: 'intimidation',
    label: { nl: 'Intimidatie', en: 'Intimidation' },
    definition: {
      nl: 'Gedrag waardoor iemand zich bedreigd kan voelen, lichamelijk of psychisch. Seksuele intimidatie is seksueel gedrag dat als ongewenst, bedreigend of vernederend wordt ervaren.',
      en: 'Behaviour that can make someone feel threatened, physically or psychologically. Sexual intimidation is sexual behaviour experienced as unwanted, threatening or humiliating.',
    },
    subtypes: [{ key: 'sexual', label: { nl: 'Seksuele intimidatie', en: 'Sexual intimidation' } }],
  },
  {
    key: 'discrimination',
    label: { nl: 'Discriminatie', en: 'Discrimination' },
    definition: {
      nl: 'Mensen ongelijk behandelen, achterstellen of uitsluiten op basis van persoonlijke kenmerken, zonder rechtvaardiging.',
      en: 'Treating people unequally, disadvantaging or excluding them because of personal characteristics, without justification.',
    },
    subtypes: [],
  },
  {
    key: 'bullying',
    label: { nl: 'Pesten', en: 'Bullying' },
    definition: {
      nl: 'Voortdurend en opzettelijk machtsmisbruik door herhaald verbaal, fysiek of sociaal gedrag, persoonlijk of online.',
      en: 'Continuing, deliberate abuse of power through repeated verbal, physical or social behaviour, in person or online.',
    },
    subtypes: [],
  },
  {
    key: 'stalking',
    label: { nl: 'Stalking', en: 'Stalking' },
    definition: {
      nl: 'Iemand bewust stelselmatig lastigvallen, waardoor die persoon zich niet meer veilig voelt (belaging).',
      en: 'Deliberately and systematically harassing someone so that they no longer feel safe.',
    },
    subtypes: [
      {
        key: 'persistent_complaining',
        label: { nl: 'Langdurig klaaggedrag', en: 'Persistent complaining' },
      },
    ],
  },
  {
    key: 'aggression',
    label: { nl: 'Agressie', en: 'Aggression' },
    definition: {
      nl: 'Verbale agressie (uitschelden, schreeuwen), fysieke agressie (schoppen, duwen, slaan) of psychische agressie (bedreigen, chanteren, vernederen).',
      en: 'Verbal aggression (abuse, shouting), physical aggression (kicking, pushing, hitting) or psychological aggression (threats, blackmail, humiliation).',
    },
    subtypes: [
      { key: 'verbal', label: { nl: 'Verbaal', en: 'Verbal' } },
      { key: 'physical', label: { nl: 'Fysiek', en: 'Physical' } },
      { key: 'psychological', label: { nl: 'Psychisch', en: 'Psychological' } },
    ],
  },
  {
    key: 'threat',
    label: { nl: 'Bedreiging', en: 'Threat' },
    definition: {
      nl: 'Iemand bedreigen met geweld of schade, ook online of na een optreden in de media.',
      en: 'Threatening someone with violence or harm, also online or after a media appearance.',
    },
    subtypes: [
      {
        key: 'after_media_appearance',
        label: { nl: 'Na mediaoptreden', en: 'After a media appearance' },
      },
      { key: 'online_hate', label: { nl: 'Haatreacties', en: 'Online hate' } },
    ],
  },
  {
    key: 'domestic_violence',
    label: { nl: 'Huiselijk geweld', en: 'Domestic violence' },
    definition: {
      nl: 'Geweld door iemand uit de huiselijke kring: (ex-)partner, familielid, huisgenoot.',
      en: 'Violence by someone in the home circle: (ex-)partner, family member, housemate.',
    },
    subtypes: [],
  },
  {
    key: 'honour_violence',
    label: { nl: 'Eergerelateerd geweld', en: 'Honour-related violence' },
    definition: {
      nl: 'Geweld of dwang om de eer van een familie of gemeenschap te herstellen of te beschermen.',
      en: 'Violence or coercion to restore or protect the honour of a family or community.',
    },
    subtypes: [],
  },
  {
    key: 'theft',
    label: { nl: 'Diefstal', en: 'Theft' },
    definition: {
      nl: 'Iemand neemt opzettelijk iets weg dat van een ander is, bijvoorbeeld een laptop, telefoon of onderzoeksgegevens.',
      en: 'Someone deliberately takes something that belongs to someone else, such as a laptop, phone or research data.',
    },
    subtypes: [],
  },
  {
    key: 'burglary',
    label: { nl: 'Inbraak', en: 'Burglary' },
    definition: {
      nl: 'Iemand dringt zonder toestemming een woning, kamer, werkplek of kluis binnen, vaak om iets weg te nemen.',
      en: 'Someone enters a home, room, workplace or locker without permission, often to take something.',
    },
    subtypes: [],
  },
  {
    key: 'other',
    label: { nl: 'Overige', en: 'Other' },
    definition: {
      nl: 'Iets anders, of je weet niet goed onder welke categorie het valt.',
      en: 'Something else, or you are not sure which category fits.',
    },
    subtypes: [],
  },
];

export function findCategory(key: string): CategoryDefinition | undefined {
  return DEFAULT_CATEGORIES.find((c) => c.key === key);
}

export function isSubtypeOf(category: string, subtype: string): boolean {
  return findCategory(category)?.subtypes.some((s) => s.key === subtype) ?? false;
}

/** phd counts as staff for relations (contracts.md). */
function relationSide(role: PersonRole): 'student' | 'staff' | 'external' | 'unknown' {
  return role === 'phd' ? 'staff' : role;
}

/** The unordered pair of reporter and accused role, as the annual report counts it. */
export function deriveRelation(reporter: PersonRole, accused: PersonRole): Relation {
  const sides = [relationSide(reporter), relationSide(accused)].sort();
  const order = ['student', 'staff', 'external'];
  if (sides.includes('unknown')) return 'unknown';
  sides.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const key = `${sides[0]}_${sides[1]}`;
  return (RELATIONS as readonly string[]).includes(key) ? (key as Relation) : 'unknown';
}
