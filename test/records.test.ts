import { describe, expect, it } from 'vitest';
import { getAnnualReport } from '../src/server/reports/reports.service.js';
import { saveOrgUnit } from '../src/server/admin/org-units.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { registrationForm, seedCase } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

/** Issue 19, "what registration and records miss": faculty, risk answers, saved inbox filters, the close form. */

const TODAY = '2026-06-10';
const t = useTestApp({ app: { today: () => TODAY } });

async function signedIn(teamId: string, roles: Parameters<typeof createStaff>[2], name: string) {
  const staff = await createStaff(t.deps, teamId, roles, name);
  const client = new TestClient(t.app, 'nl');
  expect((await client.signIn(staff.email, PASSWORD)).status).toBe(303);
  return { ...staff, client };
}

/** A team of its own with two faculties, as the demo gives its team six. */
async function teamWithFaculties(prefix: string) {
  const key = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const id = await createTeam(t.deps, key);
  await t.deps.db.transaction().execute(async (trx) => {
    await saveOrgUnit(
      trx,
      id,
      { key: 'LAW', labelNl: 'Faculteit der Rechtsgeleerdheid', labelEn: 'Faculty of Law' },
      { kind: 'system' },
    );
    await saveOrgUnit(
      trx,
      id,
      { key: 'FSE', labelNl: 'Faculty of Science and Engineering', labelEn: 'FSE' },
      { kind: 'system' },
    );
  });
  return { id, key };
}

const caseIdOf = (res: Response) => res.headers.get('location')!.split('/').pop()!;

async function orgUnitOf(caseId: string) {
  return (
    await t.deps.db
      .selectFrom('case')
      .select('org_unit_key')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
  ).org_unit_key;
}

describe('the faculty or unit of a case (issue 19)', () => {
  it('is asked at registration, and the annual report counts the case under it instead of "Ongedefinieerd"', async () => {
    const team = await teamWithFaculties('faculty-reg');
    const adviser = await signedIn(team.id, ['confidential_adviser'], 'Femke Faculteit');
    await adviser.client.get('/cases/new');
    expect(adviser.client.lastHtml).toContain('<select id="field-orgUnit" name="orgUnit"');
    expect(adviser.client.lastHtml).toContain(
      '<option value="LAW">Faculteit der Rechtsgeleerdheid</option>',
    );

    // A key the team does not have is refused at its field, and nothing is registered.
    const refused = await adviser.client.post(
      '/cases/new',
      registrationForm({ team: team.id, receivedOn: '2026-06-01', orgUnit: 'SBE' }),
    );
    expect(refused.status).toBe(422);
    expect(adviser.client.lastHtml).toContain('href="#field-orgUnit"');

    const withFaculty = await adviser.client.post(
      '/cases/new',
      registrationForm({ team: team.id, receivedOn: '2026-06-01', orgUnit: 'LAW' }),
    );
    expect(withFaculty.status).toBe(303);
    expect(await orgUnitOf(caseIdOf(withFaculty))).toBe('LAW');
    await adviser.client.get('/cases/new');
    const without = await adviser.client.post(
      '/cases/new',
      registrationForm({ team: team.id, receivedOn: '2026-06-02', orgUnit: '' }),
    );
    expect(without.status).toBe(303);
    expect(await orgUnitOf(caseIdOf(without))).toBeNull();

    const report = await getAnnualReport(t.deps.db, { year: 2026, teamKey: team.key, lang: 'nl' });
    expect(report.total).toBe(2);
    expect(report.byOrgUnit.map((e) => [e.label, e.count])).toEqual(
      expect.arrayContaining([
        ['Faculteit der Rechtsgeleerdheid', 1],
        ['Ongedefinieerd', 1],
      ]),
    );
    expect(report.byOrgUnit).toHaveLength(2);
  });

  it('is changed on the case by a focused action that comes back with a confirmation, audited', async () => {
    const team = await teamWithFaculties('faculty-edit');
    const coordinator = await signedIn(team.id, ['safety_coordinator'], 'Coördinator Eenheid');
    const c = await seedCase(t.deps, team.id, { receivedOn: '2026-06-01' });
    const { client } = coordinator;
    await client.get(`/cases/${c.id}`);
    expect(client.lastHtml).toMatch(/data-testid="org-unit"[\s\S]*?Onbekend<\/dd>/);
    expect(client.lastHtml).toContain('<details class="action" id="action-org-unit">');

    // Another team's faculty key (or anything else) is refused and the action reopens.
    expect((await client.post(`/cases/${c.id}/org-unit`, { orgUnit: 'FHML' })).status).toBe(422);
    expect(client.lastHtml).toContain('<details class="action" id="action-org-unit" open');
    expect(await orgUnitOf(c.id)).toBeNull();

    const res = await client.post(`/cases/${c.id}/org-unit`, { orgUnit: 'FSE' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${c.id}?notice=org-unit`);
    await client.get(res.headers.get('location')!);
    expect(client.lastHtml).toContain('De faculteit of dienst is opgeslagen.');
    expect(client.lastHtml).toMatch(
      /data-testid="org-unit"[\s\S]*?Faculty of Science and Engineering<\/dd>/,
    );
    expect(await orgUnitOf(c.id)).toBe('FSE');

    // Back to not known; saving the same value again changes and audits nothing.
    await client.post(`/cases/${c.id}/org-unit`, { orgUnit: '' });
    await client.get(`/cases/${c.id}`);
    await client.post(`/cases/${c.id}/org-unit`, { orgUnit: '' });
    expect(await orgUnitOf(c.id)).toBeNull();
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['detail', 'actor_user_id'])
      .where('case_id', '=', c.id)
      .where('type', '=', 'CASE_ORG_UNIT_UPDATED')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.detail)).toEqual([
      { from: null, to: 'FSE' },
      { from: 'FSE', to: null },
    ]);
    expect(audit.every((a) => a.actor_user_id === coordinator.id)).toBe(true);
  });

  it('cannot be changed by an adviser of another team', async () => {
    const team = await teamWithFaculties('faculty-other');
    const elsewhere = await teamWithFaculties('faculty-elsewhere');
    const c = await seedCase(t.deps, team.id, { receivedOn: '2026-06-01' });
    const outsider = await signedIn(elsewhere.id, ['safety_coordinator'], 'Buiten Team');
    await outsider.client.get('/cases');
    const res = await outsider.client.post(`/cases/${c.id}/org-unit`, { orgUnit: 'LAW' });
    expect([403, 404]).toContain(res.status);
    expect(await orgUnitOf(c.id)).toBeNull();
  });
});

describe('risk assessments (issue 19)', () => {
  it('start empty, name every unanswered question while keeping what was filled, and show their answers in words', async () => {
    const coordinator = await signedIn(t.teamId, ['safety_coordinator'], 'Coördinator Risico');
    const c = await seedCase(t.deps, t.teamId, { receivedOn: '2026-06-01' });
    const { client } = coordinator;
    await client.get(`/cases/${c.id}/risk`);
    expect(client.lastHtml).toContain('name="person"');
    expect(client.lastHtml).not.toMatch(/<input[^>]*type="radio"[^>]*checked/);

    const partial = await client.post(`/cases/${c.id}/risk`, {
      person: 'serious',
      indicators: 'stalking_following',
      reasoning: 'Volgt haar naar huis.',
    });
    expect(partial.status).toBe(422);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(client.lastHtml)![0];
    expect(summary).toContain(
      'Beantwoord de vraag: Veiligheid van andere studenten en medewerkers.',
    );
    expect(summary).toContain('Beantwoord de vraag: Veiligheid van de omgeving en samenleving.');
    expect(summary).toContain('Beantwoord de vraag: Risiconiveau.');
    expect(summary).not.toContain('Veiligheid van de betrokkene');
    expect(summary).not.toContain('Onderbouwing');
    expect(client.lastHtml).toMatch(/<input[^>]*name="person"[^>]*value="serious"[^>]*checked/);
    expect(client.lastHtml).toMatch(
      /<input[^>]*name="indicators"[^>]*value="stalking_following"[^>]*checked/,
    );
    expect(client.lastHtml).toContain('Volgt haar naar huis.');
    expect(
      await t.deps.db
        .selectFrom('risk_assessment')
        .select('id')
        .where('case_id', '=', c.id)
        .execute(),
    ).toHaveLength(0);

    // Nothing at all: every question named, and the reasoning.
    await client.get(`/cases/${c.id}/risk`);
    expect((await client.post(`/cases/${c.id}/risk`, {})).status).toBe(422);
    const all = /<div class="error-summary"[\s\S]*?<\/div>/.exec(client.lastHtml)![0];
    expect([...all.matchAll(/<li><a href="#field-(\w+)">/g)].map((m) => m[1])).toEqual([
      'person',
      'others',
      'environment',
      'level',
      'reasoning',
    ]);
    expect(all).toContain('Beantwoord de vraag: Veiligheid van de betrokkene.');
    expect(all).toContain('Vul in: Onderbouwing.');

    const done = await client.post(`/cases/${c.id}/risk`, {
      person: 'serious',
      others: 'concern',
      environment: 'none',
      indicators: 'stalking_following',
      level: 'high',
      reasoning: 'Volgt haar naar huis.',
    });
    expect(done.status).toBe(303);
    await client.get(`/cases/${c.id}/risk`);
    const answers = /data-testid="risk-answers"[\s\S]*?<\/dl>/.exec(client.lastHtml)![0];
    expect(answers).toContain('<dt>Veiligheid van de betrokkene</dt><dd>Ernstige zorg</dd>');
    expect(answers).toContain(
      '<dt>Veiligheid van andere studenten en medewerkers</dt><dd>Zorg</dd>',
    );
    expect(answers).toContain(
      '<dt>Veiligheid van de omgeving en samenleving</dt><dd>Geen zorg</dd>',
    );
    expect(answers).toContain('<dt>Acuut risico</dt><dd>niets aangevinkt</dd>');
    expect(answers).toContain('<dt>Signalen</dt><dd>Volgen of opwachten</dd>');
    expect(answers).not.toMatch(/stalking_following|serious|concern/);
    // The new assessment below the history starts empty again.
    expect(client.lastHtml).not.toMatch(/<input[^>]*type="radio"[^>]*checked/);
  });
});

describe('saved inbox filters (issue 19)', () => {
  it('are saved by name, found as links that reproduce the filter, and seen and deleted only by their owner', async () => {
    const team = await teamWithFaculties('filters');
    const mine = await signedIn(team.id, ['safety_coordinator'], 'Fleur Filter');
    const colleague = await signedIn(team.id, ['confidential_adviser'], 'Collega Zonderfilter');
    const open = await seedCase(t.deps, team.id, { receivedOn: '2026-06-01' });
    const closed = await seedCase(t.deps, team.id, { receivedOn: '2026-06-02' });
    await t.deps.db
      .updateTable('case')
      .set({ status: 'closed', next_due_on: null })
      .where('id', '=', closed.id)
      .execute();

    const { client } = mine;
    await client.get('/cases?status=closed');
    expect(client.lastHtml).not.toContain('data-testid="saved-filters"');
    expect(client.lastHtml).toContain('<input type="hidden" name="status" value="closed"');
    // No name: refused at its field, the form open again.
    expect(
      (await client.post('/cases/filters', { status: 'closed', filterName: ' ' })).status,
    ).toBe(422);
    expect(client.lastHtml).toContain('href="#field-filterName"');

    const res = await client.post('/cases/filters', {
      status: 'closed',
      category: '',
      filterName: 'Klaar om te archiveren',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/cases?status=closed&notice=filter-saved');
    await client.get(res.headers.get('location')!);
    expect(client.lastHtml).toContain('Het filter is opgeslagen.');
    const link = /<ul class="filter-links" data-testid="saved-filters">[\s\S]*?<\/ul>/.exec(
      client.lastHtml,
    )![0];
    expect(link).toContain('<a href="/cases?status=closed">Klaar om te archiveren</a>');

    // Following the link shows the filter again: only the closed case.
    await client.get('/cases?status=closed');
    expect(client.lastHtml).toContain(closed.reference);
    expect(client.lastHtml).not.toContain(open.reference);
    expect(client.lastHtml).toContain('<option value="closed" selected');

    // The same name again is refused.
    expect(
      (await client.post('/cases/filters', { view: 'mine', filterName: 'klaar om te ARCHIVEREN' }))
        .status,
    ).toBe(422);
    expect(client.lastHtml).toContain('U hebt al een filter met deze naam.');

    // A colleague of the same team sees none of it, and cannot delete it.
    const [saved] = await t.deps.db
      .selectFrom('saved_inbox_filter')
      .select('id')
      .where('user_id', '=', mine.id)
      .execute();
    await colleague.client.get('/cases');
    expect(colleague.client.lastHtml).not.toContain('Klaar om te archiveren');
    expect(colleague.client.lastHtml).not.toContain(saved!.id);
    expect((await colleague.client.post(`/cases/filters/${saved!.id}/delete`, {})).status).toBe(
      404,
    );
    await client.get('/cases');
    expect(client.lastHtml).toContain(`action="/cases/filters/${saved!.id}/delete"`);

    const deleted = await client.post(`/cases/filters/${saved!.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe('/cases?notice=filter-deleted');
    await client.get('/cases?notice=filter-deleted');
    expect(client.lastHtml).toContain('Het filter is verwijderd.');
    expect(client.lastHtml).not.toContain('>Klaar om te archiveren</a>');
  });
});

describe('the status form is honest about aftercare (issue 19)', () => {
  it('asks for aftercare check-ins only where Aftercare is a status to move to, and says closing plans none', async () => {
    const coordinator = await signedIn(t.teamId, ['safety_coordinator'], 'Coördinator Nazorg');
    const received = await seedCase(t.deps, t.teamId, { receivedOn: '2026-06-01' });
    const { client } = coordinator;
    await client.get(`/cases/${received.id}`);
    expect(client.lastHtml).toContain('<legend>Alleen bij afsluiten</legend>');
    expect(client.lastHtml).not.toContain('name="aftercareWeeks"');

    const inProgress = await seedCase(t.deps, t.teamId, { receivedOn: '2026-06-01' });
    await t.deps.db
      .updateTable('case')
      .set({ status: 'in_progress' })
      .where('id', '=', inProgress.id)
      .execute();
    await client.get(`/cases/${inProgress.id}`);
    expect(client.lastHtml).toContain('<legend>Alleen bij de status Nazorg</legend>');
    expect(client.lastHtml).toContain('name="aftercareWeeks"');
    expect(client.lastHtml).toContain('Afsluiten plant geen nazorg.');
  });
});
