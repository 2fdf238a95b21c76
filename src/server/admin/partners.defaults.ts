/** The referral partners of domain.md; a team starts with these and may change them. */
export interface PartnerDefault {
  key: string;
  kind: 'internal' | 'external';
  nameNl: string;
  nameEn: string;
  phone?: string;
  url?: string;
  /** Shown with the contact in the public guide (issue 18). */
  noteNl?: string;
  noteEn?: string;
}

export const DEFAULT_PARTNERS: PartnerDefault[] = [
  {
    key: 'psychologist',
    kind: 'internal',
    nameNl: 'Studentpsycholoog',
    nameEn: 'Student psychologist',
  },
  { key: 'study_adviser', kind: 'internal', nameNl: 'Studieadviseur', nameEn: 'Study adviser' },
  {
    key: 'ombudsperson',
    kind: 'internal',
    nameNl: 'Ombudsfunctionaris',
    nameEn: 'Ombudsperson',
    noteNl:
      'Onafhankelijk. Voor klachten over een procedure die niet goed is gevolgd. De contactgegevens staan op de website van je instelling.',
    noteEn:
      'Independent. For complaints about a procedure that was not followed properly. The contact details are on your institution\u2019s website.',
  },
  {
    key: 'complaints_office',
    kind: 'internal',
    nameNl: 'Klachtenloket',
    nameEn: 'Complaints office',
  },
  { key: 'hr', kind: 'internal', nameNl: 'HR', nameEn: 'HR' },
  // The team's partners by default in seeds/001 (issue 21): the complaints service point, the staff's central contact point, the dean.
  {
    key: 'csp',
    kind: 'internal',
    nameNl: 'Complaints Service Point (CSP)',
    nameEn: 'Complaints Service Point (CSP)',
  },
  {
    key: 'ccp',
    kind: 'internal',
    nameNl: 'Centraal Contactpunt medewerkers (CCP)',
    nameEn: 'Central Contact Point for staff (CCP)',
  },
  { key: 'dean', kind: 'internal', nameNl: 'Decaan', nameEn: 'Dean' },
  { key: 'security', kind: 'internal', nameNl: 'Beveiliging', nameEn: 'Security' },
  {
    key: 'communications',
    kind: 'internal',
    nameNl: 'Afdeling communicatie',
    nameEn: 'Communications department',
  },
  {
    key: 'police',
    kind: 'external',
    nameNl: 'Politie (incl. zedenpolitie)',
    nameEn: 'Police (incl. vice squad)',
    phone: '0900-8844',
    url: 'https://www.politie.nl',
    noteNl: 'Geen spoed: 0900-8844. Bij spoed: 112.',
    noteEn: 'Not urgent: 0900-8844. Urgent: 112.',
  },
  {
    key: 'emergency_112',
    kind: 'external',
    nameNl: 'Alarmnummer 112',
    nameEn: 'Emergency number 112',
    phone: '112',
    noteNl: 'Bij acuut gevaar: politie, ambulance, brandweer. Dag en nacht.',
    noteEn: 'In acute danger: police, ambulance, fire brigade. Day and night.',
  },
  {
    key: 'gp',
    kind: 'external',
    nameNl: 'Huisarts',
    nameEn: 'General practitioner (GP)',
    noteNl: 'Je eigen huisarts; buiten kantooruren de huisartsenpost.',
    noteEn: 'Your own GP; out of hours, the GP out-of-hours service (huisartsenpost).',
  },
  {
    key: 'veilig_thuis',
    kind: 'external',
    nameNl: 'Veilig Thuis',
    nameEn: 'Veilig Thuis (domestic violence)',
    phone: '0800-2000',
    url: 'https://www.veiligthuis.nl',
    noteNl: 'Gratis, dag en nacht; ook anoniem. Ook als je je zorgen maakt om iemand anders.',
    noteEn:
      'Free, day and night; anonymous if you wish. Also when you are worried about someone else.',
  },
  {
    key: 'centrum_seksueel_geweld',
    kind: 'external',
    nameNl: 'Centrum Seksueel Geweld',
    nameEn: 'Sexual Assault Centre',
    phone: '0800-0188',
    url: 'https://centrumseksueelgeweld.nl',
  },
  {
    key: 'discriminatie_nl',
    kind: 'external',
    nameNl: 'Discriminatie.nl',
    nameEn: 'Discriminatie.nl',
    url: 'https://www.discriminatie.nl',
  },
  {
    key: 'slachtofferhulp',
    kind: 'external',
    nameNl: 'Slachtofferhulp Nederland',
    nameEn: 'Victim Support Netherlands',
    phone: '0900-0101',
    url: 'https://www.slachtofferhulp.nl',
  },
  {
    key: 'zelfmoordpreventie_113',
    kind: 'external',
    nameNl: '113 Zelfmoordpreventie',
    nameEn: '113 Suicide Prevention',
    phone: '0800-0113',
    url: 'https://www.113.nl',
    noteNl: 'Gratis en anoniem, dag en nacht: bel 113 of 0800-0113, of chat op 113.nl.',
    noteEn: 'Free and anonymous, day and night: call 113 or 0800-0113, or chat at 113.nl.',
  },
  {
    key: 'ggd',
    kind: 'external',
    nameNl: 'GGD',
    nameEn: 'Municipal health service (GGD)',
    url: 'https://www.ggd.nl',
  },
  {
    key: 'ggz_crisis',
    kind: 'external',
    nameNl: 'GGZ-crisisdienst',
    nameEn: 'Mental-health crisis service',
  },
  {
    key: 'blijf_groep',
    kind: 'external',
    nameNl: 'Blijf Groep',
    nameEn: 'Blijf Groep',
    url: 'https://www.blijfgroep.nl',
  },
  {
    key: 'eer_en_veiligheid',
    kind: 'external',
    nameNl: 'Kenniscentrum Eer & Veiligheid',
    nameEn: 'Honour & Safety Knowledge Centre',
    phone: '088 234 24 50',
    noteNl:
      'Dag en nacht bereikbaar. Inloopspreekuur op de campus, zonder afspraak (zie de website van je instelling voor de data); volledig vertrouwelijk.',
    noteEn:
      'Available day and night. Walk-in consultation on campus, no appointment needed (see your institution\u2019s website for the dates); fully confidential.',
  },
  {
    key: 'herstelbemiddeling',
    kind: 'external',
    nameNl: 'Perspectief Herstelbemiddeling',
    nameEn: 'Perspectief restorative mediation',
    url: 'https://www.perspectiefherstelbemiddeling.nl',
  },
  // Threats against scientists and journalists (seeds/003): the universities' platform and its model.
  {
    key: 'wetenschapveilig',
    kind: 'external',
    nameNl: 'WetenschapVeilig',
    nameEn: 'WetenschapVeilig (safety of scientists)',
    url: 'https://www.wetenschapveilig.nl',
  },
  {
    key: 'persveilig',
    kind: 'external',
    nameNl: 'PersVeilig',
    nameEn: 'PersVeilig (safety of journalists)',
    url: 'https://www.persveilig.nl',
  },
  {
    key: 'reclassering',
    kind: 'external',
    nameNl: 'Reclassering',
    nameEn: 'Probation service',
    url: 'https://www.reclassering.nl',
  },
];
