import { describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.js';
import { createStaff, createTeam, PASSWORD } from './support/factories.js';
import { registrationForm, seedCase } from './support/case-helpers.js';
import QRCode from 'qrcode';
import { useTestApp } from './support/use-test-app.js';
import { ACCESS_TABLE } from '../src/server/access/access.table.js';
import { requireConsent } from '../src/server/consent/consent.service.js';

const TODAY = '2026-06-10';
const t = useTestApp({ app: { today: () => TODAY } });

async function signedIn(teamId: string, roles: Parameters<typeof createStaff>[2], name: string) {
  const staff = await createStaff(t.deps, teamId, roles, name);
  const client = new TestClient(t.app, 'nl');
  expect((await client.signIn(staff.email, PASSWORD)).status).toBe(303);
  return { ...staff, client };
}

const refs = (html: string) =>
  [...html.matchAll(/<a href="\/cases\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('the inbox (issue 19)', () => {
  it('puts urgent open cases and cases past a deadline first, marked, then the rest newest first', async () => {
    const team = await createTeam(t.deps, `order-${Date.now()}`);
    const { client } = await signedIn(team, ['safety_coordinator'], 'Coördinator Volgorde');
    // Acknowledgement is due 7 days after receipt: on 2026-06-05 it is not yet overdue on TODAY.
    const recent = await seedCase(t.deps, team, { receivedOn: '2026-06-05' });
    const urgent = await seedCase(t.deps, team, { receivedOn: '2026-06-04' });
    const overdue = await seedCase(t.deps, team, { receivedOn: '2026-05-01' });
    const closedUrgent = await seedCase(t.deps, team, { receivedOn: '2026-06-06' });
    await t.deps.db
      .updateTable('case')
      .set({ is_urgent: true })
      .where('id', 'in', [urgent.id, closedUrgent.id])
      .execute();
    await t.deps.db
      .updateTable('case')
      .set({ status: 'closed', next_due_on: null })
      .where('id', '=', closedUrgent.id)
      .execute();

    await client.get('/cases');
    expect(refs(client.lastHtml)).toEqual([
      urgent.reference,
      overdue.reference,
      closedUrgent.reference,
      recent.reference,
    ]);
    expect(client.lastHtml.match(/data-attention="yes"/g)).toHaveLength(2);
    expect(client.lastHtml.match(/data-testid="inbox-urgent"/g)).toHaveLength(1);
    // The columns an adviser scans, in this order.
    const headers = [...client.lastHtml.matchAll(/<th scope="col">([^<]+)<\/th>/g)]
      .map((m) => m[1])
      .slice(0, 6);
    expect(headers).toEqual([
      'Kenmerk',
      'Ontvangen',
      'Aard',
      'Vertrouwenspersoon',
      'Eerstvolgende termijn',
      'Status',
    ]);
    expect(client.lastHtml).toContain('<time datetime="2026-06-05">5 juni 2026</time>');
  });
});

describe('the case page as a workspace (issue 19)', () => {
  it('shows a named report as named, with the identity only to whom may see it, and who brought it in', async () => {
    const registrar = await signedIn(t.teamId, ['confidential_adviser'], 'Registrerende Adviseur');
    await registrar.client.get('/cases/new');
    const res = await registrar.client.post(
      '/cases/new',
      registrationForm({ team: t.teamId, receivedOn: '2026-06-01' }),
    );
    expect(res.status, registrar.client.lastHtml.match(/error-message[^<]*<[^<]*/g)?.join()).toBe(
      303,
    );
    const caseId = res.headers.get('location')!.split('/').pop()!;
    await registrar.client.get(`/cases/${caseId}`);
    const summary = (html: string) =>
      /data-testid="case-summary"[\s\S]*?<\/section>/.exec(html)![0];
    expect(summary(registrar.client.lastHtml)).toContain(
      'Met naam — de identiteit is voor u niet zichtbaar',
    );
    expect(registrar.client.lastHtml).not.toContain('Anonieme melder');
    expect(registrar.client.lastHtml).not.toContain('Sanne Geheimnaam');
    expect(registrar.client.lastHtml).not.toContain('Kwadraat');

    const coordinator = await signedIn(t.teamId, ['safety_coordinator'], 'Coördinator Werkplek');
    await coordinator.client.get(`/cases/${caseId}`);
    const seen = summary(coordinator.client.lastHtml);
    expect(seen).toContain('Met naam: Sanne Geheimnaam');
    expect(seen).toContain(
      'Bestuur of vertrouwenscontactpersoon vereniging: Vertrouwenscontactpersoon studievereniging Kwadraat',
    );
    // Received 1 June, acknowledgement due 7 days later: past on TODAY (10 June).
    expect(seen).toContain(
      'Ontvangstbevestiging: <time datetime="2026-06-08">8 juni 2026</time><strong> (termijn verstreken)</strong>',
    );
  });

  it('keeps every action closed until asked for, returns to the case with a confirmation, and reopens a refused form', async () => {
    const coordinator = await signedIn(t.teamId, ['safety_coordinator'], 'Coördinator Acties');
    const c = await seedCase(t.deps, t.teamId, { receivedOn: '2026-06-09' });
    const { client } = coordinator;
    await client.get(`/cases/${c.id}`);
    expect(client.lastHtml).toContain('<details class="action" id="action-contact">');
    expect(client.lastHtml).not.toMatch(/<details class="action" id="action-[a-z]+" open/);

    const res = await client.post(`/cases/${c.id}/contacts`, {
      occurredOn: '2026-06-09',
      contactChannel: 'phone',
      participants: 'Melder',
      notes: 'Eerste telefoontje.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cases/${c.id}?notice=contacts`);
    await client.get(res.headers.get('location')!);
    expect(client.lastHtml).toContain('Het contactmoment is opgeslagen.');
    expect(client.lastHtml).toMatch(
      /<time datetime="2026-06-09T[^"]*">9 juni 2026<\/time> — Contactmoment: Telefoon/,
    );

    const future = await client.post(`/cases/${c.id}/contacts`, {
      occurredOn: '2026-06-11',
      contactChannel: 'phone',
      participants: 'Melder',
      notes: 'Nog niet gebeurd.',
    });
    expect(future.status).toBe(422);
    expect(client.lastHtml).toContain(
      'Vul een geldige datum in als JJJJ-MM-DD, niet in de toekomst.',
    );
    expect(client.lastHtml).toContain('<details class="action" id="action-contact" open="">');
    expect(
      await t.deps.db.selectFrom('case_contact').select('id').where('case_id', '=', c.id).execute(),
    ).toHaveLength(1);

    const refused = await client.post(`/cases/${c.id}/tasks`, { title: '', dueOn: '' });
    expect(refused.status).toBe(422);
    expect(client.lastHtml).toContain('<details class="action" id="action-task" open="">');
    expect(client.lastHtml).not.toContain('<details class="action" id="action-contact" open');
    expect(client.lastHtml).not.toContain('Het contactmoment is opgeslagen.'); // a confirmation only after a redirect
  });
});

describe('choosing recipients, never typing codes or ids (issue 19)', () => {
  it('records a consent by choosing "Politie" from the referral directory, and the police share then passes', async () => {
    const coordinator = await signedIn(t.teamId, ['safety_coordinator'], 'Coördinator Toestemming');
    const c = await seedCase(t.deps, t.teamId, { receivedOn: '2026-06-09' });
    const police = {
      info: 'case_documents',
      recipient: { kind: 'partner', value: 'police' },
      purpose: 'police_report',
    } as const;
    await expect(requireConsent(t.deps.db, c.id, police)).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
    });

    const { client } = coordinator;
    await client.get(`/cases/${c.id}/consents`);
    const option = /<option value="([^"]+)">Politie[^<]*<\/option>/.exec(client.lastHtml);
    expect(option, 'the police in the recipient choice').not.toBeNull();
    const res = await client.post(`/cases/${c.id}/consents`, {
      info: 'case_documents',
      recipient: option![1]!,
      purpose: 'police_report',
      obtainedVia: 'conversation',
    });
    expect(res.status).toBe(303);
    await expect(requireConsent(t.deps.db, c.id, police)).resolves.toMatchObject({
      basis: 'consent',
    });
    await client.get(`/cases/${c.id}?timeline=sharing`);
    expect(client.lastHtml).toContain(
      'Documenten en bijlagen → Politie (incl. zedenpolitie) (Aangifte)',
    );
  });

  it('asks in no staff form for an internal id or code as typed text', async () => {
    const coordinator = await signedIn(t.teamId, ['safety_coordinator'], 'Coördinator Formulieren');
    const admin = await signedIn(t.teamId, ['administrator'], 'Beheerder Formulieren');
    const c = await seedCase(t.deps, t.teamId, { receivedOn: '2026-06-09' });
    const pages: [TestClient, string][] = [];
    for (const r of ACCESS_TABLE) {
      if (r.method !== 'GET' || r.rule.kind === 'public' || r.rule.kind === 'bearer') continue;
      const params = r.path.match(/:[A-Za-z]+/g) ?? [];
      if (
        params.some((p) => p !== ':id' && p !== ':teamId') ||
        r.path.endsWith('/download') ||
        r.path.includes('export')
      )
        continue;
      const path = r.path.replace(':id', c.id).replace(':teamId', t.teamId);
      pages.push([r.path.startsWith('/admin') ? admin.client : coordinator.client, path]);
    }
    expect(pages.length).toBeGreaterThan(30);
    const typedIds: string[] = [];
    for (const [client, path] of pages) {
      const res = await client.get(path);
      if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('text/html'))
        continue;
      for (const m of client.lastHtml.matchAll(/<input\b[^>]*>/g)) {
        const tag = m[0];
        const type = /\btype="([^"]+)"/.exec(tag)?.[1] ?? 'text';
        const name = /\bname="([^"]+)"/.exec(tag)?.[1] ?? '';
        // The IdP's client id is issued by the institution's identity provider and typed from its
        // registration: an outside identifier, not one of ours.
        if (name === 'oidcClientId') continue;
        if (
          type === 'text' &&
          (/(_id|Id|_ids|Ids)$/.test(name) || ['recipient', 'handoverTo', 'userId'].includes(name))
        )
          typedIds.push(`${path}: ${name}`);
      }
    }
    expect(typedIds).toEqual([]);
  });
});

describe('adding people without a mail server (issue 19)', () => {
  it('shows the administrator a one-time set-up link, audited, that lets the new person in', async () => {
    const admin = await signedIn(t.teamId, ['administrator'], 'Beheerder Zonder Mail');
    await admin.client.get(`/admin/teams/${t.teamId}/users`);
    expect(admin.client.lastHtml).toContain('Er is geen mailserver ingesteld');
    const res = await admin.client.post(`/admin/teams/${t.teamId}/users/invite`, {
      displayName: 'Nieuwe Adviseur',
      email: 'nieuw@example.test',
      locale: 'nl',
      roles: 'confidential_adviser',
    });
    expect(res.status).toBe(200);
    const link = /<code class="setup-link">[^<]*(\/invite\/[A-Za-z0-9_-]+)<\/code>/.exec(
      admin.client.lastHtml,
    )?.[1];
    expect(link).toBeDefined();
    const shown = await t.deps.db
      .selectFrom('audit_event')
      .select(['type', 'actor_user_id'])
      .where('type', '=', 'USER_INVITE_LINK_SHOWN')
      .execute();
    expect(shown).toEqual([{ type: 'USER_INVITE_LINK_SHOWN', actor_user_id: admin.id }]);
    const invitee = new TestClient(t.app, 'nl');
    await invitee.get(link!);
    expect(invitee.lastHtml).toContain('nieuw@example.test');
    expect(
      (
        await invitee.post(link!, {
          displayName: 'Nieuwe Adviseur',
          password: 'een lang genoeg wachtwoord',
        })
      ).status,
    ).toBe(200);
    expect(
      (await invitee.signIn('nieuw@example.test', 'een lang genoeg wachtwoord')).headers.get(
        'location',
      ),
    ).toBe('/cases');
  });
});

describe('two-factor set-up (issue 19)', () => {
  it('shows the key as a QR code drawn on the server, beside the text key, for the same otpauth link', async () => {
    const adviser = await signedIn(t.teamId, ['support_officer'], 'Ondersteuner Tweestaps');
    await adviser.client.get('/account/security');
    const html = adviser.client.lastHtml;
    const svg =
      /<svg role="img" aria-label="QR-code met de sleutel voor uw authenticator-app"[^>]*data-testid="totp-qr"[\s\S]*?<\/svg>/.exec(
        html,
      )?.[0];
    expect(svg).toBeDefined();
    expect(html).toContain('data-testid="totp-secret"');
    const uri = /<a href="(otpauth:\/\/[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    const expected = await QRCode.toString(uri, {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    const pathOf = (s: string) => /<path stroke="#000000" d="([^"]+)"/.exec(s)![1];
    expect(pathOf(svg!)).toBe(pathOf(expected));
  });
});
