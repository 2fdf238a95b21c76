import { beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createCase } from '../src/server/cases/cases.service.js';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp({ app: { metricsToken: 'scrape-secret' } });
let admin: TestClient;
const SECRET = 'Geheime beschrijving die nooit via de API gaat';

async function createToken(name: string, scopes: string[]): Promise<string> {
  await admin.get(`/admin/teams/${t.teamId}/tokens`);
  const body = new URLSearchParams({ _csrf: admin.csrfToken(), name });
  for (const s of scopes) body.append('scopes', s);
  const res = await admin.send(`/admin/teams/${t.teamId}/tokens`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.status).toBe(200);
  return /data-testid="api-token">([^<]+)</.exec(admin.lastHtml)![1]!;
}

const call = (path: string, token?: string) =>
  t.app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  const staff = await createStaff(t.deps, t.teamId, ['administrator']);
  admin = new TestClient(t.app);
  await admin.signIn(staff.email, PASSWORD);
  await t.deps.db.transaction().execute((trx) =>
    createCase(
      trx,
      t.deps.keyring,
      {
        teamId: t.teamId,
        source: 'staff',
        receivedOn: '2025-03-01',
        channel: 'email',
        via: 'self',
        reporterRole: 'student',
        reporterGender: 'female',
        category: 'stalking',
        location: 'online',
        accusedRole: 'external',
        isAnonymous: false,
        narrative: SECRET,
      },
      { kind: 'system' },
    ),
  );
});

describe('/api/v1', () => {
  it('publishes an OpenAPI 3.1 document that a standard validator accepts', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('answers statistics to a statistics token and refuses it case data', async () => {
    const token = await createToken('Dashboard', ['statistics:read']);
    const stats = await call('/api/v1/statistics/annual?year=2025', token);
    expect(stats.status).toBe(200);
    const body = await stats.json();
    expect(body.total).toBe(1);
    expect(body.byCategory[0].key).toBe('stalking');
    const cases = await call('/api/v1/cases?year=2025', token);
    expect(cases.status).toBe(403);
    expect(await cases.text()).not.toContain('2025-');
    const refused = await t.deps.db
      .selectFrom('audit_event')
      .select('type')
      .where('type', '=', 'API_ACCESS_REFUSED')
      .execute();
    expect(refused).toHaveLength(1);
  });

  it('gives case metadata, never content, to a cases:metadata token', async () => {
    const token = await createToken('Registratiesysteem', ['cases:read']);
    const res = await call('/api/v1/cases?year=2025', token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text).cases).toEqual([
      expect.objectContaining({ receivedOn: '2025-03-01', category: 'stalking' }),
    ]);
    expect((await call('/api/v1/statistics/annual?year=2025', token)).status).toBe(403);
    expect((await call('/api/v1/cases?year=abc', token)).status).toBe(400);
  });

  it('refuses missing, unknown and revoked tokens, and needs no CSRF token', async () => {
    expect((await call('/api/v1/statistics/annual?year=2025')).status).toBe(401);
    expect((await call('/api/v1/statistics/annual?year=2025', 'mpt_nonsense')).status).toBe(401);
    const token = await createToken('Oud', ['statistics:read']);
    const id = /action="\/admin\/teams\/[^/]+\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(
      admin.lastHtml,
    )![1]!;
    await admin.post(`/admin/teams/${t.teamId}/tokens/${id}/revoke`, {});
    const res = await call('/api/v1/statistics/annual?year=2025', token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const stored = await t.deps.db.selectFrom('api_token').select('token_hash').execute();
    expect(
      stored.every(
        (r) => r.token_hash.length === 32 && !r.token_hash.toString('utf8').includes(token),
      ),
    ).toBe(true);
  });

  it('throttles a token that calls too often', async () => {
    const token = await createToken('Te druk', ['statistics:read']);
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++)
      statuses.push((await call('/api/v1/cases?year=2025', token)).status);
    expect(statuses.slice(0, 120).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(120).every((s) => s === 429)).toBe(true);
  });
});

describe('/metrics', () => {
  it('serves Prometheus text to a scraper with the token', async () => {
    expect((await t.app.request('/metrics')).status).toBe(401);
    const res = await t.app.request('/metrics', {
      headers: { authorization: 'Bearer scrape-secret' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toMatch(/^# TYPE meldpunt_http_requests_total counter$/m);
    expect(text).toMatch(
      /^meldpunt_http_requests_total\{method="GET",route="\/api\/v1\/cases",status="403"\} \d+$/m,
    );
    expect(text).toMatch(/^meldpunt_open_cases\{team="students"\} 1$/m);
    expect(text).toMatch(/^meldpunt_database_up 1$/m);
    for (const line of text.trim().split('\n'))
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [0-9.e+-]+)$/);
  });
});
