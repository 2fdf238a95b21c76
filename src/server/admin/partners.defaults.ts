/** The referral partners of domain.md; a team starts with these and may change them. */
export interface PartnerDefault {
  key: string;
  kind: 'internal' | 'external';
  nameNl: string;
  nameEn: string;
  phone?: string;
  url?: string;
}

export const DEFAULT_PARTNERS: PartnerDefault[] = [
  { key: 'psychologist', kind: 'internal', nameNl: 'Studentpsycholoog', nameEn: 'Student psychologist' },
  { key: 'study_adviser', kind: 'internal', nameNl: 'Studieadviseur', nameEn: 'Study adviser' },
  { key: 'ombudsperson', kind: 'internal', nameNl: 'Ombudsfunctionaris', nameEn: 'Ombudsperson' },
  { key: 'complaints_office', kind: 'internal', nameNl: 'Klachtenloket', nameEn: 'Complaints office' },
  { key: 'hr', kind: 'internal', nameNl: 'HR', nameEn: 'HR' },
  // The team's partners by default in seeds/001 (issue 21): the complaints service point, the staff's central contact point, the dean.
  { key: 'csp', kind: 'internal', nameNl: 'Complaints Service Point (CSP)', nameEn: 'Complaints Service Point (CSP)' },
  { key: 'ccp', kind: 'internal', nameNl: 'Centraal Contactpunt medewerkers (CCP)', nameEn: 'Central Contact Point for staff (CCP)' },
  { key: 'dean', kind: 'internal', nameNl: 'Decaan', nameEn: 'Dean' },
  { key: 'security', kind: 'internal', nameNl: 'Beveiliging', nameEn: 'Security' },
  { key: 'communications', kind: 'internal', nameNl: 'Afdeling communicatie', nameEn: 'Communications department' },
  { key: 'police', kind: 'external', nameNl: 'Politie (incl. zedenpolitie)', nameEn: 'Police (incl. vice squad)', phone: '0900-8844', url: 'https://www.politie.nl' },
  { key: 'veilig_thuis', kind: 'external', nameNl: 'Veilig Thuis', nameEn: 'Veilig Thuis (domestic violence)', phone: '0800-2000', url: 'https://www.veiligthuis.nl' },
  { key: 'centrum_seksueel_geweld', kind: 'external', nameNl: 'Centrum Seksueel Geweld', nameEn: 'Sexual Assault Centre', phone: '0800-0188', url: 'https://centrumseksueelgeweld.nl' },
  { key: 'discriminatie_nl', kind: 'external', nameNl: 'Discriminatie.nl', nameEn: 'Discriminatie.nl', url: 'https://www.discriminatie.nl' },
  { key: 'slachtofferhulp', kind: 'external', nameNl: 'Slachtofferhulp Nederland', nameEn: 'Victim Support Netherlands', phone: '0900-0101', url: 'https://www.slachtofferhulp.nl' },
  { key: 'zelfmoordpreventie_113', kind: 'external', nameNl: '113 Zelfmoordpreventie', nameEn: '113 Suicide Prevention', phone: '0800-0113', url: 'https://www.113.nl' },
  { key: 'ggd', kind: 'external', nameNl: 'GGD', nameEn: 'Municipal health service (GGD)', url: 'https://www.ggd.nl' },
  { key: 'ggz_crisis', kind: 'external', nameNl: 'GGZ-crisisdienst', nameEn: 'Mental-health crisis service' },
  { key: 'blijf_groep', kind: 'external', nameNl: 'Blijf Groep', nameEn: 'Blijf Groep', url: 'https://www.blijfgroep.nl' },
  { key: 'eer_en_veiligheid', kind: 'external', nameNl: 'Kenniscentrum Eer & Veiligheid', nameEn: 'Honour & Safety Knowledge Centre' },
  { key: 'herstelbemiddeling', kind: 'external', nameNl: 'Perspectief Herstelbemiddeling', nameEn: 'Perspectief restorative mediation', url: 'https://www.perspectiefherstelbemiddeling.nl' },
  // Threats against scientists and journalists (seeds/003): the universities' platform and its model.
  { key: 'wetenschapveilig', kind: 'external', nameNl: 'WetenschapVeilig', nameEn: 'WetenschapVeilig (safety of scientists)', url: 'https://www.wetenschapveilig.nl' },
  { key: 'persveilig', kind: 'external', nameNl: 'PersVeilig', nameEn: 'PersVeilig (safety of journalists)', url: 'https://www.persveilig.nl' },
  { key: 'reclassering', kind: 'external', nameNl: 'Reclassering', nameEn: 'Probation service', url: 'https://www.reclassering.nl' },
];
