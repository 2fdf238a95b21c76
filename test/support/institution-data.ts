import { expect } from 'vitest';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/http/env.js';
import type { Deps } from '../../src/server/bootstrap.js';
import type { Role } from '../../src/domain/roles.js';
import { createStaff } from './factories.js';
import { HostClient, signedInOn, type Institution } from './institutions.js';
import { intakeFields, jpegWithExif, postMultipart } from './reporter-flow.js';
import { climbToRequest } from './ladder.js';
import type { ParsedMail } from 'mailparser';
import type { TestClient } from './http-client.js';

/**
 * One institution's full set of data, made through its own host the way its people would: a named
 * report with an attachment and an appointment, worked through by its coordinator (risk, plan,
 * tasks, consent, referral, police, identifiers, escalation to the board, expert consultation,
 * protocol, safety plan, urgent alert, threat log, rights request, zorgoverleg), an anonymous
 * report with a mailbox, and the team's own records (breach, activity, objective, location,
 * partner, complaint, advice, saved filter, API token). Every text carries the institution's
 * marker, so a page that shows any of it can be found by that marker.
 */
export interface InstitutionData {
  /** Strings that appear only in this institution's data. */
  markers: string[];
  /** Of those, what its public site shows anyone on its own host (team name, partner directory). */
  publicMarkers: string[];
  /** Ids of this institution's records, by the path parameter (or purpose) they fill. */
  ids: Record<string, string>;
  caseId: string;
  reference: string;
  institution: Institution;
  /** Receipt code of the anonymous report (its mailbox). */
  receipt: string;
  /** Signed-in clients of the institution's own staff on its host, by role. */
  staff: Partial<Record<Role, { id: string; email: string }>>;
  /** A bearer token of the team with every scope. */
  apiToken: string;
}

type App = Hono<AppEnv>;

function ok(res: Response, client: TestClient, what: string, status = 303) {
  expect(
    res.status,
    `${what}: ${/error-summary[\s\S]*?<\/ul>/.exec(client.lastHtml)?.[0] ?? ''}`,
  ).toBe(status);
}

const uuidAfter = (html: string, prefix: string) =>
  new RegExp(`${prefix}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`).exec(
    html,
  )?.[1];

/** Files a report on the institution's host; returns its reference, receipt (anonymous) and the reporter's browser. */
async function report(app: App, inst: Institution, overrides: Record<string, string>) {
  const reporter = new HostClient(app, inst.host, 'nl');
  await reporter.get('/melden');
  const fields = intakeFields(reporter, { team: inst.teamKey, ...overrides });
  const res = await postMultipart(reporter, '/melden', fields, [
    {
      field: 'files',
      name: `bewijs-${overrides.marker ?? 'x'}.jpg`,
      type: 'image/jpeg',
      bytes: jpegWithExif(),
    },
  ]);
  ok(res, reporter, 'report', 200);
  return {
    reporter,
    idempotencyKey: fields.idempotencyKey!,
    reference: /data-testid="reference">([^<]+)</.exec(reporter.lastHtml)![1]!,
    receipt: /data-testid="receipt">([^<]+)</.exec(reporter.lastHtml)?.[1] ?? '',
  };
}

export async function seedInstitutionData(
  deps: Deps,
  app: App,
  inst: Institution,
  tag: string,
  opts: { counter?: number; mails?: ParsedMail[] } = {},
): Promise<InstitutionData> {
  const m = (what: string) => `${what}-${tag}`;
  const markers = new Set<string>();
  const mark = (what: string) => {
    const s = m(what);
    markers.add(s);
    return s;
  };
  const db = deps.db;
  // References are numbered per team: start this team far from the other's, so its reference is its own.
  if (opts.counter)
    await db
      .updateTable('team')
      .set({ case_counter: opts.counter })
      .where('id', '=', inst.teamId)
      .execute();

  const staff: InstitutionData['staff'] = {};
  for (const role of [
    'safety_coordinator',
    'confidential_adviser',
    'support_officer',
    'expert_team_member',
    'board',
    'ombudsperson',
    'partner_service',
    'administrator',
  ] as const)
    staff[role] = await createStaff(deps, inst.teamId, [role], `${role} ${tag}`);
  const coordinator = await signedInOn(app, inst.host, staff.safety_coordinator!.email);
  const admin = await signedInOn(app, inst.host, staff.administrator!.email);

  // The named report, with an appointment request.
  const named = await report(app, inst, {
    category: 'threat',
    reporterRole: 'staff',
    anonymous: 'no',
    name: mark('Reporter Zonnebloem'),
    contact: `${m('zonnebloem')}@example.test`,
    narrative: `Een collega bedreigt mij ${mark('narratief')} na de lezing.`,
    accusedName: mark('Beschuldigde Kwartel'),
    marker: tag,
  });
  markers.add(`${m('zonnebloem')}@example.test`);
  const nextYear = new Date().getFullYear() + 1;
  await named.reporter.post('/melden/gesprek', { idempotencyKey: named.idempotencyKey });
  ok(
    await named.reporter.post('/melden/afspraak', {
      idempotencyKey: named.idempotencyKey,
      mode: 'online_meeting',
      location: 'online',
      slot1: `${nextYear}-03-02T10:00`,
      slot2: '',
      slot3: '',
      email: `${m('zonnebloem')}@example.test`,
    }),
    named.reporter,
    'appointment',
  );
  const caseRow = await db
    .selectFrom('case')
    .select('id')
    .where('reference', '=', named.reference)
    .where('team_id', '=', inst.teamId)
    .executeTakeFirstOrThrow();
  const caseId = caseRow.id;
  const page = (p = '') => `/cases/${caseId}${p}`;
  const post = async (path: string, form: Record<string, string>, what = path, status = 303) => {
    await coordinator.get(
      path.replace(
        /\/(steps|agreement|request|skip|framework2|grants|summary|publish|minutes)$/,
        '',
      ),
    );
    ok(await coordinator.post(path, form), coordinator, what, status);
  };

  ok(
    await coordinator.post(page('/assign'), { adviserId: staff.confidential_adviser!.id }),
    coordinator,
    'assign',
  );
  // The escalation ladder up to a request to the board (before the risk page, which is its first framework).
  await climbToRequest(coordinator, caseId, '2026-11-20');
  await coordinator.get(page('/messages'));
  ok(
    await coordinator.post(page('/messages'), { body: `Dank voor je melding ${mark('bericht')}.` }),
    coordinator,
    'message',
  );
  await coordinator.get(page('/messages'));
  const confirm = /action="(\/cases\/[0-9a-f-]+\/appointments\/([0-9a-f-]+)\/confirm)"/.exec(
    coordinator.lastHtml,
  )!;
  ok(
    await coordinator.post(confirm[1]!, { slot: '0', details: `Kamer ${mark('kamer')}` }),
    coordinator,
    'confirm appointment',
  );
  await post(page('/risk'), {
    person: 'concern',
    others: 'none',
    environment: 'none',
    indicators: 'stalking_following',
    level: 'medium',
    reasoning: `Volgt haar ${mark('risico')}.`,
  });
  await post(page('/plan/steps'), {
    action: `Gesprek met beveiliging ${mark('planstap')}`,
    owner: 'Coördinator',
    dueOn: `${nextYear}-11-30`,
  });
  await post(page('/tasks'), { title: `Nagaan ${mark('taak')}`, dueOn: `${nextYear}-03-20` });
  await post(page('/consents'), {
    info: 'case_content',
    recipientKind: 'partner',
    recipient: 'police',
    purpose: 'referral',
    obtainedVia: 'conversation',
    note: `Besproken ${mark('toestemming')}`,
  });
  await post(
    page('/identifiers'),
    { kind: 'email', value: `${m('kwartel')}@example.org`, qualifier: '' },
    'identifier',
  );
  await coordinator.get(page('/documents'));
  await coordinator.get(page());
  ok(
    await postMultipart(coordinator, page('/documents'), {}, [
      { field: 'files', name: `${mark('verslag')}.jpg`, type: 'image/jpeg', bytes: jpegWithExif() },
    ]),
    coordinator,
    'document',
  );

  await post(page('/police'), {
    status: 'filed',
    offeredOn: '2026-11-20',
    filedOn: '2026-11-23',
    filedBy: 'employer',
    employerAddress: `Minderbroedersberg ${mark('werkgever')}`,
    policeReference: mark('PL2300'),
    followUp: 'Zaak bij de officier van justitie',
  });
  await post(page('/safety-plan'), {
    keepReady: `Telefoon ${mark('klaarleggen')}`,
    whomToCall: 'Beveiliging',
    safeMoments: 'Overdag',
  });
  await post(page('/threats/support'), {
    statementStatus: 'requested',
    otherEmployers: mark('Ziekenhuis'),
    checkinEveryWeeks: '2',
  });
  await post(page('/threats/checkins'), {
    occurredOn: '2026-12-09',
    note: `Rustiger ${mark('checkin')}`,
  });
  await post(page('/threats/grants'), { email: staff.support_officer!.email });
  await coordinator.get(`/threat-log/${caseId}`);
  ok(
    await coordinator.post(`/threat-log/${caseId}`, {
      platform: 'x_twitter',
      link: `https://x.example/status/${m('bewijs')}`,
      seenOn: '2026-11-20',
      note: `Haatreactie ${mark('dreiging')}`,
    }),
    coordinator,
    'threat evidence',
  );
  markers.add(`https://x.example/status/${m('bewijs')}`);
  await post(page('/rights/requests'), {
    subject: 'reporter',
    kind: 'access',
    details: `Per e-mail gevraagd ${mark('inzage')}`,
  });
  await post(page('/urgent'), {});
  // The expert team: an anonymised consultation, published.
  await coordinator.get(page('/consultations'));
  const consultation = await coordinator.post(page('/consultations'), {
    summary: `Anonieme vraag ${mark('consult')}`,
  });
  ok(consultation, coordinator, 'consultation');
  const cid = uuidAfter(consultation.headers.get('location') ?? '', '/consultations/')!;
  // The zorgoverleg with this case on its agenda.
  await coordinator.get('/mdo');
  const meeting = await coordinator.post(`/mdo?team=${inst.teamId}`, {
    heldOn: `${nextYear}-12-10`,
  });
  ok(meeting, coordinator, 'mdo');
  const mid = uuidAfter(meeting.headers.get('location') ?? '', '/mdo/')!;
  await post(page('/mdo'), { meetingId: mid, summary: `Opgewacht ${mark('zorgoverleg')}` });
  // The team's own records.
  const team = `?team=${inst.teamId}`;
  await coordinator.get(`/team/breaches${team}`);
  const breach = await coordinator.post(`/team/breaches${team}`, {
    description: `Lijst gemaild ${mark('datalek')}`,
    foundAt: '2026-11-20T10:00',
    caseRefs: named.reference,
    peopleCount: '3',
    risk: 'risk',
    riskNotes: '',
    apNotifiedAt: '',
    apReason: '',
    subjectsNotifiedAt: '',
    subjectsReason: '',
    measures: '',
  });
  ok(breach, coordinator, 'breach');
  await coordinator.get(`/team/protocols${team}`);
  ok(
    await coordinator.post(`/team/protocols${team}`, {
      titleNl: mark('Protocol'),
      titleEn: mark('Protocol'),
      categories: 'threat',
      stepsNl: 'Gesprek\nAfspraken',
      stepsEn: 'Conversation\nAgreements',
    }),
    coordinator,
    'protocol',
  );
  await coordinator.get(`/team/locations${team}`);
  ok(
    await coordinator.post(`/team/locations${team}`, {
      key: `loc_${tag}`,
      labelNl: mark('Locatie'),
      labelEn: mark('Locatie'),
      instructionsNl: '',
      instructionsEn: '',
    }),
    coordinator,
    'location',
  );
  const officer = await signedInOn(app, inst.host, staff.support_officer!.email);
  await officer.get(`/team/activities${team}`);
  ok(
    await officer.post(`/team/activities${team}`, {
      kind: 'workshop',
      title: mark('Workshop'),
      heldOn: '2026-03-10',
      status: 'planned',
      partner: '',
      participants: '',
    }),
    officer,
    'activity',
  );
  await officer.get(`/team/objectives${team}`);
  ok(
    await officer.post(`/team/objectives${team}`, {
      year: '2026',
      kind: 'objective',
      title: mark('Doel'),
      notes: '',
    }),
    officer,
    'objective',
  );
  await admin.get(`/admin/teams/${inst.teamId}/partners`);
  ok(
    await admin.post(`/admin/teams/${inst.teamId}/partners`, {
      key: `partner_${tag}`,
      kind: 'external',
      nameNl: mark('Partner'),
      nameEn: mark('Partner'),
      phone: '0800-2000',
      url: '',
    }),
    admin,
    'partner',
  );
  await post(page('/consents'), {
    info: 'reporter_identity',
    recipientKind: 'partner',
    recipient: `partner_${tag}`,
    purpose: 'referral',
    obtainedVia: 'conversation',
    note: '',
  });
  await post(page('/referrals'), {
    partner: `partner_${tag}`,
    info: 'reporter_identity',
    warmHandover: 'yes',
    referredOn: '2026-11-23',
  });
  const protocolId = (
    await db
      .selectFrom('protocol')
      .select('id')
      .where('team_id', '=', inst.teamId)
      .executeTakeFirstOrThrow()
  ).id;
  await post(page('/protocols'), { protocolId, via: 'category' });
  await admin.get(`/admin/teams/${inst.teamId}/tokens`);
  const body = new URLSearchParams({ _csrf: admin.csrfToken(), name: mark('Token') });
  for (const s of [
    'statistics:read',
    'cases:read',
    'cases:register',
    'correspondence:write',
    'cases:status',
  ])
    body.append('scopes', s);
  ok(
    await admin.send(`/admin/teams/${inst.teamId}/tokens`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    admin,
    'token',
    200,
  );
  const apiToken = /data-testid="api-token">([^<]+)</.exec(admin.lastHtml)![1]!;
  const ombudsperson = await signedInOn(app, inst.host, staff.ombudsperson!.email);
  await ombudsperson.get('/ombudsperson');
  ok(
    await ombudsperson.post(`/ombudsperson/complaints${team}`, {
      receivedOn: '2026-10-01',
      subject: `Niet opgepakt ${mark('klacht')}`,
    }),
    ombudsperson,
    'complaint',
  );
  await ombudsperson.get('/ombudsperson');
  ok(
    await ombudsperson.post(`/ombudsperson/advice${team}`, {
      advice: `Leg vast ${mark('advies')}`,
    }),
    ombudsperson,
    'advice',
  );
  await coordinator.get('/cases');
  ok(
    await coordinator.post('/cases/filters', {
      status: 'closed',
      category: '',
      filterName: mark('Filter'),
    }),
    coordinator,
    'filter',
  );

  // An anonymous report whose reporter writes from the mailbox.
  const anonymous = await report(app, inst, {
    narrative: `Anoniem gemeld ${mark('anoniem')}`,
    marker: `${tag}-anon`,
  });

  // The anonymous reporter writes; the coordinator sends minutes for approval.
  const mailbox = new HostClient(app, inst.host, 'nl');
  await mailbox.get('/postbus');
  ok(await mailbox.post('/postbus', { receipt: anonymous.receipt }), mailbox, 'mailbox');
  await mailbox.get('/postbus/inbox');
  ok(
    await postMultipart(mailbox, '/postbus/berichten', { body: `Nog iets ${mark('postbus')}` }),
    mailbox,
    'mailbox message',
  );
  const anonymousId = (
    await db
      .selectFrom('case')
      .select('id')
      .where('reference', '=', anonymous.reference)
      .where('team_id', '=', inst.teamId)
      .executeTakeFirstOrThrow()
  ).id;
  await post(`/cases/${anonymousId}/minutes`, {
    conversationOn: '2026-11-20',
    minutes: `Gesprek gevoerd ${mark('verslag-gesprek')}`,
  });
  // An invitation, whose link is mailed (the token is stored only as a hash).
  await admin.get(`/admin/teams/${inst.teamId}/users`);
  const invitee = `${m('invitee')}@example.test`;
  markers.add(invitee);
  ok(
    await admin.post(`/admin/teams/${inst.teamId}/users/invite`, {
      displayName: mark('Uitgenodigde'),
      email: invitee,
      locale: 'en',
      roles: 'confidential_adviser',
    }),
    admin,
    'invite',
  );
  const mailed = async (pattern: RegExp, to: string) => {
    for (let i = 0; i < 100; i++) {
      const mail = (opts.mails ?? []).find(
        (x) => JSON.stringify(x.to ?? '').includes(to) && pattern.test(x.text ?? ''),
      );
      if (mail) return pattern.exec(mail.text ?? '')![1]!;
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  };
  // A security key of the coordinator (stored directly: enrolling one needs an authenticator).
  const credential = await db
    .insertInto('webauthn_credential')
    .values({
      user_id: staff.safety_coordinator!.id,
      credential_id: m('credential'),
      public_key: Buffer.from('x'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const byCase = async (
    table:
      | 'case_attachment'
      | 'plan_step'
      | 'case_task'
      | 'referral'
      | 'consent_grant'
      | 'escalation_step'
      | 'escalation_request'
      | 'rights_request'
      | 'urgent_alert'
      | 'case_protocol'
      | 'mdo_item'
      | 'threat_evidence',
  ) =>
    (
      await db
        .selectFrom(table)
        .select('id')
        .where('case_id', '=', caseId)
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
  const byTeam = async (
    table:
      | 'breach'
      | 'protocol'
      | 'team_activity'
      | 'team_objective'
      | 'procedure_complaint'
      | 'board_advice'
      | 'api_token',
  ) =>
    (
      await db
        .selectFrom(table)
        .select('id')
        .where('institution_id', '=', inst.id)
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
  const ids: Record<string, string> = {
    id: caseId,
    anonymousCaseId: anonymousId,
    mailboxFileId: (
      await db
        .selectFrom('case_attachment')
        .select('id')
        .where('case_id', '=', anonymousId)
        .executeTakeFirstOrThrow()
    ).id,
    minutesId: (
      await db
        .selectFrom('case_minutes')
        .select('id')
        .where('case_id', '=', anonymousId)
        .executeTakeFirstOrThrow()
    ).id,
    userId: staff.confidential_adviser!.id,
    sessionId: (
      await db
        .selectFrom('session')
        .select('id')
        .where('user_id', '=', staff.safety_coordinator!.id)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id,
    credentialId: credential.id,
    stepKey:
      (
        await db
          .selectFrom('case_protocol_step')
          .select('step_key')
          .limit(1)
          .where('institution_id', '=', inst.id)
          .executeTakeFirst()
      )?.step_key ?? 'signals',
    token: (await mailed(/\/invite\/([A-Za-z0-9_-]+)/, invitee)) ?? '',
    icsToken:
      (await mailed(/\/afspraak\/([A-Za-z0-9_-]+)\.ics/, `${m('zonnebloem')}@example.test`)) ?? '',
    appointmentId: confirm[2]!,
    fileId: await byCase('case_attachment'),
    planStepId: await byCase('plan_step'),
    taskId: await byCase('case_task'),
    consentId: await byCase('consent_grant'),
    referralId: await byCase('referral'),
    cpId: await byCase('case_protocol'),
    iid: await byCase('mdo_item'),
    escalationStepId: await byCase('escalation_step'),
    escalationRequestId: await byCase('escalation_request'),
    rightsRequestId: await byCase('rights_request'),
    alertId: await byCase('urgent_alert'),
    eid: await byCase('threat_evidence'),
    cid: cid,
    mid,
    breachId: await byTeam('breach'),
    protocolId: await byTeam('protocol'),
    activityId: await byTeam('team_activity'),
    objectiveId: await byTeam('team_objective'),
    complaintId: await byTeam('procedure_complaint'),
    aid: await byTeam('board_advice'),
    tokenId: await byTeam('api_token'),
    filterId: (
      await db
        .selectFrom('saved_inbox_filter')
        .select('id')
        .where('user_id', '=', staff.safety_coordinator!.id)
        .executeTakeFirstOrThrow()
    ).id,
  };
  return {
    markers: [...markers, inst.teamName],
    publicMarkers: [inst.teamName, m('Partner')],
    ids,
    caseId,
    reference: named.reference,
    receipt: anonymous.receipt,
    institution: inst,
    staff,
    apiToken,
  };
}
