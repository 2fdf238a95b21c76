import type { Label, Lang } from './taxonomy.js';

/** Dutch and English labels of the fixed vocabularies, keyed by vocabulary and key. */
export const VOCAB_LABELS = {
  channel: {
    web_form: { nl: 'Webformulier', en: 'Web form' },
    appointment: { nl: 'Afspraak', en: 'Appointment' },
    in_person: { nl: 'Persoonlijk gesprek', en: 'In person' },
    online_meeting: { nl: 'Online gesprek', en: 'Online meeting' },
    email: { nl: 'E-mail', en: 'E-mail' },
    phone: { nl: 'Telefoon', en: 'Phone' },
  },
  via: {
    self: { nl: 'Melder zelf', en: 'The reporter' },
    staff_member: { nl: 'Medewerker', en: 'Staff member' },
    board_or_association_contact: {
      nl: 'Bestuur of vertrouwenscontactpersoon vereniging',
      en: 'Association board or contact person',
    },
    other_service: { nl: 'Andere dienst', en: 'Another service' },
    citizen: { nl: 'Burger', en: 'Citizen' },
    other: { nl: 'Anders', en: 'Other' },
  },
  role: {
    student: { nl: 'Student', en: 'Student' },
    phd: { nl: 'Promovendus', en: 'PhD candidate' },
    staff: { nl: 'Medewerker', en: 'Staff member' },
    external: { nl: 'Extern', en: 'External' },
    unknown: { nl: 'Onbekend', en: 'Unknown' },
  },
  gender: {
    female: { nl: 'Vrouw', en: 'Female' },
    male: { nl: 'Man', en: 'Male' },
    non_binary: { nl: 'Non-binair', en: 'Non-binary' },
    not_stated: { nl: 'Niet vermeld', en: 'Not stated' },
  },
  location: {
    campus: { nl: 'Op de campus', en: 'On campus' },
    off_campus: { nl: 'Buiten de campus', en: 'Off campus' },
    online: { nl: 'Online', en: 'Online' },
    unknown: { nl: 'Onbekend', en: 'Unknown' },
  },
  followUp: {
    registration: { nl: 'Registratie', en: 'Registration' },
    advice: { nl: 'Advies', en: 'Advice' },
    informal_intervention: { nl: 'Interventie informeel', en: 'Informal intervention' },
    referral: { nl: 'Verwijzing', en: 'Referral' },
    guidance: { nl: 'Begeleiding', en: 'Guidance' },
    formal_complaint: { nl: 'Formele klacht', en: 'Formal complaint' },
    other: { nl: 'Overige', en: 'Other' },
    open: { nl: 'Nog open', en: 'Still open' },
  },
  relation: {
    student_student: { nl: 'Student – student', en: 'Student – student' },
    student_staff: { nl: 'Student – medewerker', en: 'Student – staff' },
    student_external: { nl: 'Student – extern (burger)', en: 'Student – external (citizen)' },
    staff_staff: { nl: 'Medewerker – medewerker', en: 'Staff – staff' },
    staff_external: { nl: 'Medewerker – extern', en: 'Staff – external' },
    unknown: { nl: 'Onbekend', en: 'Unknown' },
  },
  orgUnit: {
    undefined: { nl: 'Ongedefinieerd', en: 'Undefined' },
  },
  partnerService: {
    study_adviser: { nl: 'Studieadviseurs', en: 'Study advisers' },
    psychologist: { nl: 'Psychologen', en: 'Psychologists' },
  },
  goal: {
    tell: { nl: 'Alleen mijn verhaal vertellen', en: 'Just tell my story' },
    register: { nl: 'Alleen laten registreren', en: 'Only have it registered' },
    advice: { nl: 'Advies krijgen', en: 'Get advice' },
    action: { nl: 'Dat er actie wordt ondernomen', en: 'Have action taken' },
  },
  status: {
    received: { nl: 'Ontvangen', en: 'Received' },
    intake: { nl: 'Intake', en: 'Intake' },
    in_progress: { nl: 'In behandeling', en: 'In progress' },
    aftercare: { nl: 'Nazorg', en: 'Aftercare' },
    closed: { nl: 'Afgesloten', en: 'Closed' },
  },
} satisfies Record<string, Record<string, Label>>;

export type Vocabulary = keyof typeof VOCAB_LABELS;

/** The label of a key, or the key itself when the vocabulary does not know it. */
export function vocabLabel(vocab: Vocabulary, key: string, lang: Lang): string {
  const labels: Record<string, Label> = VOCAB_LABELS[vocab];
  return labels[key]?.[lang] ?? key;
}
