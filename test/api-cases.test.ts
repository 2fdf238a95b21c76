import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { down, up } from '../migrations/20261206T050000-api-write-scopes.js';
import { apiRoutes } from '../src/server/api/api.routes.js';
import { openApiDocument } from '../src/server/api/openapi.js';
import { forgetIdempotencyKeys } from '../src/server/api/api.service.js';
import { API_SCOPES, createApiToken } from '../src/server/api/api-tokens.service.js';
import { loadCaseContext } from '../src/server/cases/case-context.js';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { seedCase } from './support/case-helpers.js';
import { openMailbox, reportAnonymously } from './support/reporter-flow.js';
import { useTestApp } from './support/use-test-app.js';

const t = useTestApp();
let admin: TestClient;
let otherTeamId: string;
const NARRATIVE = 'Via de telefoon: een promovendus wordt 4f7a structureel buitengesloten.';

/** A token issued on the administrator's page, as an institution would get one. */
async function issueToken(name: string, scopes: readonly string[]): Promise<string> {
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

const tokenIdOf = async (name: string) =>
  (
    await t.deps.db
      .selectFrom('api_token')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id;

function call(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A registration as an institution's case system would send it (values chosen by hand). */
const registration = (overrides: Record<string, unknown> = {}) => ({
  receivedOn: '2026-03-02',
  channel: 'phone',
  via: 'self',
  reporterRole: 'phd',
  reporterGender: 'not_stated',
  category: 'intimidation',
  location: 'campus',
  accusedRole: 'staff',
  anonymous: true,
  narrative: NARRATIVE,
  ...overrides,
});

const caseOf = (reference: string, teamId = t.teamId) =>
  t.deps.db
    .selectFrom('case')
    .selectAll()
    .where('reference', '=', reference)
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();

const auditOf = (type: string) =>
  t.deps.db.selectFrom('audit_event').selectAll().where('type', '=', type).execute();
/** The events of one type made by one token (each test issues its own tokens). */
const auditByToken = async (type: string, tokenId: string) =>
  (await auditOf(type)).filter((e) => e.detail.tokenId === tokenId);
const caseCount = async () =>
  (await t.deps.db.selectFrom('case').select('id').where('team_id', '=', t.teamId).execute())
    .length;

beforeAll(async () => {
  const staff = await createStaff(t.deps, t.teamId, ['administrator']);
  admin = new TestClient(t.app);
  await admin.signIn(staff.email, PASSWORD);
  otherTeamId = await createTeam(t.deps, 'other-institution-team');
});

describe('scopes', () => {
  const ROUTES: [string, string, string, unknown?][] = [
    ['cases:register', 'POST', '/api/v1/cases', registration()],
    ['correspondence:write', 'POST', '/api/v1/cases/REF/messages', { body: 'Hallo' }],
    ['cases:status', 'POST', '/api/v1/cases/REF/status', { to: 'intake' }],
    ['cases:read', 'GET', '/api/v1/cases/REF'],
    ['statistics:read', 'GET', '/api/v1/statistics/annual?year=2026'],
  ];

  it('refuses each operation to a token with every scope but the one it needs, and audits it', async () => {
    const seeded = await seedCase(t.deps, t.teamId, { receivedOn: '2026-02-01' });
    const cases = await caseCount();
    for (const [scope, method, path, body] of ROUTES) {
      const others = API_SCOPES.filter((s) => s !== scope);
      const token = await issueToken(`Zonder ${scope}`, others);
      const before = (await auditOf('API_ACCESS_REFUSED')).length;
      const res = await call(method, path.replace('REF', seeded.reference), token, body);
      expect(res.status, `${method} ${path} without ${scope}`).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await auditOf('API_ACCESS_REFUSED')).toHaveLength(before + 1);
    }
    // Nothing happened on the way: no case registered, no message, no status change.
    const row = await caseOf(seeded.reference);
    expect(row.status).toBe('received');
    expect(await caseCount()).toBe(cases);
    const messages = await t.deps.db
      .selectFrom('case_message')
      .select('id')
      .where('case_id', '=', seeded.id)
      .execute();
    expect(messages).toHaveLength(0);
  });

  it('lets GET status through with cases:read or cases:status, not with others', async () => {
    const seeded = await seedCase(t.deps, t.teamId, { receivedOn: '2026-02-03' });
    const path = `/api/v1/cases/${seeded.reference}/status`;
    expect((await call('GET', path, await issueToken('Lezen', ['cases:read']))).status).toBe(200);
    expect((await call('GET', path, await issueToken('Status', ['cases:status']))).status).toBe(
      200,
    );
    const neither = await issueToken('Berichten', ['correspondence:write', 'statistics:read']);
    expect((await call('GET', path, neither)).status).toBe(403);
  });
});

describe('another team\u2019s case', () => {
  it('is not found for every case operation, and stays untouched', async () => {
    // A reference only the other team has: the token cannot reach it by naming it.
    const theirs = await seedCase(t.deps, otherTeamId, { receivedOn: '2019-05-05' });
    const token = await issueToken('Alles', API_SCOPES);
    const ref = theirs.reference;
    const answers = [
      await call('GET', `/api/v1/cases/${ref}`, token),
      await call('GET', `/api/v1/cases/${ref}/status`, token),
      await call('POST', `/api/v1/cases/${ref}/status`, token, { to: 'intake' }),
      await call('POST', `/api/v1/cases/${ref}/messages`, token, { body: 'Binnengedrongen' }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(ref);
    }
    expect((await caseOf(ref, otherTeamId)).status).toBe('received');
    const messages = await t.deps.db
      .selectFrom('case_message')
      .select('id')
      .where('case_id', '=', theirs.id)
      .execute();
    expect(messages).toHaveLength(0);
    // A token of the other team does see it: the 404 above is the team boundary, not a typo.
    const theirToken = await t.deps.db
      .transaction()
      .execute((trx) =>
        createApiToken(trx, otherTeamId, 'Hunne', ['cases:read'], { kind: 'system' }),
      );
    expect((await call('GET', `/api/v1/cases/${ref}`, theirToken)).status).toBe(200);
  });

  it('registers into the token\u2019s own team even when the body names another team', async () => {
    const token = await issueToken('Registreren team', ['cases:register']);
    const res = await call(
      'POST',
      '/api/v1/cases',
      token,
      registration({ team: otherTeamId, receivedOn: '2026-03-05' }),
    );
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    expect((await caseOf(reference)).team_id).toBe(t.teamId);
  });
});

describe('POST /api/v1/cases', () => {
  it('registers a sealed case with deadlines, audited with the token, and a retry makes no second case', async () => {
    const token = await issueToken('Zaaksysteem', ['cases:register', 'cases:read']);
    const tokenId = await tokenIdOf('Zaaksysteem');
    const key = 'zaak-8812-poging';
    const first = await call('POST', '/api/v1/cases', token, registration(), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    const record = (await first.json()) as Record<string, unknown> & { reference: string };
    expect(record).toMatchObject({
      receivedOn: '2026-03-02',
      channel: 'phone',
      category: 'intimidation',
      status: 'received',
      deadlines: { acknowledgeBy: '2026-03-09', feedbackBy: '2026-06-01' },
    });
    expect(first.headers.get('location')).toBe(`/api/v1/cases/${record.reference}`);
    expect(JSON.stringify(record)).not.toContain('4f7a');

    const retry = await call('POST', '/api/v1/cases', token, registration(), {
      'idempotency-key': key,
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { reference: string }).reference).toBe(record.reference);

    const rows = await t.deps.db
      .selectFrom('case')
      .select(['id', 'summary', 'source', 'registered_by'])
      .where('team_id', '=', t.teamId)
      .where('received_on', '=', '2026-03-02')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.source).toBe('staff');
    const summary = rows[0]!.summary!;
    expect(summary.toString('utf8')).not.toContain('4f7a'); // sealed
    const sealer = await loadCaseContext(t.deps.db, t.deps.keyring, rows[0]!.id, {
      kind: 'system',
    });
    expect(sealer.openText(summary, 'summary')).toBe(NARRATIVE);

    const registered = await auditByToken('API_CASE_REGISTERED', tokenId);
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ case_id: rows[0]!.id, detail: { tokenId } });
    const created = (await auditOf('CASE_CREATED')).filter((e) => e.case_id === rows[0]!.id);
    expect(created).toHaveLength(1);

    // The same key with another body is a client error, not a second case.
    const reused = await call(
      'POST',
      '/api/v1/cases',
      token,
      registration({ location: 'online' }),
      {
        'idempotency-key': key,
      },
    );
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { error: string }).error).toBe('idempotency_key_reused');
    expect(await auditByToken('API_CASE_REGISTERED', tokenId)).toHaveLength(1);
  });

  it('answers invalid fields as RFC 9457 problem JSON naming each field', async () => {
    const token = await issueToken('Slordig', ['cases:register']);
    const cases = await caseCount();
    const res = await call(
      'POST',
      '/api/v1/cases',
      token,
      registration({ channel: 'pigeon', narrative: '' }),
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as {
      status: number;
      title: string;
      type: string;
      errors: { field: string; pointer: string; detail: string }[];
    };
    expect(problem.status).toBe(422);
    expect(problem.title).toBeTruthy();
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['channel', 'narrative']);
    expect(problem.errors.find((e) => e.field === 'narrative')!.pointer).toBe('#/narrative');

    const named = await call('POST', '/api/v1/cases', token, registration({ anonymous: false }));
    expect(((await named.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('name');
    const unoffered = await call(
      'POST',
      '/api/v1/cases',
      token,
      registration({ category: 'nope' }),
    );
    expect(unoffered.status).toBe(422);
    expect(((await unoffered.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
      'category',
    );
    const notJson = await t.app.request('/api/v1/cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(await caseCount()).toBe(cases);
  });
});

describe('Idempotency-Keys', () => {
  it('are remembered for 24 hours: an older key may name a new request, and the job forgets it', async () => {
    const token = await issueToken('Zaaksysteem met geheugen', ['cases:register']);
    const tokenId = await tokenIdOf('Zaaksysteem met geheugen');
    const key = 'zaak-9001';
    const first = await call('POST', '/api/v1/cases', token, registration(), {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    const age = (hours: number) =>
      sql`UPDATE api_idempotency SET created_at = now() - make_interval(hours => ${hours})
          WHERE token_id = ${tokenId} AND key = ${key}`.execute(t.deps.db);
    // 23 hours on, another body under the same key is still refused ...
    await age(23);
    const within = await call(
      'POST',
      '/api/v1/cases',
      token,
      registration({ location: 'online' }),
      {
        'idempotency-key': key,
      },
    );
    expect(within.status).toBe(422);
    // ... 25 hours on, the key is free again: a new case, remembered under the key once more.
    await age(25);
    const after = await call('POST', '/api/v1/cases', token, registration({ location: 'online' }), {
      'idempotency-key': key,
    });
    expect(after.status).toBe(201);
    expect(await auditByToken('API_CASE_REGISTERED', tokenId)).toHaveLength(2);

    // The hourly job forgets keys past their term and keeps the rest.
    await age(25);
    const kept = await call('POST', '/api/v1/cases', token, registration(), {
      'idempotency-key': 'zaak-9002',
    });
    expect(kept.status).toBe(201);
    const keys = () =>
      t.deps.db
        .selectFrom('api_idempotency')
        .select('key')
        .where('token_id', '=', tokenId)
        .execute()
        .then((rows) => rows.map((r) => r.key).sort());
    expect(await keys()).toEqual(['zaak-9001', 'zaak-9002']);
    await forgetIdempotencyKeys(t.deps.db, new Date());
    expect(await keys()).toEqual(['zaak-9002']);
  });
});

describe('problem types', () => {
  it('name a description that answers without a token, for every problem the API gives', async () => {
    const token = await issueToken('Alleen lezen', ['cases:read']);
    const answers = [
      await call('GET', '/api/v1/cases/1999-0001', token), // 404
      await call('POST', '/api/v1/cases', token, registration()), // 403
      await call('GET', '/api/v1/cases', 'not-a-token'), // 401
      await call('GET', '/api/v1/cases?year=abc', token), // 400
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 403, 401, 400]);
    for (const res of answers) {
      const problem = (await res.json()) as { type: string; status: number; error: string };
      expect(problem.type).toBe(`/api/v1/problems/${problem.error}`);
      const described = await t.app.request(problem.type);
      expect(described.status, problem.type).toBe(200);
      const body = (await described.json()) as { status: number; description: string };
      expect(body.status).toBe(problem.status);
      expect(body.description.length).toBeGreaterThan(20);
    }
    expect((await t.app.request('/api/v1/problems/no_such_problem')).status).toBe(404);
  });
});

describe('POST /api/v1/cases/{reference}/messages', () => {
  it('puts the message in the reporter\u2019s mailbox, audited with the token', async () => {
    const { receipt, reference } = await reportAnonymously(t.app);
    const token = await issueToken('Correspondentie', ['correspondence:write']);
    const res = await call('POST', `/api/v1/cases/${reference}/messages`, token, {
      body: 'Dank voor je melding; we bellen je morgen 5e1c.',
    });
    expect(res.status).toBe(201);
    const { messageId } = (await res.json()) as { messageId: string };

    const { client: reporter } = await openMailbox(t.app, receipt, 'nl');
    await reporter.get('/postbus/inbox');
    expect(reporter.lastHtml).toContain('we bellen je morgen 5e1c.');

    const stored = await t.deps.db
      .selectFrom('case_message')
      .select(['author', 'body'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(stored.author).toBe('adviser');
    expect(stored.body.toString('utf8')).not.toContain('5e1c');
    expect(await auditByToken('API_MESSAGE_POSTED', await tokenIdOf('Correspondentie'))).toEqual([
      expect.objectContaining({
        detail: { tokenId: await tokenIdOf('Correspondentie'), messageId },
      }),
    ]);

    const empty = await call('POST', `/api/v1/cases/${reference}/messages`, token, { body: ' ' });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('body');
  });
});

describe('/api/v1/cases/{reference}/status', () => {
  it('reads status and deadlines, changes it through the status machine, audits both, and refuses an illegal move', async () => {
    const seeded = await seedCase(t.deps, t.teamId, { receivedOn: '2026-04-01' });
    const token = await issueToken('Statusbeheer', ['cases:status']);
    const tokenId = await tokenIdOf('Statusbeheer');
    const path = `/api/v1/cases/${seeded.reference}/status`;

    const read = await call('GET', path, token);
    expect(await read.json()).toMatchObject({
      status: 'received',
      nextStatuses: ['intake', 'in_progress', 'closed'],
      deadlines: { acknowledgeBy: '2026-04-08', feedbackBy: '2026-07-01' },
    });

    const illegal = await call('POST', path, token, { to: 'aftercare' });
    expect(illegal.status).toBe(422);
    expect(illegal.headers.get('content-type')).toContain('application/problem+json');
    expect(((await illegal.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('to');
    expect((await caseOf(seeded.reference)).status).toBe('received');
    expect(await auditByToken('API_STATUS_CHANGE_REFUSED', tokenId)).toEqual([
      expect.objectContaining({ case_id: seeded.id, detail: expect.objectContaining({ tokenId }) }),
    ]);

    const closeWithoutCode = await call('POST', path, token, { to: 'closed' });
    expect(closeWithoutCode.status).toBe(422);
    expect(
      ((await closeWithoutCode.json()) as { errors: { field: string }[] }).errors[0]!.field,
    ).toBe('followUp');

    const moved = await call('POST', path, token, { to: 'intake' });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ reference: seeded.reference, status: 'intake' });
    expect((await caseOf(seeded.reference)).status).toBe('intake');
    const change = await t.deps.db
      .selectFrom('case_status_change')
      .selectAll()
      .where('case_id', '=', seeded.id)
      .executeTakeFirstOrThrow();
    expect(change).toMatchObject({
      from_status: 'received',
      to_status: 'intake',
      changed_by: null,
      changed_by_token: tokenId,
    });
    expect(await auditByToken('API_STATUS_CHANGED', tokenId)).toEqual([
      expect.objectContaining({
        case_id: seeded.id,
        detail: { tokenId, from: 'received', to: 'intake' },
      }),
    ]);
    expect(
      (await auditOf('CASE_STATUS_CHANGED')).filter((e) => e.case_id === seeded.id),
    ).toHaveLength(1);

    // The case page's history names the integration that made the change.
    const coordinator = await createStaff(t.deps, t.teamId, ['safety_coordinator'], 'Coco');
    const staff = new TestClient(t.app);
    await staff.signIn(coordinator.email, PASSWORD);
    await staff.get(`/cases/${seeded.id}`);
    expect(staff.lastHtml).toContain('API: Statusbeheer');
  });
});

describe('the OpenAPI document', () => {
  it('describes exactly the routes the router serves', async () => {
    const served = apiRoutes(t.deps)
      .routes.filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => r !== 'GET /api/v1/openapi.json');
    const doc = openApiDocument('https://meldpunt.example') as {
      paths: Record<string, Record<string, unknown>>;
    };
    const described = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${path}`),
    );
    expect([...new Set(served)].sort()).toEqual(described.sort());
    expect(described).toContain('POST /api/v1/cases/{reference}/status');
  });
});

describe('migration 20261206T050000', () => {
  it('gives a token issued before it (statistics, cases:metadata) the same rights under the new names', async () => {
    const token = await issueToken('Van vroeger', ['statistics:read', 'cases:read']);
    const tokenId = await tokenIdOf('Van vroeger');
    const db = t.deps.db as unknown as Kysely<unknown>;
    await down(db); // back to the schema before: the token now holds the old names
    const before = await t.deps.db
      .selectFrom('api_token')
      .select('scopes')
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(before.scopes).toBe('statistics cases:metadata');
    await up(db);
    const after = await t.deps.db
      .selectFrom('api_token')
      .select('scopes')
      .where('id', '=', tokenId)
      .executeTakeFirstOrThrow();
    expect(after.scopes).toBe('statistics:read cases:read');
    expect((await call('GET', '/api/v1/statistics/annual?year=2026', token)).status).toBe(200);
    expect((await call('GET', '/api/v1/cases?year=2026', token)).status).toBe(200);
    expect((await call('POST', '/api/v1/cases', token, registration())).status).toBe(403);
  });
});
