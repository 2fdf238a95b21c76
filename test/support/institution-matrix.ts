import { sql } from 'kysely';
import type { Deps } from '../../src/server/bootstrap.js';
import type { InstitutionData } from './institution-data.js';

/**
 * The institution matrix (issue 22): for every route of the need-to-know table, what the walk in
 * test/institution-matrix.test.ts needs beyond the table — a form that would pass validation
 * (so that a POST reaches the lookup of the other institution's record, not only the form check),
 * and which of the institution's own people must see its data there (the control: a matrix in
 * which nothing is ever visible proves nothing). The test fails for a route of the table that is
 * missing here, as the need-to-know test fails for a route missing from the table.
 */
export type Own =
  | 'coordinator'
  | 'support_officer'
  | 'board'
  | 'ombudsperson'
  | 'administrator'
  | 'mailbox'
  | 'anonymous';
export interface MatrixRoute {
  /** Who of the institution itself sees its data on this page (GET): its markers, or the file (`file`). */
  control?: Own;
  file?: boolean;
  /** A link that is its own key (an invitation, a calendar file): whoever holds it is let in on its own host. */
  capability?: boolean;
  body?: Record<string, string> | ((ids: Record<string, string>) => Record<string, string>);
}

export const MATRIX: Record<string, MatrixRoute> = {
  'GET /health': {},
  'GET /assets/:name': {},
  'GET /favicon.ico': {},
  'GET /robots.txt': {},
  'GET /lang/:lang': {},
  'GET /metrics': {},
  'GET /api/v1/openapi.json': {},
  'GET /api/v1/problems/:code': {},
  'GET /api/v1/statistics/annual': {},
  'GET /api/v1/cases': {},
  'POST /api/v1/cases': {},
  'GET /api/v1/cases/:reference': {},
  'POST /api/v1/cases/:reference/messages': {},
  'GET /api/v1/cases/:reference/status': {},
  'POST /api/v1/cases/:reference/status': {},
  'GET /sso/oidc/start': {},
  'GET /sso/oidc/callback': {},
  'GET /sso/saml/start': {},
  'POST /sso/saml/acs': {},
  'GET /sso/saml/metadata': {},
  'GET /sso/oidc/reporter/callback': {},
  'GET /': {},
  'GET /melden': {},
  'POST /melden': {},
  'POST /melden/vraag': {},
  'POST /melden/verifieer': {},
  'GET /melden/verifieer/terug': {},
  'POST /melden/bewaard': {},
  'POST /melden/gesprek': {},
  'POST /melden/afspraak': {},
  'GET /melden/afspraak/aangevraagd': {},
  'GET /afspraak/:file': { control: 'anonymous', file: true, capability: true },
  'GET /wegwijzer': {},
  'GET /wegwijzer/advies': {},
  'GET /weg': {},
  'GET /privacy': {},
  'GET /privacy/:team': {},
  'GET /toegankelijkheid': {},
  'GET /postbus': {},
  'POST /postbus': {},
  'POST /postbus/uitloggen': {},
  'GET /postbus/inbox': { control: 'mailbox' },
  'POST /postbus/berichten': {},
  'GET /postbus/bestanden/:id': { control: 'mailbox', file: true },
  'POST /postbus/verslagen/:id': { body: { decision: 'approve' } },
  'POST /postbus/e-mail': {},
  'POST /postbus/e-mail/verwijderen': {},
  'POST /postbus/identiteit': {},
  'GET /postbus/afspraak/:file': {},
  'POST /postbus/afspraak': {},
  'GET /postbus/patroon': {},
  'POST /postbus/patroon': {},
  'POST /postbus/patroon/wachten': {},
  'POST /postbus/patroon/besluit': {},
  'GET /postbus/mijn-gegevens': { control: 'mailbox' },
  'POST /postbus/correctie': {},
  'POST /postbus/wissen': {},
  'GET /login': {},
  'POST /login': {},
  'GET /login/two-factor': {},
  'POST /login/two-factor': {},
  'GET /login/two-factor/enrol': {},
  'POST /login/two-factor/enrol': {},
  'POST /login/two-factor/webauthn/options': {},
  'POST /login/two-factor/webauthn': {},
  'POST /logout': {},
  'GET /setup/:token': { capability: true },
  'POST /setup/:token': { capability: true },
  'GET /invite/:token': { capability: true },
  'POST /invite/:token': { capability: true },
  'GET /login/forgot': {},
  'POST /login/forgot': {},
  'GET /login/reset/:token': { capability: true },
  'POST /login/reset/:token': { capability: true },
  'GET /start': {},
  'GET /platform': {},
  'GET /platform/overview': {},
  'GET /platform/institutions/:institutionId': {},
  'POST /platform/institutions/:institutionId/intake': { body: { mode: 'closed' } },
  'POST /platform/institutions/:institutionId/sign-in': { body: { protocol: 'none' } },
  'POST /platform/institutions/:institutionId/logo': {},
  'POST /platform/institutions/:institutionId/logo/remove': {},
  'GET /login/institution': {},
  'GET /assets/institution-logo': {},
  'GET /admin/institution': {},
  'POST /admin/institution/sign-in': { body: { protocol: 'none' } },
  'POST /admin/institution/logo': {},
  'POST /admin/institution/logo/remove': {},
  'POST /platform/institutions': {},
  'POST /platform/institutions/:institutionId/colour': { body: { colour: '#000000' } },
  'GET /assets/institution.css': {},
  'GET /account/security': {},
  'POST /account/two-factor': {},
  'POST /account/webauthn/options': {},
  'POST /account/webauthn': {},
  'POST /account/webauthn/:credentialId/delete': { body: {} },
  'POST /account/sessions/:sessionId/revoke': { body: {} },
  'POST /account/sso/:provider/link': {},
  'GET /admin': {},
  'POST /admin/teams': {},
  'GET /admin/security': {},
  'POST /admin/security': {},
  'GET /admin/teams/:teamId': {},
  'POST /admin/teams/:teamId': {},
  'GET /admin/teams/:teamId/org-units': {},
  'POST /admin/teams/:teamId/org-units': {},
  'GET /admin/teams/:teamId/categories': {},
  'GET /admin/teams/:teamId/categories/:key': {},
  'POST /admin/teams/:teamId/categories/:key': {},
  'GET /admin/teams/:teamId/partners': { control: 'administrator' },
  'POST /admin/teams/:teamId/partners': {},
  'GET /admin/teams/:teamId/guide': {},
  'POST /admin/teams/:teamId/guide': {},
  'GET /admin/teams/:teamId/users': { control: 'administrator' },
  'POST /admin/teams/:teamId/users/invite': {},
  'GET /admin/teams/:teamId/users/:userId': {},
  'POST /admin/teams/:teamId/users/:userId/roles': { body: { roles: 'board' } },
  'POST /admin/teams/:teamId/users/:userId/profile': {},
  'POST /admin/teams/:teamId/users/:userId/deactivate': { body: {} },
  'POST /admin/teams/:teamId/users/:userId/two-factor/reset': {},
  'GET /admin/teams/:teamId/tokens': { control: 'administrator' },
  'POST /admin/teams/:teamId/tokens': {},
  'POST /admin/teams/:teamId/tokens/:tokenId/revoke': { body: {} },
  'GET /audit': {},
  'GET /audit/chain': {},
  'GET /patterns': {},
  'GET /rights-requests': { control: 'coordinator' },
  'GET /team': {},
  'GET /team/on-call': {},
  'POST /team/on-call': {},
  'GET /urgent/:alertId': { control: 'coordinator' },
  'POST /urgent/:alertId/acknowledge': { body: {} },
  'GET /team/protocols': { control: 'coordinator' },
  'POST /team/protocols': {},
  'GET /team/protocols/:protocolId': { control: 'coordinator' },
  'POST /team/protocols/:protocolId': {
    body: {
      titleNl: 'Overgenomen',
      titleEn: 'Taken',
      categories: 'threat',
      stepsNl: 'Een',
      stepsEn: 'One',
    },
  },
  'GET /team/privacy': {},
  'POST /team/privacy': {},
  'GET /team/privacy/documents/:kind': {},
  'GET /team/breaches': { control: 'coordinator' },
  'POST /team/breaches': {},
  'GET /team/breaches/:breachId': { control: 'coordinator' },
  'POST /team/breaches/:breachId': {
    body: {
      description: 'Overgenomen',
      foundAt: '2026-11-20T10:00',
      caseRefs: '',
      peopleCount: '1',
      risk: 'no_risk',
      riskNotes: '',
      apNotifiedAt: '',
      apReason: '',
      subjectsNotifiedAt: '',
      subjectsReason: '',
      measures: '',
      closed: 'yes',
    },
  },
  'GET /team/activities': { control: 'support_officer' },
  'POST /team/activities': {},
  'POST /team/activities/:activityId/status': {
    body: { status: 'held', participants: '99' },
  },
  'GET /team/objectives': { control: 'support_officer' },
  'POST /team/objectives': {},
  'POST /team/objectives/:objectiveId': {
    body: { status: 'carried_over', notes: 'Overgenomen' },
  },
  'GET /reports/annual': {},
  'GET /reports/annual/download': {},
  'GET /statistics': {},
  'GET /partner-counts': {},
  'POST /partner-counts': {},
  'GET /board/escalations': { control: 'board' },
  'GET /board/escalations/:rid': { control: 'board' },
  'POST /board/escalations/:rid/decision': {
    body: { decision: 'approved', reason: 'Overgenomen' },
  },
  'GET /ombudsperson': { control: 'ombudsperson' },
  'POST /ombudsperson/complaints': {},
  'POST /ombudsperson/complaints/:cid/close': {
    body: (ids) => ({
      [`outcome-${ids.complaintId}`]: 'Overgenomen',
      [`outcomeKind-${ids.complaintId}`]: 'upheld',
    }),
  },
  'POST /ombudsperson/advice': {},
  'GET /ombudsperson/aggregates': {},
  'GET /board/advice': { control: 'board' },
  'POST /board/advice/:aid/answer': { body: (ids) => ({ [`answer-${ids.aid}`]: 'Overgenomen' }) },
  'GET /team/expert-disciplines': {},
  'POST /team/expert-disciplines': {},
  'GET /team/locations': { control: 'coordinator' },
  'POST /team/locations': {},
  'GET /mdo': { control: 'coordinator' },
  'POST /mdo': {},
  'GET /mdo/:mid': { control: 'coordinator' },
  'POST /mdo/items/:iid/decision': { body: { decision: 'Overgenomen' } },
  'POST /mdo/:mid/minutes': { body: { minutes: 'Overgenomen', participants: 'X' } },
  'GET /consultations': {},
  'GET /consultations/:cid': {},
  'POST /consultations/:cid/advice': { body: { advice: 'Overgenomen' } },
  'GET /cases': { control: 'coordinator' },
  'GET /cases/new': {},
  'POST /cases/new': {},
  'POST /cases/filters': {},
  'POST /cases/filters/:filterId/delete': { body: {} },
  'GET /cases/:id': { control: 'coordinator' },
  'POST /cases/:id/assign': { body: (ids) => ({ adviserId: ids.userId ?? '' }) },
  'POST /cases/:id/conflict': {},
  'GET /cases/:id/messages': { control: 'coordinator' },
  'POST /cases/:id/messages': { body: { body: 'Overgenomen' } },
  'POST /cases/:id/minutes': {},
  'POST /cases/:id/appointments/:appointmentId/confirm': {},
  'GET /cases/:id/files/:fileId': { control: 'coordinator', file: true },
  'GET /cases/:id/appointments/:file': { control: 'coordinator', file: true },
  'GET /cases/:id/risk': { control: 'coordinator' },
  'GET /cases/:id/plan': { control: 'coordinator' },
  'GET /cases/:id/escalation': { control: 'coordinator' },
  'GET /cases/:id/police': { control: 'coordinator' },
  'GET /cases/:id/consultations': { control: 'coordinator' },
  'GET /cases/:id/consultations/:cid': { control: 'coordinator' },
  'GET /cases/:id/identifiers': { control: 'coordinator' },
  'GET /cases/:id/protocols': { control: 'coordinator' },
  'GET /cases/:id/safety-plan': { control: 'coordinator' },
  'GET /cases/:id/safety-plan/print': { control: 'coordinator' },
  'GET /cases/:id/urgent': { control: 'coordinator' },
  'POST /cases/:id/status': {
    body: { status: 'closed', followUp: 'advice', closedOn: '2026-12-01' },
  },
  'POST /cases/:id/contacts': {},
  'POST /cases/:id/tasks': {},
  'POST /cases/:id/tasks/:taskId/done': {},
  'POST /cases/:id/documents': {},
  'POST /cases/:id/links': {},
  'POST /cases/:id/goal': {},
  'POST /cases/:id/org-unit': {},
  'POST /cases/:id/support-case': {},
  'POST /cases/:id/export': {},
  'POST /cases/:id/risk': {},
  'POST /cases/:id/plan/steps': {},
  'POST /cases/:id/plan/agreement': {},
  'POST /cases/:id/plan/steps/:stepId/done': {},
  'POST /cases/:id/escalation/steps': {},
  'POST /cases/:id/escalation/steps/:stepId/outcome': {},
  'POST /cases/:id/escalation/share': {},
  'POST /cases/:id/escalation/skip': {},
  'POST /cases/:id/escalation/framework2': {},
  'POST /cases/:id/consultations/:cid/disciplines': {},
  'POST /cases/:id/threats/comms': {},
  'POST /cases/:id/threats/impact': {},
  'GET /cases/:id/referrals': { control: 'coordinator' },
  'POST /cases/:id/referrals': {},
  'POST /cases/:id/referrals/:rid/outcome': {},
  'POST /cases/:id/police': {},
  'POST /cases/:id/police/bundle': {},
  'GET /cases/:id/threats': { control: 'coordinator' },
  'POST /cases/:id/threats/grants': {},
  'POST /cases/:id/threats/grants/revoke': {},
  'POST /cases/:id/threats/support': {},
  'POST /cases/:id/threats/checkins': {},
  'POST /cases/:id/consultations/:cid/summary': {},
  'POST /cases/:id/consultations/:cid/confirm': {},
  'GET /cases/:id/mdo': { control: 'coordinator' },
  'POST /cases/:id/mdo': {},
  'POST /cases/:id/identifiers': {},
  'POST /cases/:id/protocols': {},
  'POST /cases/:id/protocols/:cpId/steps/:stepKey': {},
  'POST /cases/:id/safety-plan': {},
  'POST /cases/:id/urgent': {},
  'GET /cases/:id/consents': { control: 'coordinator' },
  'POST /cases/:id/consents': {},
  'POST /cases/:id/consents/:consentId/withdraw': {
    body: { withdrawVia: 'conversation' },
  },
  'GET /cases/:id/subject-export': { control: 'coordinator', file: true },
  'GET /cases/:id/rights': { control: 'coordinator' },
  'GET /cases/:id/rights/reporter-data': { control: 'coordinator' },
  'POST /cases/:id/rights/requests': {},
  'POST /cases/:id/rights/accused-information': {},
  'GET /cases/:id/rights/requests/:rid': { control: 'coordinator' },
  'POST /cases/:id/rights/requests/:rid/extend': {},
  'POST /cases/:id/rights/requests/:rid/decision': {},
  'GET /threat-log/:id': { control: 'coordinator' },
  'POST /threat-log/:id': {},
  'GET /threat-log/:id/evidence/:eid/screenshot': {},
  'POST /cases/:id/consultations': {},
  'POST /cases/:id/escalation/request': {},
  'POST /cases/:id/consultations/:cid/publish': {},
  'POST /cases/:id/consultations/:cid/close': {},
  'POST /cases/:id/overrides': {},
  'POST /cases/:id/identity-access': {},
  'POST /cases/:id/identity-access/:userId/revoke': {},
  'POST /cases/:id/retention-hold': { body: { hold: 'no' } },
  'POST /cases/:id/rights/requests/:rid/erasure': {},
};

/** Parameters whose values are no secret of an institution (a language, an asset, a category key). */
export const NEUTRAL_PARAMS = new Set([
  'lang',
  'name',
  'key',
  'stepKey',
  'kind',
  'provider',
  'code',
]);

/**
 * The value of a path parameter, from its name (and for a name used for several records, the
 * route it is in): always the institution's own record. A parameter not known here throws.
 */
export function paramValue(param: string, path: string, data: InstitutionData): string {
  const ids = data.ids;
  const pick = (v: string | undefined) => {
    if (!v) throw new Error(`no value for :${param} in ${path}: add one to the institution data`);
    return v;
  };
  switch (param) {
    case 'id':
      if (path.startsWith('/postbus/bestanden/')) return pick(ids.mailboxFileId);
      if (path.startsWith('/postbus/verslagen/')) return pick(ids.minutesId);
      return pick(ids.id);
    case 'teamId':
      return data.institution.teamId;
    case 'team':
      return data.institution.teamKey;
    case 'institutionId':
      return data.institution.id;
    case 'reference':
      return data.reference;
    case 'stepId':
      return pick(path.includes('/plan/') ? ids.planStepId : ids.escalationStepId);
    case 'rid':
      if (path.includes('/referrals/')) return pick(ids.referralId);
      if (path.includes('/rights/')) return pick(ids.rightsRequestId);
      return pick(ids.escalationRequestId);
    case 'cid':
      return pick(path.startsWith('/ombudsperson') ? ids.complaintId : ids.cid);
    case 'file':
      return `${pick(path.startsWith('/afspraak/') ? ids.icsToken : ids.appointmentId)}.ics`;
    case 'lang':
      return 'en';
    case 'name':
      return 'app.css';
    case 'key':
      return 'threat';
    case 'kind':
      return 'register';
    case 'provider':
      return 'oidc';
    case 'code':
      return 'not_found';
    default:
      return pick(ids[param]);
  }
}

export function concretePath(path: string, data: InstitutionData): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => paramValue(name, path, data));
}

/**
 * A fingerprint per table of one institution's rows (every table with an `institution_id`, and
 * its accounts), read in the platform context: equal fingerprints mean nothing of it changed.
 */
export async function fingerprint(
  deps: Deps,
  institutionId: string,
): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'institution_id' ORDER BY table_name`.execute(
    deps.db,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ h: string }>`
      SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h
      FROM ${sql.table(table_name)} t WHERE institution_id = ${institutionId}`.execute(deps.db);
    out[table_name] = r.rows[0]!.h;
  }
  // Sessions and security keys are the accounts' (platform tables): those of the institution's accounts.
  for (const table of ['session', 'webauthn_credential'] as const) {
    const r = await sql<{ h: string }>`
      SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h
      FROM ${sql.table(table)} t JOIN app_user u ON u.id = t.user_id
      WHERE u.institution_id = ${institutionId}`.execute(deps.db);
    out[table] = r.rows[0]!.h;
  }
  return out;
}
