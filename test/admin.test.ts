import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, PASSWORD } from './support/factories.js';
import { useTestApp } from './support/use-test-app.js';
import { findCategoryAt, listCategories } from '../src/server/admin/categories.service.js';
import { listPartners } from '../src/server/admin/partners.service.js';
import { getGuideContent } from '../src/server/admin/guide.service.js';
import { listAdviserProfiles } from '../src/server/admin/advisers.service.js';
import { createCase } from '../src/server/cases/cases.service.js';
import { verifyAuditChain } from '../src/server/audit/audit.service.js';

const t = useTestApp({ smtp: true, env: { MELDPUNT_BASE_URL: 'https://meldpunt.example.nl' } });
let admin: TestClient;
let adminId: string;

async function auditTypes(): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_event')
    .select('type')
    .where('actor_user_id', '=', adminId)
    .execute();
  return rows.map((r) => r.type);
}

beforeAll(async () => {
  const staff = await createStaff(t.deps, t.teamId, ['administrator'], 'Beheerder');
  adminId = staff.id;
  admin = new TestClient(t.app, 'nl');
  await admin.signIn(staff.email, PASSWORD);
});

describe('administration', () => {
  it('is refused to staff who are not administrators', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser']);
    const client = new TestClient(t.app);
    await client.signIn(adviser.email, PASSWORD);
    expect((await client.get('/admin')).status).toBe(403);
    expect((await client.get(`/admin/teams/${t.teamId}/users`)).status).toBe(403);
    expect((await new TestClient(t.app).get('/admin')).status).toBe(303);
  });

  it('changes deadlines and retention, and rejects a bad value with a message', async () => {
    await admin.get(`/admin/teams/${t.teamId}`);
    const bad = await admin.post(`/admin/teams/${t.teamId}`, {
      nameNl: 'Team',
      nameEn: 'Team',
      ackDays: '0',
      feedbackDays: '91',
      retentionMonths: '60',
    });
    expect(bad.status).toBe(422);
    expect(admin.lastHtml).toContain('href="#field-ackDays"');
    const ok = await admin.post(`/admin/teams/${t.teamId}`, {
      nameNl: 'Team Sociale Veiligheid',
      nameEn: 'Social Safety Team',
      ackDays: '5',
      feedbackDays: '60',
      retentionMonths: '24',
    });
    expect(ok.status).toBe(303);
    const team = await t.deps.db
      .selectFrom('team')
      .selectAll()
      .where('id', '=', t.teamId)
      .executeTakeFirstOrThrow();
    expect([team.ack_days, team.feedback_days, team.retention_months]).toEqual([5, 60, 24]);
    expect(await auditTypes()).toContain('TEAM_UPDATED');
  });

  it('adds a team to its own institution, which its creator then administers; never a new institution (issue 22)', async () => {
    await admin.get('/admin');
    const elsewhere = await admin.post('/admin/teams', {
      key: 'staff-ccp',
      nameNl: 'Centraal Contactpunt',
      nameEn: 'Central Contact Point',
      institutionKey: 'hogeschool',
      institutionName: 'Hogeschool',
    });
    expect(elsewhere.status).toBe(403);
    expect(
      await t.deps.db
        .selectFrom('institution')
        .select('id')
        .where('key', '=', 'hogeschool')
        .execute(),
    ).toEqual([]);
    await admin.get('/admin');
    const res = await admin.post('/admin/teams', {
      key: 'staff-ccp',
      nameNl: 'Centraal Contactpunt',
      nameEn: 'Central Contact Point',
      institutionKey: 'default',
    });
    expect(res.status).toBe(303);
    const page = await admin.get(res.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(admin.lastHtml).toContain('Centraal Contactpunt');
    const dup = await admin.post('/admin/teams', {
      key: 'staff-ccp',
      nameNl: 'x',
      nameEn: 'x',
      institutionKey: 'default',
    });
    expect(dup.status).toBe(422);
  });

  it('adds organisation units', async () => {
    await admin.get(`/admin/teams/${t.teamId}/org-units`);
    expect(
      (
        await admin.post(`/admin/teams/${t.teamId}/org-units`, {
          key: 'LAW',
          labelNl: 'Rechtsgeleerdheid',
          labelEn: 'Law',
        })
      ).status,
    ).toBe(303);
    await admin.get(`/admin/teams/${t.teamId}/org-units`);
    expect(admin.lastHtml).toContain('Rechtsgeleerdheid');
  });

  it('versions a category: an old case keeps the wording it had', async () => {
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await admin.get(`/admin/teams/${t.teamId}/categories/bullying`);
    expect(admin.inputValue('labelNl')).toBe('Pesten');
    const res = await admin.post(`/admin/teams/${t.teamId}/categories/bullying`, {
      labelNl: 'Pesten en buitensluiten',
      labelEn: 'Bullying and exclusion',
      definitionNl: 'Herhaald negatief gedrag.',
      definitionEn: 'Repeated negative behaviour.',
      subtypes: 'online | Online pesten | Cyberbullying',
      source: 'www.stoppestennu.nl/definitie-pesten',
    });
    expect(res.status).toBe(303);
    const now = (await listCategories(t.deps.db, t.teamId)).find((c) => c.key === 'bullying')!;
    expect(now.label.nl).toBe('Pesten en buitensluiten');
    expect(now.source).toBe('www.stoppestennu.nl/definitie-pesten'); // printed under the definition in the annual report (issue 20)
    await admin.get(`/admin/teams/${t.teamId}/categories/bullying`);
    expect(admin.inputValue('source')).toBe('www.stoppestennu.nl/definitie-pesten');
    expect(now.subtypes).toEqual([
      { key: 'online', label: { nl: 'Online pesten', en: 'Cyberbullying' } },
    ]);
    expect((await findCategoryAt(t.deps.db, t.teamId, 'bullying', before))!.label.nl).toBe(
      'Pesten',
    );
    const bad = await admin.post(`/admin/teams/${t.teamId}/categories/new`, {
      key: 'x y',
      labelNl: '',
      labelEn: 'E',
      subtypes: 'no pipes',
    });
    expect(bad.status).toBe(422);
    expect(admin.lastHtml).toContain('href="#field-labelNl"');
  });

  it('keeps a partner directory that starts with the defaults', async () => {
    expect(
      (await listPartners(t.deps.db, t.teamId)).find((p) => p.key === 'veilig_thuis')?.phone,
    ).toBe('0800-2000');
    await admin.get(`/admin/teams/${t.teamId}/partners`);
    await admin.post(`/admin/teams/${t.teamId}/partners`, {
      key: 'veilig_thuis',
      kind: 'external',
      nameNl: 'Veilig Thuis',
      nameEn: 'Veilig Thuis',
      phone: '0800-2000',
      url: '',
      inactive: 'yes',
    });
    await admin.post(`/admin/teams/${t.teamId}/partners`, {
      key: 'campus_doctor',
      kind: 'internal',
      nameNl: 'Huisarts campus',
      nameEn: 'Campus GP',
      phone: '043-1234567',
      url: 'https://gp.example.nl',
    });
    const partners = await listPartners(t.deps.db, t.teamId);
    expect(partners.some((p) => p.key === 'veilig_thuis')).toBe(false);
    expect(partners.find((p) => p.key === 'campus_doctor')?.name.en).toBe('Campus GP');
    expect(partners.some((p) => p.key === 'zelfmoordpreventie_113')).toBe(true);
  });

  it('stores guide text per language', async () => {
    await admin.get(`/admin/teams/${t.teamId}/guide`);
    await admin.post(`/admin/teams/${t.teamId}/guide`, {
      bodyNl: 'Welkom bij de wegwijzer.',
      bodyEn: 'Welcome to the guide.',
    });
    expect((await getGuideContent(t.deps.db, t.teamId, 'en'))?.body).toBe('Welcome to the guide.');
    expect(await auditTypes()).toContain('GUIDE_CONTENT_UPDATED');
  });

  it('invites a user by e-mail in their language; the link creates the account with the roles', async () => {
    await admin.get(`/admin/teams/${t.teamId}/users`);
    const res = await admin.post(`/admin/teams/${t.teamId}/users/invite`, {
      displayName: 'Sam Adviser',
      email: 'sam@example.test',
      locale: 'en',
      roles: 'confidential_adviser',
    });
    expect(res.status).toBe(303);
    const mail = t.smtp.messages.find(
      (m) => m.to && JSON.stringify(m.to).includes('sam@example.test'),
    )!;
    expect(mail.subject).toBe('Invitation to the social safety reporting point');
    const link = /https:\/\/meldpunt\.example\.nl(\/invite\/[A-Za-z0-9_-]+)/.exec(
      mail.text ?? '',
    )![1]!;
    const invitee = new TestClient(t.app, 'en');
    await invitee.get(link);
    expect(invitee.lastHtml).toContain('sam@example.test');
    const accepted = await invitee.post(link, {
      displayName: 'Sam Adviser',
      password: 'a long enough password',
    });
    expect(accepted.status).toBe(200);
    expect(
      (await invitee.post(link, { displayName: 'Again', password: 'a long enough password' }))
        .status,
    ).toBe(404);
    expect((await invitee.signIn('sam@example.test', 'a long enough password')).status).toBe(303);
    const user = await t.deps.db
      .selectFrom('app_user')
      .select(['id', 'locale'])
      .where('email', '=', 'sam@example.test')
      .executeTakeFirstOrThrow();
    expect(user.locale).toBe('en');
    const roles = await t.deps.db
      .selectFrom('team_membership')
      .select('role')
      .where('user_id', '=', user.id)
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['confidential_adviser']);
  });

  it('edits an adviser profile that reporters see, changes roles and deactivates', async () => {
    const adviser = await createStaff(t.deps, t.teamId, ['confidential_adviser'], 'Anna de Vries');
    await admin.get(`/admin/teams/${t.teamId}/users/${adviser.id}`);
    await admin.post(`/admin/teams/${t.teamId}/users/${adviser.id}/profile`, {
      languages: 'Nederlands, English',
      locations: 'Maastricht',
      introNl: 'Ik luister.',
      introEn: 'I listen.',
    });
    const profile = (await listAdviserProfiles(t.deps.db, t.teamId)).find(
      (p) => p.userId === adviser.id,
    )!;
    expect(profile.languages).toEqual(['Nederlands', 'English']);
    expect(profile.intro.en).toBe('I listen.');
    await admin.post(`/admin/teams/${t.teamId}/users/${adviser.id}/roles`, {
      roles: 'safety_coordinator',
    });
    expect(
      (await listAdviserProfiles(t.deps.db, t.teamId)).some((p) => p.userId === adviser.id),
    ).toBe(false);
    const client = new TestClient(t.app);
    expect((await client.signIn(adviser.email, PASSWORD)).status).toBe(303);
    await admin.get(`/admin/teams/${t.teamId}/users/${adviser.id}`);
    await admin.post(`/admin/teams/${t.teamId}/users/${adviser.id}/deactivate`, {});
    expect((await client.get('/cases')).status).toBe(303); // session ended
    expect((await new TestClient(t.app).signIn(adviser.email, PASSWORD)).status).toBe(401);
    expect(await auditTypes()).toEqual(
      expect.arrayContaining([
        'ADVISER_PROFILE_UPDATED',
        'USER_ROLES_CHANGED',
        'USER_DEACTIVATED',
        'USER_INVITED',
      ]),
    );
  });

  it('shows administrators no case content and keeps the audit chain intact', async () => {
    for (const path of [
      '/admin',
      `/admin/teams/${t.teamId}`,
      `/admin/teams/${t.teamId}/users`,
      `/admin/teams/${t.teamId}/tokens`,
    ]) {
      expect((await admin.get(path)).status).toBe(200);
    }
    const secret = 'Vertrouwelijke beschrijving 4711';
    const created = await t.deps.db.transaction().execute((trx) =>
      createCase(
        trx,
        t.deps.keyring,
        {
          teamId: t.teamId,
          source: 'staff',
          receivedOn: '2026-01-05',
          channel: 'email',
          via: 'self',
          reporterRole: 'student',
          reporterGender: 'female',
          category: 'bullying',
          location: 'campus',
          accusedRole: 'student',
          isAnonymous: true,
          narrative: secret,
        },
        { kind: 'system' },
      ),
    );
    const res = await admin.get(`/cases/${created.id}`);
    expect([403, 404]).toContain(res.status);
    expect(admin.lastHtml).not.toContain(secret);
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true });
  });
});
