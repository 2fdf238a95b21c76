import { expect } from 'vitest';
import type { TestClient } from './http-client.js';

/**
 * Climbs the escalation ladder of a case through HTTP up to a request to the board:
 * talk with the person concerned, collegial consultation, Afwegingskader 1 skipped with a reason
 * (the risk page is tested elsewhere), Afwegingskader 2 yes three times, the request (coordinator).
 * The caller finds the request's id (the board's pages do not show the case).
 */
export async function climbToRequest(
  client: TestClient,
  caseId: string,
  today: string,
  share = { proposedPartner: 'police', proposedInfo: 'reporter_identity' },
) {
  const page = `/cases/${caseId}/escalation`;
  const posts: [string, Record<string, string>][] = [
    [
      'steps',
      {
        step: 'discuss_with_person',
        occurredOn: today,
        who: 'Vertrouwenspersoon',
        why: 'Zorg besproken',
      },
    ],
    [
      'steps',
      {
        step: 'collegial_consultation',
        occurredOn: today,
        who: 'Collega vertrouwenspersoon',
        why: 'Zorg gedeeld',
      },
    ],
    ['skip', { rung: 'framework1', reason: 'Al gewogen in het zorgoverleg van vorige week.' }],
    [
      'framework2',
      {
        allOptionsUsed: 'yes',
        consentEffortsMade: 'yes',
        necessaryForRisk: 'yes',
        explanation: 'Geen andere weg; melder stemt in.',
      },
    ],
    [
      'request',
      {
        requestWhat: 'Een medewerker wordt online bedreigd na een mediaoptreden.',
        requestWhy: 'Aangifte is nodig om de dreiging te stoppen.',
        ...share,
      },
    ],
  ];
  for (const [path, form] of posts) {
    await client.get(page);
    const res = await client.post(`${page}/${path}`, form);
    expect(
      res.status,
      `${path}: ${/error-summary[\s\S]*?<\/ul>/.exec(client.lastHtml)?.[0] ?? ''}`,
    ).toBe(303);
  }
}
