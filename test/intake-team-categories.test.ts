import { beforeAll, describe, expect, it } from 'vitest';
import { saveCategoryVersion, type CategoryInput } from '../src/server/admin/categories.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { intakeFields, postMultipart } from './support/reporter-flow.js';
import { registrationForm } from './support/case-helpers.js';
import { useTestApp } from './support/use-test-app.js';

/**
 * Categories an administrator adds to a team are offered and accepted by the intake, and the
 * staff case page keeps showing a category as it was worded when the case was created.
 */
const t = useTestApp();
let coordinator: { id: string; email: string };

const HAZING: CategoryInput = {
  key: 'hazing',
  labelNl: 'Ontgroening',
  labelEn: 'Hazing',
  definitionNl: 'Vernederende rituelen bij toetreding.',
  definitionEn: 'Humiliating initiation rituals.',
  subtypes: [{ key: 'initiation_week', labelNl: 'Introductieweek', labelEn: 'Introduction week' }],
  isRetired: false,
};
const save = (input: CategoryInput) =>
  t.deps.db
    .transaction()
    .execute((trx) => saveCategoryVersion(trx, t.teamId, input, { kind: 'system' }));

beforeAll(async () => {
  coordinator = await createStaff(t.deps, t.teamId, ['safety_coordinator', 'confidential_adviser']);
  await save(HAZING);
});

const step = (client: TestClient, fields: Record<string, string>) =>
  client.post('/melden/vraag', {
    draft: client.inputValue('draft'),
    step: client.inputValue('step'),
    idempotencyKey: client.inputValue('idempotencyKey'),
    ...fields,
  });

async function caseOf(client: TestClient) {
  const reference = /data-testid="reference">([^<]+)</.exec(client.lastHtml)![1]!;
  return t.deps.db
    .selectFrom('case')
    .select(['id', 'category', 'subtype'])
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
}

describe('team-specific categories in the intake', () => {
  it('asks the subtype question of a category the administrator added and registers its keys', async () => {
    const client = new TestClient(t.app, 'en');
    await client.get('/melden');
    expect((await step(client, { behalf: 'self' })).status).toBe(200);
    expect(client.inputValue('step')).toBe('category');
    expect(client.lastHtml).toContain('value="hazing"');
    expect((await step(client, { category: 'hazing' })).status).toBe(200);
    expect(client.inputValue('step')).toBe('subtype');
    expect(client.lastHtml).toContain('Introduction week');
    expect((await step(client, { subtype: 'physical' })).status).toBe(422); // a subtype of another category
    expect((await step(client, { subtype: 'initiation_week' })).status).toBe(200);
    expect(client.inputValue('step')).toBe('narrative');
  });

  it('accepts the team keys in one POST, and refuses keys the team does not have', async () => {
    const client = new TestClient(t.app);
    await client.get('/melden');
    expect(
      (
        await postMultipart(
          client,
          '/melden',
          intakeFields(client, { category: 'hazing', subtype: 'initiation_week' }),
        )
      ).status,
    ).toBe(200);
    expect(await caseOf(client)).toMatchObject({ category: 'hazing', subtype: 'initiation_week' });
    const other = new TestClient(t.app);
    await other.get('/melden');
    expect(
      (
        await postMultipart(
          other,
          '/melden',
          intakeFields(other, { category: 'hazing', subtype: 'physical' }),
        )
      ).status,
    ).toBe(422);
    expect(
      (await postMultipart(other, '/melden', intakeFields(other, { category: 'made_up' }))).status,
    ).toBe(422);
  });
});

describe('team-specific categories in the staff registration', () => {
  it('offers and accepts the team’s own category, and refuses a key or subtype the team does not have', async () => {
    const staff = new TestClient(t.app, 'en');
    await staff.signIn(coordinator.email, PASSWORD);
    await staff.get('/cases/new');
    expect(staff.lastHtml).toContain('<option value="hazing">Hazing</option>');
    expect(staff.lastHtml).toContain('Hazing: Introduction week');
    const created = await staff.post(
      '/cases/new',
      registrationForm({ team: t.teamId, category: 'hazing', subtype: 'initiation_week' }),
    );
    expect(created.status).toBe(303);
    const id = created.headers.get('location')!.split('/').pop()!;
    const row = await t.deps.db
      .selectFrom('case')
      .select(['reference', 'category', 'subtype'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ category: 'hazing', subtype: 'initiation_week' });
    // The inbox filters on it and names it as the team does.
    await staff.get('/cases?category=hazing');
    expect(staff.lastHtml).toContain('<option value="hazing" selected="">Hazing</option>');
    expect(staff.lastHtml).toContain(row.reference);
    expect(staff.lastHtml).toContain('<td>Hazing</td>');
    await staff.get('/cases?category=stalking');
    expect(staff.lastHtml).not.toContain(row.reference);

    await staff.get('/cases/new');
    expect(
      (
        await staff.post(
          '/cases/new',
          registrationForm({ team: t.teamId, category: 'made_up', subtype: '' }),
        )
      ).status,
    ).toBe(422);
    expect(staff.lastHtml).toContain('href="#field-category"');
    expect(
      (
        await staff.post(
          '/cases/new',
          registrationForm({ team: t.teamId, category: 'hazing', subtype: 'physical' }),
        )
      ).status,
    ).toBe(422);
    expect(staff.lastHtml).toContain('href="#field-subtype"');
  });
});

describe('the case page shows the category as worded when the case was created', () => {
  it('keeps the old label and subtype label after the administrator renames them', async () => {
    const reporter = new TestClient(t.app);
    await reporter.get('/melden');
    await postMultipart(
      reporter,
      '/melden',
      intakeFields(reporter, { category: 'hazing', subtype: 'initiation_week' }),
    );
    const kase = await caseOf(reporter);
    await save({
      ...HAZING,
      labelNl: 'Ontgroening en groepsdruk',
      labelEn: 'Hazing and peer pressure',
      subtypes: [
        { key: 'initiation_week', labelNl: 'Kennismakingstijd', labelEn: 'Getting-to-know period' },
      ],
    });
    const staff = new TestClient(t.app, 'en');
    await staff.signIn(coordinator.email, PASSWORD);
    const page = await staff.get(`/cases/${kase.id}`);
    expect(page.status).toBe(200);
    expect(staff.lastHtml).toContain('Hazing — Introduction week');
    expect(staff.lastHtml).not.toContain('Hazing and peer pressure');
    // A case created after the rename shows the new wording.
    const later = new TestClient(t.app);
    await later.get('/melden');
    await postMultipart(
      later,
      '/melden',
      intakeFields(later, { category: 'hazing', subtype: 'initiation_week' }),
    );
    await staff.get(`/cases/${(await caseOf(later)).id}`);
    expect(staff.lastHtml).toContain('Hazing and peer pressure — Getting-to-know period');
  });
});
