import {
  BEARER,
  CASE_CONTENT,
  CASE_COORDINATOR,
  CASE_HANDLE,
  PLATFORM,
  PUBLIC,
  roles,
  route,
  SIGNED_IN,
  teamRoles,
  THREAT_LOG,
  type RouteAccess,
} from './access.rules.js';

export type { AccessRule, CaseScope, RouteAccess } from './access.rules.js';

/**
 * THE need-to-know table: for every route registered in app.tsx, who may use it. The
 * need-to-know middleware (need-to-know.ts) enforces it before any feature runs, and refuses a
 * route that is missing here. test/access-table.test.ts fails when a registered route is missing
 * and walks every entry for every role, own team or not, assigned or not, against the live app.
 * The features keep their own finer checks (a sub-record of another case, a published
 * consultation, the chosen team of a team page) as a second line.
 */
const ADVISERS = ['confidential_adviser', 'safety_coordinator'] as const;
const TEAM_WORK = ['support_officer', 'safety_coordinator', 'confidential_adviser'] as const;

export const ACCESS_TABLE: readonly RouteAccess[] = [
  // Outside the session (mounted before it): health, assets and icons, robots.txt, language, metrics, API, single sign-on.
  route('GET /health', PUBLIC),
  route('GET /assets/:name', PUBLIC),
  route('GET /favicon.ico', PUBLIC),
  route('GET /robots.txt', PUBLIC),
  route('GET /lang/:lang', PUBLIC),
  route('GET /metrics', PUBLIC), // counters without case data; only with the bearer token MELDPUNT_METRICS_TOKEN, off without one
  route('GET /api/v1/openapi.json', PUBLIC),
  route('GET /api/v1/problems/:code', PUBLIC),
  route('GET /api/v1/statistics/annual', BEARER),
  route('GET /api/v1/cases', BEARER),
  route('POST /api/v1/cases', BEARER),
  route('GET /api/v1/cases/:reference', BEARER),
  route('POST /api/v1/cases/:reference/messages', BEARER),
  route('GET /api/v1/cases/:reference/status', BEARER),
  route('POST /api/v1/cases/:reference/status', BEARER),
  route('GET /sso/oidc/start', PUBLIC),
  route('GET /sso/oidc/callback', PUBLIC),
  route('GET /sso/saml/start', PUBLIC),
  route('POST /sso/saml/acs', PUBLIC),
  route('GET /sso/saml/metadata', PUBLIC),
  route('GET /login/institution', PUBLIC), // the choice of institution on the platform host (decision 038)
  route('GET /sso/oidc/reporter/callback', PUBLIC), // a reporter's optional verification (issue 9); no session

  // The public site: intake, guide, appointment requests; the reporter's mailbox (receipt-code session).
  route('GET /', PUBLIC),
  route('GET /melden', PUBLIC),
  route('POST /melden', PUBLIC),
  route('POST /melden/vraag', PUBLIC),
  route('POST /melden/verifieer', PUBLIC),
  route('GET /melden/verifieer/terug', PUBLIC),
  route('POST /melden/bewaard', PUBLIC),
  route('POST /melden/gesprek', PUBLIC),
  route('POST /melden/afspraak', PUBLIC),
  route('GET /melden/afspraak/aangevraagd', PUBLIC),
  route('GET /afspraak/:file', PUBLIC),
  route('GET /wegwijzer', PUBLIC),
  route('GET /wegwijzer/advies', PUBLIC),
  route('GET /weg', PUBLIC), // the quick exit: ends the mailbox session, leaves the site
  route('GET /privacy', PUBLIC), // the privacy statement, generated from the configuration (issue 23)
  route('GET /privacy/:team', PUBLIC),
  route('GET /toegankelijkheid', PUBLIC), // the accessibility statement
  route('GET /postbus', PUBLIC),
  route('POST /postbus', PUBLIC),
  route('POST /postbus/uitloggen', PUBLIC),
  route('GET /postbus/inbox', PUBLIC),
  route('POST /postbus/berichten', PUBLIC),
  route('GET /postbus/bestanden/:id', PUBLIC),
  route('POST /postbus/verslagen/:id', PUBLIC),
  route('POST /postbus/e-mail', PUBLIC),
  route('POST /postbus/e-mail/verwijderen', PUBLIC),
  route('POST /postbus/identiteit', PUBLIC),
  route('GET /postbus/afspraak/:file', PUBLIC),
  route('POST /postbus/afspraak', PUBLIC),
  route('GET /postbus/patroon', PUBLIC),
  route('POST /postbus/patroon', PUBLIC),
  route('POST /postbus/patroon/wachten', PUBLIC),
  route('POST /postbus/patroon/besluit', PUBLIC),
  // The reporter's rights from the mailbox (issue 23): a copy of what is held, a correction, erasure.
  route('GET /postbus/mijn-gegevens', PUBLIC),
  route('POST /postbus/correctie', PUBLIC),
  route('POST /postbus/wissen', PUBLIC),

  // Signing in, the second factor, invitations: before a session exists.
  route('GET /login', PUBLIC),
  route('POST /login', PUBLIC),
  route('GET /login/two-factor', PUBLIC),
  route('POST /login/two-factor', PUBLIC),
  route('GET /login/two-factor/enrol', PUBLIC),
  route('POST /login/two-factor/enrol', PUBLIC),
  route('POST /login/two-factor/webauthn/options', PUBLIC),
  route('POST /login/two-factor/webauthn', PUBLIC),
  route('POST /logout', PUBLIC),
  route('GET /setup/:token', PUBLIC),
  route('POST /setup/:token', PUBLIC),
  route('GET /invite/:token', PUBLIC),
  route('POST /invite/:token', PUBLIC),
  // Forgotten password (decision 018): the same answer for every address; the link is the key.
  route('GET /login/forgot', PUBLIC),
  route('POST /login/forgot', PUBLIC),
  route('GET /login/reset/:token', PUBLIC),
  route('POST /login/reset/:token', PUBLIC),

  // Own account; the start page of a role without a work list of its own (issue 19).
  route('GET /start', SIGNED_IN),
  route('GET /platform', PLATFORM), // issue 22: the platform operator's institutions
  route('GET /platform/overview', PLATFORM), // decision 040: the national overview, aggregates only
  route('POST /platform/institutions', PLATFORM),
  route('POST /platform/institutions/:institutionId/colour', PLATFORM),
  route('GET /platform/institutions/:institutionId', PLATFORM), // its logo and identity provider (decision 038)
  route('POST /platform/institutions/:institutionId/sign-in', PLATFORM),
  route('POST /platform/institutions/:institutionId/logo', PLATFORM),
  route('POST /platform/institutions/:institutionId/logo/remove', PLATFORM),
  route('POST /platform/institutions/:institutionId/intake', PLATFORM), // the intake switch per institution (decision 039)
  route('GET /assets/institution.css', PUBLIC), // the request's institution's colours (issue 22)
  route('GET /assets/institution-logo', PUBLIC), // its logo (decision 038)
  route('GET /account/security', SIGNED_IN),
  route('POST /account/two-factor', SIGNED_IN),
  route('POST /account/webauthn/options', SIGNED_IN),
  route('POST /account/webauthn', SIGNED_IN),
  route('POST /account/webauthn/:credentialId/delete', SIGNED_IN), // own keys only; another user's key answers 404
  route('POST /account/sessions/:sessionId/revoke', SIGNED_IN),
  route('POST /account/sso/:provider/link', SIGNED_IN), // link an institution account to one's own (decision 024)

  // Administration: users, roles, configuration — never case content.
  route('GET /admin', roles('administrator')),
  route('POST /admin/teams', roles('administrator')),
  route('GET /admin/security', roles('administrator')),
  route('GET /admin/institution', roles('administrator')), // own logo and identity provider (decision 038)
  route('POST /admin/institution/sign-in', roles('administrator')),
  route('POST /admin/institution/logo', roles('administrator')),
  route('POST /admin/institution/logo/remove', roles('administrator')),
  route('POST /admin/security', roles('administrator')),
  route('GET /admin/teams/:teamId', teamRoles('administrator')),
  route('POST /admin/teams/:teamId', teamRoles('administrator')),
  route('GET /admin/teams/:teamId/org-units', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/org-units', teamRoles('administrator')),
  route('GET /admin/teams/:teamId/categories', teamRoles('administrator')),
  route('GET /admin/teams/:teamId/categories/:key', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/categories/:key', teamRoles('administrator')),
  route('GET /admin/teams/:teamId/partners', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/partners', teamRoles('administrator')),
  route('GET /admin/teams/:teamId/guide', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/guide', teamRoles('administrator')),
  route('GET /admin/teams/:teamId/users', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/users/invite', teamRoles('administrator')),
  route('GET /admin/teams/:teamId/users/:userId', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/users/:userId/roles', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/users/:userId/profile', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/users/:userId/deactivate', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/users/:userId/two-factor/reset', teamRoles('administrator')), // never one's own (decision 018)
  route('GET /admin/teams/:teamId/tokens', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/tokens', teamRoles('administrator')),
  route('POST /admin/teams/:teamId/tokens/:tokenId/revoke', teamRoles('administrator')),

  // Team-wide pages (no case content; each picks a team where the user holds the role).
  route('GET /audit', roles('safety_coordinator')),
  route('GET /audit/chain', roles('safety_coordinator')), // the hash chain's check, in words (issue 19)
  route('GET /patterns', roles('safety_coordinator')),
  route('GET /rights-requests', roles('safety_coordinator')), // open data-subject requests and their legal terms (issue 23)
  route('GET /team', roles(...TEAM_WORK, 'administrator')),
  route('GET /team/on-call', roles(...ADVISERS, 'administrator')),
  route('POST /team/on-call', roles('safety_coordinator', 'administrator')),
  route('GET /urgent/:alertId', roles(...ADVISERS)),
  route('POST /urgent/:alertId/acknowledge', roles(...ADVISERS)),
  route('GET /team/protocols', roles('safety_coordinator', 'administrator')),
  route('POST /team/protocols', roles('safety_coordinator', 'administrator')),
  route('GET /team/protocols/:protocolId', roles('safety_coordinator', 'administrator')),
  route('POST /team/protocols/:protocolId', roles('safety_coordinator', 'administrator')),
  // The controller's duties (issue 23): the statement's own text, record of processing and DPIA, breach register.
  route('GET /team/privacy', roles('safety_coordinator', 'administrator')),
  route('POST /team/privacy', roles('safety_coordinator', 'administrator')),
  route('GET /team/privacy/documents/:kind', roles('safety_coordinator', 'administrator')),
  route('GET /team/breaches', roles('safety_coordinator', 'administrator')),
  route('POST /team/breaches', roles('safety_coordinator', 'administrator')),
  route('GET /team/breaches/:breachId', roles('safety_coordinator', 'administrator')),
  route('POST /team/breaches/:breachId', roles('safety_coordinator', 'administrator')),
  route('GET /team/activities', roles(...TEAM_WORK)),
  route('POST /team/activities', roles(...TEAM_WORK)),
  route('POST /team/activities/:activityId/status', roles(...TEAM_WORK)),
  route('GET /team/objectives', roles(...TEAM_WORK)),
  route('POST /team/objectives', roles(...TEAM_WORK)),
  route('POST /team/objectives/:objectiveId', roles(...TEAM_WORK)),
  // Annual report with unsuppressed figures and its downloads; the board's suppressed aggregates; partner counts (issue 7).
  route('GET /reports/annual', roles(...ADVISERS)),
  route('GET /reports/annual/download', roles(...ADVISERS)),
  route('GET /statistics', roles('board', 'safety_coordinator')),
  route('GET /partner-counts', roles('partner_service', ...ADVISERS)),
  route('POST /partner-counts', roles('partner_service')),
  // The board answers escalation requests of its teams (anonymised) and sees acute-risk shares afterwards (issue 21).
  route('GET /board/escalations', roles('board')),
  route('GET /board/escalations/:rid', roles('board')),
  route('POST /board/escalations/:rid/decision', roles('board')),
  // The ombudsperson's own work — complaints about procedure, unsolicited advice — and the board's answers; no case content (issue 21).
  route('GET /ombudsperson', roles('ombudsperson')),
  route('POST /ombudsperson/complaints', roles('ombudsperson')),
  route('POST /ombudsperson/complaints/:cid/close', roles('ombudsperson')),
  route('POST /ombudsperson/advice', roles('ombudsperson')),
  route('GET /ombudsperson/aggregates', roles('ombudsperson')), // suppressed counts only, no case (issue 21)
  route('GET /board/advice', roles('board')),
  route('POST /board/advice/:aid/answer', roles('board')),
  route('GET /team/expert-disciplines', roles('safety_coordinator')), // which disciplines each expert-team member covers (issue 21)
  route('POST /team/expert-disciplines', roles('safety_coordinator')),
  // Where the team's conversations take place: names and directions, no case content (issue 21).
  route('GET /team/locations', roles('safety_coordinator', 'administrator')),
  route('POST /team/locations', roles('safety_coordinator', 'administrator')),
  route('GET /mdo', roles(...ADVISERS)),
  route('POST /mdo', roles('safety_coordinator')),
  route('GET /mdo/:mid', roles(...ADVISERS)),
  route('POST /mdo/items/:iid/decision', roles('safety_coordinator')),
  route('POST /mdo/:mid/minutes', roles('safety_coordinator')), // the meeting's minutes, sealed, nothing identifying (issue 21)
  // The expert team reads anonymised, published consultations of its team — never a case.
  route('GET /consultations', roles('expert_team_member', 'safety_coordinator')),
  route('GET /consultations/:cid', roles('expert_team_member', 'safety_coordinator')),
  route('POST /consultations/:cid/advice', roles('expert_team_member', 'safety_coordinator')),

  // The inbox (metadata of the own teams' cases) and registering a report.
  route('GET /cases', SIGNED_IN),
  route('GET /cases/new', roles(...ADVISERS)),
  route('POST /cases/new', roles(...ADVISERS)),
  // Saved inbox filters: one's own, by name (issue 19).
  route('POST /cases/filters', roles(...ADVISERS)),
  route('POST /cases/filters/:filterId/delete', roles(...ADVISERS)),

  // One case: reading it, and picking it up.
  route('GET /cases/:id', CASE_CONTENT),
  route('POST /cases/:id/assign', CASE_CONTENT), // pick up an open case, hand over one's own; the coordinator always
  // Declaring a conflict shuts the declarer out; any adviser of the team may, also one who cannot open the case (the inbox row).
  route('POST /cases/:id/conflict', {
    kind: 'case',
    scopes: { safety_coordinator: 'team', confidential_adviser: 'team' },
  }),
  // The reporter must hear back promptly (acknowledgement within 7 days): an adviser may answer an open case.
  route('GET /cases/:id/messages', CASE_CONTENT),
  route('POST /cases/:id/messages', CASE_CONTENT),
  route('POST /cases/:id/minutes', CASE_CONTENT),
  route('POST /cases/:id/appointments/:appointmentId/confirm', CASE_CONTENT),
  route('GET /cases/:id/files/:fileId', CASE_CONTENT),
  route('GET /cases/:id/appointments/:file', CASE_CONTENT),
  route('GET /cases/:id/risk', CASE_CONTENT),
  route('GET /cases/:id/plan', CASE_CONTENT),
  route('GET /cases/:id/escalation', CASE_CONTENT),
  route('GET /cases/:id/police', CASE_CONTENT),
  route('GET /cases/:id/consultations', CASE_CONTENT),
  route('GET /cases/:id/consultations/:cid', CASE_CONTENT),
  route('GET /cases/:id/identifiers', CASE_CONTENT),
  route('GET /cases/:id/protocols', CASE_CONTENT),
  route('GET /cases/:id/safety-plan', CASE_CONTENT),
  route('GET /cases/:id/safety-plan/print', CASE_CONTENT),
  route('GET /cases/:id/urgent', CASE_CONTENT),

  // One case: changing it, writing to the reporter, sharing from it — its handlers.
  route('POST /cases/:id/status', CASE_HANDLE),
  route('POST /cases/:id/contacts', CASE_HANDLE),
  route('POST /cases/:id/tasks', CASE_HANDLE),
  route('POST /cases/:id/tasks/:taskId/done', CASE_HANDLE),
  route('POST /cases/:id/documents', CASE_HANDLE), // documents and evidence on the case record (staff only)
  route('POST /cases/:id/links', CASE_HANDLE),
  route('POST /cases/:id/goal', CASE_HANDLE),
  route('POST /cases/:id/org-unit', CASE_HANDLE), // the faculty or unit the annual report counts it by (issue 19)
  route('POST /cases/:id/support-case', CASE_HANDLE),
  route('POST /cases/:id/export', CASE_HANDLE),
  route('POST /cases/:id/risk', CASE_HANDLE),
  route('POST /cases/:id/plan/steps', CASE_HANDLE),
  route('POST /cases/:id/plan/agreement', CASE_HANDLE),
  route('POST /cases/:id/plan/steps/:stepId/done', CASE_HANDLE),
  route('POST /cases/:id/escalation/steps', CASE_HANDLE),
  route('POST /cases/:id/escalation/steps/:stepId/outcome', CASE_HANDLE),
  route('POST /cases/:id/escalation/share', CASE_HANDLE),
  route('POST /cases/:id/escalation/skip', CASE_HANDLE), // a ladder rung skipped, with its reason (issue 21)
  route('POST /cases/:id/escalation/framework2', CASE_HANDLE), // Afwegingskader 2
  route('POST /cases/:id/consultations/:cid/disciplines', CASE_HANDLE), // the disciplines a draft consultation goes to
  route('POST /cases/:id/threats/comms', CASE_HANDLE), // the communications action list (seeds/003)
  route('POST /cases/:id/threats/impact', CASE_HANDLE), // impact on work and on a temporary contract
  route('GET /cases/:id/referrals', CASE_HANDLE),
  route('POST /cases/:id/referrals', CASE_HANDLE),
  route('POST /cases/:id/referrals/:rid/outcome', CASE_HANDLE),
  route('POST /cases/:id/police', CASE_HANDLE),
  route('POST /cases/:id/police/bundle', CASE_HANDLE),
  route('GET /cases/:id/threats', CASE_HANDLE),
  route('POST /cases/:id/threats/grants', CASE_HANDLE),
  route('POST /cases/:id/threats/grants/revoke', CASE_HANDLE),
  route('POST /cases/:id/threats/support', CASE_HANDLE),
  route('POST /cases/:id/threats/checkins', CASE_HANDLE),
  route('POST /cases/:id/consultations/:cid/summary', CASE_HANDLE),
  route('POST /cases/:id/consultations/:cid/confirm', CASE_HANDLE),
  route('GET /cases/:id/mdo', CASE_HANDLE),
  route('POST /cases/:id/mdo', CASE_HANDLE),
  route('POST /cases/:id/identifiers', CASE_HANDLE),
  route('POST /cases/:id/protocols', CASE_HANDLE),
  route('POST /cases/:id/protocols/:cpId/steps/:stepKey', CASE_HANDLE),
  route('POST /cases/:id/safety-plan', CASE_HANDLE),
  route('POST /cases/:id/urgent', CASE_HANDLE),
  route('GET /cases/:id/consents', CASE_HANDLE),
  route('POST /cases/:id/consents', CASE_HANDLE),
  route('POST /cases/:id/consents/:consentId/withdraw', CASE_HANDLE),
  route('GET /cases/:id/subject-export', CASE_HANDLE),
  // Data-subject requests and the accused's information duty (issue 23); on the accused's support case, its handlers see the accused's side only.
  route('GET /cases/:id/rights', CASE_HANDLE),
  route('GET /cases/:id/rights/reporter-data', CASE_HANDLE),
  route('POST /cases/:id/rights/requests', CASE_HANDLE),
  route('POST /cases/:id/rights/accused-information', CASE_HANDLE),
  route('GET /cases/:id/rights/requests/:rid', CASE_HANDLE),
  route('POST /cases/:id/rights/requests/:rid/extend', CASE_HANDLE),
  route('POST /cases/:id/rights/requests/:rid/decision', CASE_HANDLE),
  route('GET /threat-log/:id', THREAT_LOG),
  route('POST /threat-log/:id', THREAT_LOG),
  route('GET /threat-log/:id/evidence/:eid/screenshot', THREAT_LOG),

  // One case: the coordinator's decisions.
  route('POST /cases/:id/consultations', CASE_COORDINATOR), // anonymised summary for the expert team
  route('POST /cases/:id/escalation/request', CASE_COORDINATOR), // the anonymised escalation request to the board (issue 21)
  route('POST /cases/:id/consultations/:cid/publish', CASE_COORDINATOR),
  route('POST /cases/:id/consultations/:cid/close', CASE_COORDINATOR),
  route('POST /cases/:id/overrides', CASE_COORDINATOR),
  route('POST /cases/:id/identity-access', CASE_COORDINATOR),
  route('POST /cases/:id/identity-access/:userId/revoke', CASE_COORDINATOR),
  route('POST /cases/:id/retention-hold', CASE_COORDINATOR),
  route('POST /cases/:id/rights/requests/:rid/erasure', CASE_COORDINATOR), // erasure on a data subject's request (issue 23)
];

export function findRouteAccess(method: string, path: string): RouteAccess | undefined {
  return ACCESS_TABLE.find((r) => r.method === method && r.path === path);
}
