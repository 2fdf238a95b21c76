import type { Label } from '../../domain/taxonomy.js';

/**
 * The guide ("wegwijzer"): plain questions that lead anyone to the right place. The texts
 * ship with the product; each destination's contact (phone, website, a note such as a walk-in
 * hour) comes from the team's partner directory, which an administrator edits (issue 18).
 */
export const NEEDS = [
  'danger',
  'listen',
  'action',
  'procedure',
  'suicide',
  'domestic',
  'sexual',
  'honour',
] as const;
export const WHO = ['student', 'phd', 'staff', 'bystander'] as const;
export type Need = (typeof NEEDS)[number];
export type Who = (typeof WHO)[number];

export interface Destination {
  title: Label;
  text: Label;
  /** Internal link (a page of this site). */
  href?: string;
  /** The key of the partner (partners.defaults.ts) whose contact is shown. */
  partner?: string;
}

/** Every contact the answer page lists under "more help", in this order (seeds/000, 002, 003). */
export const GUIDE_CONTACTS = [
  'emergency_112',
  'zelfmoordpreventie_113',
  'veilig_thuis',
  'eer_en_veiligheid',
  'centrum_seksueel_geweld',
  'police',
  'gp',
  'ombudsperson',
] as const;

export const NEED_LABELS: Record<Need, Label> = {
  danger: {
    nl: 'Ik of iemand anders is nu in gevaar',
    en: 'I or someone else is in danger right now',
  },
  listen: {
    nl: 'Ik wil mijn verhaal kwijt of advies, vertrouwelijk',
    en: 'I want to tell my story or get advice, confidentially',
  },
  action: {
    nl: 'Er moet iets gebeuren: de situatie is niet veilig',
    en: 'Something must be done: the situation is not safe',
  },
  procedure: {
    nl: 'Een procedure is niet goed gevolgd',
    en: 'A procedure was not followed properly',
  },
  suicide: {
    nl: 'Ik denk aan zelfdoding, of maak me zorgen om iemand',
    en: 'I am thinking about suicide, or worried about someone',
  },
  domestic: { nl: 'Het gaat om geweld thuis', en: 'It is about violence at home' },
  sexual: {
    nl: 'Het gaat om seksueel geweld dat net is gebeurd',
    en: 'It is about sexual violence that just happened',
  },
  honour: { nl: 'Het gaat om eergerelateerd geweld', en: 'It is about honour-related violence' },
};

export const WHO_LABELS: Record<Who, Label> = {
  student: { nl: 'Student', en: 'Student' },
  phd: { nl: 'Promovendus', en: 'PhD candidate' },
  staff: { nl: 'Medewerker', en: 'Staff member' },
  bystander: {
    nl: 'Medestudent, vriend(in), omstander of iemand anders',
    en: 'Fellow student, friend, bystander or someone else',
  },
};

const adviser: Destination = {
  title: { nl: 'Een vertrouwenspersoon', en: 'A confidential adviser' },
  text: {
    nl: 'Een vertrouwenspersoon luistert, denkt met je mee en doet niets zonder jouw toestemming. Je kunt een melding doen, met je naam of anoniem, en een gesprek aanvragen.',
    en: 'A confidential adviser listens, thinks along with you and does nothing without your consent. You can make a report, named or anonymously, and request a conversation.',
  },
  href: '/melden',
};

export const DESTINATIONS: Record<Need, Destination> = {
  danger: {
    title: { nl: 'Bel 112', en: 'Call 112' },
    text: {
      nl: 'Bij acuut gevaar: bel direct 112 (politie, ambulance, brandweer).',
      en: 'In acute danger: call 112 at once (police, ambulance, fire brigade).',
    },
    partner: 'emergency_112',
  },
  listen: adviser,
  action: {
    title: { nl: 'De coördinator sociale veiligheid', en: 'The social safety coordinator' },
    text: {
      nl: 'De coördinator (regiehouder) grijpt in als een situatie onveilig is: maakt een risico-inschatting en een plan van aanpak, samen met jou. Doe een melding en kies "Dat er actie wordt ondernomen".',
      en: 'The coordinator acts when a situation is unsafe: assesses the risk and makes a plan of action, together with you. Make a report and choose "Have action taken".',
    },
    href: '/melden',
  },
  procedure: {
    title: { nl: 'De ombudsfunctionaris', en: 'The ombudsperson' },
    text: {
      nl: 'De ombudsfunctionaris is onafhankelijk en behandelt klachten over procedures die niet goed zijn gevolgd.',
      en: 'The ombudsperson is independent and handles complaints about procedures that were not followed properly.',
    },
    partner: 'ombudsperson',
  },
  suicide: {
    title: { nl: '113 Zelfmoordpreventie', en: '113 Suicide Prevention' },
    text: {
      nl: 'Praat er anoniem over: bel 113 of gratis 0800-0113, dag en nacht.',
      en: 'Talk about it anonymously: call 113 or free 0800-0113, day and night.',
    },
    partner: 'zelfmoordpreventie_113',
  },
  domestic: {
    title: { nl: 'Veilig Thuis', en: 'Veilig Thuis (domestic violence)' },
    text: {
      nl: 'Advies en hulp bij huiselijk geweld en kindermishandeling: bel gratis 0800-2000.',
      en: 'Advice and help with domestic violence and child abuse: call free 0800-2000.',
    },
    partner: 'veilig_thuis',
  },
  sexual: {
    title: { nl: 'Centrum Seksueel Geweld', en: 'Sexual Assault Centre (Centrum Seksueel Geweld)' },
    text: {
      nl: 'Direct na seksueel geweld: medische, psychische en forensische hulp. Bel gratis 0800-0188.',
      en: 'Right after sexual violence: medical, psychological and forensic help. Call free 0800-0188.',
    },
    partner: 'centrum_seksueel_geweld',
  },
  honour: {
    title: { nl: 'Kenniscentrum Eer & Veiligheid', en: 'Honour & Safety Knowledge Centre' },
    text: {
      nl: 'Hulp en advies bij eergerelateerd geweld, ook als je iemand kent die in de knel zit. Wacht niet tot het erger wordt. Bij direct gevaar: bel 112.',
      en: 'Help and advice on honour-related violence, also when you know someone who is in trouble. Do not wait until it gets worse. In immediate danger: call 112.',
    },
    partner: 'eer_en_veiligheid',
  },
};
