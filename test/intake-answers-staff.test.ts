import { describe, expect, it } from 'vitest';
import { defaultTeamId } from './support/factories.js';
import { caseIdOf, signedIn } from './support/security.js';
import { reportAnonymously } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();

const YEAR = new Date().getUTCFullYear() - 1;

/** The case page's details list as term → value. */
function details(html: string): Record<string, string> {
  const rows = [...html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)];
  return Object.fromEntries(rows.map((m) => [m[1]!, m[2]!]));
}

describe("the intake's answers for staff", () => {
  it('shows when it happened, the preferred channel and on whose behalf on the case page (nl, en) and in the subject export', async () => {
    const { reference } = await reportAnonymously(t.app, [], {
      behalf: 'manager',
      happenedDay: '7',
      happenedMonth: '2',
      happenedYear: String(YEAR),
      channel: 'online_meeting',
    });
    const caseId = await caseIdOf(t.deps, reference);
    const row = await t.deps.db
      .selectFrom('case')
      .select(['happened', 'behalf', 'via', 'preferred_channel'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.happened!.includes(Buffer.from(`${YEAR}-02-07`))).toBe(false); // sealed, not plain
    expect([row.behalf, row.via, row.preferred_channel]).toEqual([
      'manager',
      'staff_member',
      'online_meeting',
    ]);

    const { client: staff } = await signedIn(t.app, t.deps, await defaultTeamId(t.deps), [
      'safety_coordinator',
    ]);
    expect((await staff.get(`/cases/${caseId}`)).status).toBe(200);
    expect(details(staff.lastHtml)).toMatchObject({
      'Namens wie (antwoord melder)': 'Als leidinggevende, voor iemand in mijn team',
      'Wanneer het gebeurde': `${YEAR}-02-07`,
      'Gewenst contact': 'In een online gesprek',
    });
    await staff.get('/lang/en?next=/');
    await staff.get(`/cases/${caseId}`);
    expect(details(staff.lastHtml)).toMatchObject({
      'On whose behalf (reporter’s answer)': 'As a manager, for someone in my team',
      'When it happened': `${YEAR}-02-07`,
    });

    const data = (await (await staff.get(`/cases/${caseId}/subject-export`)).json()) as Record<
      string,
      unknown
    >;
    expect(data).toMatchObject({
      behalf: 'manager',
      via: 'staff_member',
      preferredChannel: 'online_meeting',
      happened: `${YEAR}-02-07`,
    });
  });

  it('shows "none" where the reporter left the optional answers empty', async () => {
    const { reference } = await reportAnonymously(t.app, [], { happenedUnsure: 'yes' });
    const caseId = await caseIdOf(t.deps, reference);
    const { client: staff } = await signedIn(t.app, t.deps, await defaultTeamId(t.deps), [
      'safety_coordinator',
    ]);
    await staff.get(`/cases/${caseId}`);
    const rows = details(staff.lastHtml);
    expect(rows['Namens wie (antwoord melder)']).toBe('Voor mezelf');
    expect(rows['Wanneer het gebeurde']).toBe('—');
    expect(rows['Gewenst contact']).toBe('—');
  });
});
