import { beforeAll, describe, expect, it } from 'vitest';
import { saveCategoryVersion } from '../src/server/admin/categories.service.js';
import { TestClient } from './support/http-client.js';
import { useTestApp } from './support/use-test-app.js';

/** The intake offers the team's categories as administered now: current wording, retired ones left out. */
const t = useTestApp();

beforeAll(async () => {
  await t.deps.db.transaction().execute(async (trx) => {
    await saveCategoryVersion(
      trx,
      t.teamId,
      {
        key: 'bullying',
        labelNl: 'Pesten en buitensluiten',
        labelEn: 'Bullying and exclusion',
        definitionNl: 'Herhaald kwetsen of buitensluiten.',
        definitionEn: 'Repeatedly hurting or excluding someone.',
        subtypes: [],
        isRetired: false,
      },
      { kind: 'system' },
    );
    await saveCategoryVersion(
      trx,
      t.teamId,
      {
        key: 'aggression',
        labelNl: 'Agressie',
        labelEn: 'Aggression',
        definitionNl: 'Agressie.',
        definitionEn: 'Aggression.',
        subtypes: [
          { key: 'verbal', labelNl: 'Schelden en dreigen', labelEn: 'Swearing and threatening' },
          { key: 'physical', labelNl: 'Fysiek', labelEn: 'Physical' },
        ],
        isRetired: false,
      },
      { kind: 'system' },
    );
    await saveCategoryVersion(
      trx,
      t.teamId,
      {
        key: 'stalking',
        labelNl: 'Stalking',
        labelEn: 'Stalking',
        definitionNl: '-',
        definitionEn: '-',
        subtypes: [],
        isRetired: true,
      },
      { kind: 'system' },
    );
  });
});

async function toCategoryPage(client: TestClient) {
  await client.get('/melden');
  for (let i = 0; i < 5 && client.inputValue('step') !== 'category'; i++) {
    await client.post('/melden/vraag', {
      draft: client.inputValue('draft'),
      step: client.inputValue('step'),
      idempotencyKey: client.inputValue('idempotencyKey'),
      behalf: 'self',
    });
  }
  expect(client.inputValue('step')).toBe('category');
}

const post = (client: TestClient, fields: Record<string, string>) =>
  client.post('/melden/vraag', {
    draft: client.inputValue('draft'),
    step: client.inputValue('step'),
    idempotencyKey: client.inputValue('idempotencyKey'),
    ...fields,
  });

describe('intake categories from the team administration', () => {
  it('shows the current label, definition and subtypes, and leaves a retired category out', async () => {
    const client = new TestClient(t.app, 'en');
    await toCategoryPage(client);
    expect(client.lastHtml).toContain('Bullying and exclusion');
    expect(client.lastHtml).toContain('Repeatedly hurting or excluding someone.');
    expect(client.lastHtml).toContain('value="sexual_violence"'); // the defaults stay
    expect(client.lastHtml).not.toContain('value="stalking"');
    expect((await post(client, { category: 'aggression' })).status).toBe(200);
    expect(client.inputValue('step')).toBe('subtype');
    expect(client.lastHtml).toContain('Swearing and threatening');
    expect(client.lastHtml).not.toContain('value="psychological"'); // dropped from the team's current version
    expect((await post(client, { subtype: 'psychological' })).status).toBe(422);
  });

  it('refuses a retired category that is posted anyway', async () => {
    const client = new TestClient(t.app, 'nl');
    await toCategoryPage(client);
    expect(client.lastHtml).toContain('Pesten en buitensluiten');
    const res = await post(client, { category: 'stalking' });
    expect(res.status).toBe(422);
    expect(client.inputValue('step')).toBe('category');
  });
});
