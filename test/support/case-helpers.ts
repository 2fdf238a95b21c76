import type { Deps } from '../../src/server/bootstrap.js';
import { createCase, type NewCase } from '../../src/server/cases/cases.service.js';

/** A case created directly through the cases service (as intake does), for tests that need many. */
export async function seedCase(deps: Deps, teamId: string, overrides: Partial<NewCase> = {}) {
  return deps.db.transaction().execute((trx) =>
    createCase(
      trx,
      deps.keyring,
      {
        teamId,
        source: 'staff',
        receivedOn: '2026-01-01',
        channel: 'phone',
        via: 'self',
        reporterRole: 'student',
        reporterGender: 'female',
        category: 'bullying',
        location: 'campus',
        accusedRole: 'student',
        isAnonymous: true,
        narrative: 'Seed narrative',
        ...overrides,
      },
      { kind: 'system' },
    ),
  );
}

export function registrationForm(overrides: Record<string, string> = {}) {
  return {
    receivedOn: '2026-03-02',
    channel: 'phone',
    via: 'board_or_association_contact',
    intermediary: 'Vertrouwenscontactpersoon studievereniging Kwadraat',
    reporterRole: 'student',
    reporterGender: 'female',
    category: 'intimidation',
    subtype: 'sexual',
    location: 'off_campus',
    accusedRole: 'student',
    goal: 'action',
    anonymous: 'no',
    name: 'Sanne Geheimnaam',
    contact: 'sanne.geheim@example.test',
    narrative:
      'Tijdens de borrel van de vereniging werd zij herhaaldelijk betast door een bestuurslid.',
    ...overrides,
  };
}
