import type { ProtocolStepDef } from '../db/json-columns.js';

/**
 * The protocols every team starts with (configuration shipped with the product, editable by
 * the team): the domestic-violence reporting code with its Veilig Thuis consultation
 * (seeds/002), a worrying-behaviour protocol (seeds/001, 004) and the action lists after a
 * threat (seeds/003). `categories` attach a protocol to cases of those kinds.
 */
export interface DefaultProtocol {
  key: string;
  title: { nl: string; en: string };
  categories: string[];
  steps: ProtocolStepDef[];
}

const step = (key: string, nl: string, en: string): ProtocolStepDef => ({ key, nl, en });

export const DEFAULT_PROTOCOLS: DefaultProtocol[] = [
  {
    key: 'reporting_code',
    title: { nl: 'Meldcode huiselijk geweld', en: 'Domestic-violence reporting code' },
    categories: ['domestic_violence', 'honour_violence'],
    steps: [
      step('signals', 'Signalen in kaart brengen en vastleggen', 'Map and record the signals'),
      step(
        'consult',
        'Collegiale consultatie en advies vragen aan Veilig Thuis (0800-2000)',
        'Consult a colleague and ask Veilig Thuis (0800-2000) for advice',
      ),
      step('conversation', 'Gesprek met de betrokkene', 'Talk with the person concerned'),
      step(
        'weigh',
        'Het geweld wegen met het afwegingskader (acute of structurele onveiligheid?)',
        'Weigh the violence with the assessment framework (acute or structural unsafety?)',
      ),
      step(
        'decide',
        'Beslissen: melden bij Veilig Thuis en/of hulp organiseren',
        'Decide: report to Veilig Thuis and/or arrange help',
      ),
      step(
        'safety_plan',
        'Veiligheidsplan opstellen met de melder',
        'Make a safety plan with the reporter',
      ),
    ],
  },
  {
    key: 'worrying_behaviour',
    title: { nl: 'Protocol zorgwekkend gedrag', en: 'Worrying-behaviour protocol' },
    categories: ['worrying_behaviour'],
    steps: [
      step(
        'acute',
        'Acuut gevaar uitsluiten (bij acuut gevaar: 112; suïcidaliteit: 113)',
        'Rule out acute danger (acute danger: 112; suicidality: 113)',
      ),
      step('risk', 'Risico-inschatting maken', 'Make a risk assessment'),
      step(
        'consult',
        'Casus geanonimiseerd bespreken met het expertteam',
        'Discuss the case, anonymised, with the expert team',
      ),
      step(
        'handover',
        'Warme overdracht naar zorg (studentpsycholoog, huisarts, GGZ)',
        'Warm handover to care (student psychologist, GP, mental health service)',
      ),
      step(
        'aftercare',
        'Nazorg en vaste contactpersoon afspreken',
        'Agree aftercare and one point of contact',
      ),
    ],
  },
  {
    key: 'threat_institution',
    title: {
      nl: 'Actielijst na bedreiging (instelling)',
      en: 'Action list after a threat (institution)',
    },
    categories: ['threat', 'stalking', 'aggression'],
    steps: [
      step(
        'evidence',
        'Bewijs veiliggesteld (screenshots, berichten, datum en tijd)',
        'Evidence saved (screenshots, messages, date and time)',
      ),
      step(
        'accounts',
        'Accounts beveiligd (wachtwoorden, tweestapsverificatie, privacy-instellingen)',
        'Accounts secured (passwords, two-step verification, privacy settings)',
      ),
      step(
        'police',
        'Aangifte gedaan (door de werkgever namens de medewerker)',
        'Police report filed (by the employer on the employee’s behalf)',
      ),
      step(
        'support',
        'Steunbetuiging van de leiding uitgesproken',
        'Statement of support by management made',
      ),
      step(
        'aftercare',
        'Nazorg ingepland en vaste contactpersoon aangewezen',
        'Aftercare scheduled and one point of contact named',
      ),
    ],
  },
];
