/**
 * Where a conversation can take place. A team starts with the places seeds/001 names (the city
 * centre's Student Service Centre, the Randwyck campus, an online Teams meeting) and changes them.
 */
export interface LocationDefault {
  key: string;
  labelNl: string;
  labelEn: string;
  instructionsNl: string;
  instructionsEn: string;
}

export const DEFAULT_LOCATIONS: LocationDefault[] = [
  {
    key: 'city_centre',
    labelNl: 'Binnenstad (SSC)',
    labelEn: 'City centre (SSC)',
    instructionsNl:
      'Student Service Centre in de binnenstad van Maastricht. Meld je bij de balie; we halen je op.',
    instructionsEn:
      'Student Service Centre in Maastricht city centre. Report to the desk; we will come and fetch you.',
  },
  {
    key: 'randwyck',
    labelNl: 'Campus Randwyck (PHS)',
    labelEn: 'Randwyck campus (PHS)',
    instructionsNl: 'Op de campus Randwyck. De ruimte staat in de bevestiging van je afspraak.',
    instructionsEn: 'On the Randwyck campus. The room is in the confirmation of your appointment.',
  },
  {
    key: 'online',
    labelNl: 'Online (Teams)',
    labelEn: 'Online (Teams)',
    instructionsNl: 'Je krijgt de link naar het Teams-gesprek bij de bevestiging.',
    instructionsEn: 'You receive the link to the Teams meeting with the confirmation.',
  },
];
