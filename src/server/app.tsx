import { Hono, type Context, type Env, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { sql } from 'kysely';
import { asPlatform, currentInstitution, withInstitution } from './db/tenancy.js';
import type { Deps } from './bootstrap.js';
import { isLang, translator } from '../i18n/i18n.js';
import { ASSETS } from '../ui/assets.js';
import { csrfProtection } from './http/csrf.js';
import { sameOriginPath } from './http/redirect.js';
import { readStrictCookie, setStrictCookie } from './http/cookies.js';
import { viewContext, type AppEnv } from './http/env.js';
import { AppError, isDatabaseUnavailable, MESSAGE_BY_CODE, STATUS_BY_CODE } from './http/errors.js';
import { securityHeaders } from './http/security.js';
import { ROBOTS_TXT } from './http/indexing.js';
import { errorForLog, type Logger } from './logger.js';
import { SESSION_COOKIE } from './auth/auth.routes.js';
import { findSessionUser, isPlatformOperatorSession } from './auth/auth.service.js';
import type { SessionUser } from './users/users.service.js';
import { MessagePage } from './auth/auth.views.js';
import { isUploadPath, UPLOAD_BODY_BYTES } from './attachments/upload-rules.js';
import { readSsoConfig, type SsoConfig } from './sso/sso.config.js';
import { createMetrics } from './ops/metrics.js';
import { metricsAccess } from './ops/metrics-auth.js';
import { needToKnow } from './access/need-to-know.js';
// The route groups, in the order of the table below.
import { apiRoutes } from './api/api.routes.js';
import { ssoRoutes } from './sso/sso.routes.js';
import { intakeRoutes } from './intake/intake.routes.js';
import { guideRoutes } from './guide/guide.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { appointmentRoutes } from './appointments/appointments.routes.js';
import { quickExitRoutes } from './mailbox/quick-exit.routes.js';
import { mailboxRoutes } from './mailbox/mailbox.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { twoFactorRoutes } from './auth/two-factor.routes.js';
import { ssoLinkRoutes } from './sso/sso-link.routes.js';
import { ssoDirectory, ssoLinksFor } from './sso/sso-directory.js';
import { institutionChoiceRoutes } from './sso/sso-choice.routes.js';
import { webauthnRoutes } from './auth/webauthn.routes.js';
import { inviteRoutes } from './admin/invite.routes.js';
import { passwordResetRoutes } from './recovery/password-reset.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { caseRoutes } from './cases/cases.routes.js';
import { correspondenceRoutes } from './mailbox/staff.routes.js';
import { consentRoutes } from './consent/consent.routes.js';
import { retentionRoutes } from './retention/retention.routes.js';
import { rightsRoutes } from './rights/rights.routes.js';
import { apiTokenRoutes } from './api/api-tokens.routes.js';
import { patternRoutes } from './patterns/patterns.routes.js';
import { riskRoutes } from './risk/risk.routes.js';
import { planRoutes } from './plans/plans.routes.js';
import { threatRoutes } from './threats/threats.routes.js';
import { referralRoutes } from './referrals/referrals.routes.js';
import { policeRoutes } from './police/police.routes.js';
import { expertRoutes } from './expert/expert.routes.js';
import { mdoRoutes } from './mdo/mdo.routes.js';
import { escalationRoutes } from './escalation/escalation.routes.js';
import { boardRoutes } from './escalation/board.routes.js';
import { ombudsRoutes } from './ombuds/ombuds.routes.js';
import { protocolCaseRoutes } from './protocols/protocols.routes.js';
import { safetyPlanRoutes } from './safety-plan/safety-plan.routes.js';
import { urgentRoutes } from './urgent/urgent.routes.js';
import { teamHomeRoutes } from './team-home/team-home.routes.js';
import { activityRoutes } from './activities/activities.routes.js';
import { objectiveRoutes } from './objectives/objectives.routes.js';
import { protocolAdminRoutes } from './protocols/protocol-admin.routes.js';
import { privacyStaffRoutes } from './privacy/privacy-staff.routes.js';
import { auditRoutes } from './audit-viewer/audit-viewer.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { statisticsRoutes } from './statistics/statistics.routes.js';
import { partnerCountRoutes } from './partner-counts/partner-counts.routes.js';
import { adminRoutes } from './admin/admin.routes.js';
import { locationRoutes } from './appointments/locations.routes.js';
import { accountFitsRequest, singleSite } from './tenancy/tenancy.js';
import { institutionAssetRoutes, tenancy } from './http/tenancy.js';
import { platformRoutes } from './platform/platform.routes.js';
import { overviewRoutes } from './platform/overview.routes.js';
import {
  institutionLogoRoutes,
  institutionSettingsRoutes,
} from './institution-settings/institution-settings.routes.js';
import { pathPrefixApp } from './http/path-prefix.js';
import { institutionListRoutes } from './platform/institution-list.routes.js';

export interface AppOptions {
  logger?: Logger;
  /** The calendar date used for new reports; tests control it. */
  today?: () => string;
  /** GET /metrics needs `Authorization: Bearer <token>` (default MELDPUNT_METRICS_TOKEN); without a token it is off. */
  metricsToken?: string;
  /** Single sign-on settings; read from the environment when absent. */
  sso?: SsoConfig;
}

const LANG_COOKIE = 'mp_lang';

/**
 * THE routing table: the areas in order (machine interfaces before CSRF protection; then the
 * public reporting pages, sign-in and accounts, and the staff pages), each group named after what
 * it is, with the path prefixes its routes live under (checked when the app is built).
 */
export function createApp(deps: Deps, opts: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  const today = opts.today ?? (() => new Date().toISOString().slice(0, 10));
  const secure = deps.config.secureCookies;
  const sso = opts.sso ?? deps.config.sso ?? readSsoConfig({}, deps.config.baseUrl);

  app.use(securityHeaders);
  app.use(compress());
  const tooLarge = () => {
    throw new AppError('TOO_LARGE');
  };
  const defaultLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge });
  const uploadLimit = bodyLimit({ maxSize: UPLOAD_BODY_BYTES, onError: tooLarge });
  app.use((c, next) =>
    (c.req.method === 'POST' && isUploadPath(c.req.path) ? uploadLimit : defaultLimit)(c, next),
  );
  app.use(async (c, next) => {
    const fromCookie = readStrictCookie(c, LANG_COOKIE, secure);
    const lang = isLang(fromCookie)
      ? fromCookie
      : /^en\b/i.test(c.req.header('accept-language') ?? '')
        ? 'en'
        : 'nl';
    c.set('lang', lang);
    c.set('t', translator(lang));
    await next();
  });
  // issue 22: the request's institution (host name or the single site); /health and /metrics are the installation's
  const resolveInstitution = tenancy(deps.db, deps.config.tenancy);
  app.use((c, next) =>
    c.req.path === '/health' || c.req.path === '/metrics' ? next() : resolveInstitution(c, next),
  );
  if (opts.logger) app.use(requestLog(opts.logger));
  const metrics = createMetrics();
  app.use(metrics.middleware);
  // Every query of the request runs in an explicit context: its institution, under row-level
  // security (decision 036), or the platform's. Nothing runs in the fail-closed default, which
  // would see no rows at all. In host mode the institution is the host name's (the platform's on
  // the platform host); on a single site the installation's institution — or, when the
  // installation has several, the platform's (such an installation should use host mode; the
  // server warns at start).
  const mode = deps.config.tenancy?.mode ?? 'single';
  app.use(async (c, next) => {
    if (c.req.path === '/health' || c.req.path === '/metrics') return asPlatform(next); // the installation's
    // the platform operator's pages work across institutions (access table: platform only)
    if (c.req.path.startsWith('/platform')) return asPlatform(next);
    const institution = c.get('institution');
    if (mode === 'single' && (await singleSite(deps.db)).several) return asPlatform(next);
    return institution ? withInstitution(institution.id, next) : asPlatform(next);
  });

  app.get('/health', async (c) => {
    try {
      await sql`SELECT 1`.execute(deps.db);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.route('/', institutionAssetRoutes());
  app.route('/', institutionLogoRoutes(deps)); // and its logo (decision 038) // the institution's own colours, before the shipped assets
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new AppError('NOT_FOUND');
    return c.body(asset.body, 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });

  // Browsers ask for /favicon.ico on their own; search engines for /robots.txt (http/indexing.ts).
  app.get('/favicon.ico', (c) =>
    c.body(ASSETS['favicon.ico']!.body, 200, {
      'Content-Type': 'image/x-icon',
      'Cache-Control': 'public, max-age=86400',
    }),
  );
  app.get('/robots.txt', (c) =>
    c.text(ROBOTS_TXT, 200, { 'Cache-Control': 'public, max-age=86400' }),
  );

  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang');
    if (isLang(lang)) setStrictCookie(c, LANG_COOKIE, lang, secure, 365 * 86400);
    return c.redirect(sameOriginPath(c.req.query('next'), deps.config.baseUrl), 303);
  });

  const signIn = { oidc: Boolean(sso.oidc), saml: Boolean(sso.saml) };
  const idps = ssoDirectory(deps, sso); // each institution's own IdP, else the installation's (decision 038)

  // Machine interfaces: bearer tokens, no cookies, so mounted before CSRF protection.
  mountArea(app, [
    group('api', ['/api'], apiRoutes(deps, opts.logger)), // the partner API (bearer tokens)
    group('single sign-on', ['/sso'], ssoRoutes(deps, idps, sso)), // the IdP's responses come cross-site
  ]);
  app.get('/metrics', async (c) => {
    const access = metricsAccess(
      opts.metricsToken ?? deps.config.metricsToken,
      c.req.header('authorization'),
    );
    if (access === 'off')
      return c.text('metrics are off: set MELDPUNT_METRICS_TOKEN to serve them\n', 404);
    if (access === 'unauthorized')
      return c.text('unauthorized\n', 401, { 'WWW-Authenticate': 'Bearer' });
    return c.body(await metrics.render(deps.db), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });

  app.use(csrfProtection(deps.keyring, secure));
  app.use(async (c, next) => {
    const token = readStrictCookie(c, SESSION_COOKIE, secure);
    c.set('sessionToken', token);
    const user = token ? await findSessionUser(deps.db, token) : undefined;
    // On a single site the platform operator's session is invisible under the institution
    // (decision 036): their requests continue in the platform context, where their rows are.
    if (!user && token && mode === 'single' && currentInstitution()) {
      if (await isPlatformOperatorSession(deps.db, token))
        return asPlatform(async () => {
          admit(c, await findSessionUser(deps.db, token));
          await next();
        });
    }
    admit(c, user);
    await next();
  });
  const admit = (c: Context<AppEnv>, user: SessionUser | undefined) => {
    // issue 22: a session counts only on its own institution's host (the platform operator's on the platform host)
    const fits =
      user && accountFitsRequest(user, c.get('institution'), c.get('platformHost'), mode);
    c.set('user', fits ? user : undefined);
    // Another institution's session is no session here, nor this host's to end (POST /logout).
    if (user && !fits) c.set('sessionToken', undefined);
  };
  app.use(needToKnow(deps, opts.logger)); // THE need-to-know table (access/access.table.ts), before every route below

  // Reporting: the public pages a reporter uses, without an account.
  mountArea(app, [
    group('institution list', ['/'], institutionListRoutes(deps)), // path mode's unprefixed / (decision 039)
    group('intake', ['/', '/melden'], intakeRoutes(deps, today, sso)),
    group('guide', ['/wegwijzer'], guideRoutes(deps)),
    group('privacy statements', ['/privacy', '/toegankelijkheid'], privacyRoutes(deps)), // and accessibility (issue 23)
    group('appointments', ['/afspraak', '/melden'], appointmentRoutes(deps)),
    group('quick exit', ['/weg'], quickExitRoutes(deps)), // "Snel weg" on every public page
    group('mailbox', ['/postbus'], mailboxRoutes(deps)), // before patterns: its /postbus/* guard covers /postbus/patroon
  ]);

  // Sign-in and accounts (each checks the access table or its own session state).
  mountArea(app, [
    group('choice of institution', ['/login/institution'], institutionChoiceRoutes(deps)), // on the platform host (decision 038)
    group('sign-in', ['/login', '/logout', '/setup'], authRoutes(deps, ssoLinksFor(deps, idps))),
    // Second factor, own sessions, 2FA enforcement; before admin, whose /admin/* guard must not cover /admin/security.
    group('two-factor', ['/login', '/account', '/admin/security'], twoFactorRoutes(deps, signIn)),
    group('institution account link', ['/account'], ssoLinkRoutes(deps, idps)), // explicit and audited (decision 024)
    group('security keys', ['/login', '/account'], webauthnRoutes(deps)), // WebAuthn (JSON for /assets/webauthn.js)
    group('invitations', ['/invite'], inviteRoutes(deps)),
    group('password reset', ['/login'], passwordResetRoutes(deps, opts.logger)), // a single-use link by e-mail (decision 018)
  ]);

  // Staff: everything below needs a signed-in user (/cases here; the other pages check it themselves).
  app.use('/cases/*', requireUser);
  app.use('/cases', requireUser);
  mountArea(app, [
    group('start page', ['/start'], homeRoutes(deps)), // what a role may see (issue 19)
    // The case and what is done on it.
    group('cases', ['/cases'], caseRoutes(deps, today)),
    group(
      'correspondence',
      CASE(['messages', 'files', 'appointments', 'minutes']),
      correspondenceRoutes(deps, opts.logger),
    ),
    group('consent', CASE(['consents', 'identity-access', 'overrides']), consentRoutes(deps)),
    group('retention', CASE(['retention-hold', 'subject-export']), retentionRoutes(deps)),
    group('data-subject rights', [...CASE(['rights']), '/rights-requests'], rightsRoutes(deps)),
    group(
      'patterns',
      [...CASE(['identifiers']), '/patterns', '/postbus/patroon'],
      patternRoutes(deps),
    ), // the reporter's escrow under /postbus/patroon
    // Safety on a case (issue 5): risk, plan, threats, referrals, police, expert team, MDO.
    group('risk', CASE(['risk']), riskRoutes(deps, today)),
    group('plan', CASE(['plan']), planRoutes(deps)),
    group('threats', [...CASE(['threats']), '/threat-log'], threatRoutes(deps, today)),
    group('referrals', CASE(['referrals']), referralRoutes(deps)),
    group('police', CASE(['police']), policeRoutes(deps)),
    group(
      'expert team',
      [...CASE(['consultations']), '/consultations', '/team/expert-disciplines'],
      expertRoutes(deps),
    ),
    group('MDO', [...CASE(['mdo']), '/mdo'], mdoRoutes(deps)),
    // Escalation to the board, and the ombudsperson (issue 21).
    group('escalation', CASE(['escalation']), escalationRoutes(deps)),
    group('board', ['/board/escalations'], boardRoutes(deps)),
    group('ombudsperson', ['/ombudsperson', '/board/advice'], ombudsRoutes(deps, today)),
    // Team work (issue 11): protocols, safety plan, urgent alerts and the on-call rota, the team's pages.
    group('protocols on a case', CASE(['protocols']), protocolCaseRoutes(deps)),
    group('safety plan', CASE(['safety-plan']), safetyPlanRoutes(deps)),
    group('urgent alerts', [...CASE(['urgent']), '/urgent', '/team/on-call'], urgentRoutes(deps)),
    group('team start page', ['/team'], teamHomeRoutes()),
    group('protocols', ['/team/protocols'], protocolAdminRoutes(deps)),
    group('meeting locations', ['/team/locations'], locationRoutes(deps)), // where conversations take place (issue 21)
    group('activities', ['/team/activities'], activityRoutes(deps)),
    group('objectives', ['/team/objectives'], objectiveRoutes(deps)),
    group('privacy register', ['/team/privacy', '/team/breaches'], privacyStaffRoutes(deps)), // statement text, register, DPIA, breaches (issue 23)
    // Oversight and figures.
    group('audit log', ['/audit'], auditRoutes(deps)), // the coordinator's viewer; checks the access table itself
    group('annual report', ['/reports'], reportRoutes(deps)), // page and downloads (issue 7)
    group('statistics', ['/statistics'], statisticsRoutes(deps)), // the board's suppressed aggregates
    group('partner counts', ['/partner-counts'], partnerCountRoutes(deps)),
    // The institution's own logo and identity provider (decision 038): its administrator and the operator.
    group(
      'institution look and sign-in',
      ['/admin/institution', '/platform/institutions'],
      institutionSettingsRoutes(deps),
    ),
    // Administration (checks administrator roles itself).
    group('administration', ['/admin'], adminRoutes(deps, [apiTokenRoutes(deps)])),
    // The platform operator: institutions and their first administrator (issue 22).
    group('platform', ['/platform'], platformRoutes(deps)),
    group('national overview', ['/platform/overview'], overviewRoutes(deps)),
  ]);

  app.notFound(() => {
    throw new AppError('NOT_FOUND');
  });

  app.onError((err, c) => {
    const ctx = viewContext(c as never);
    if (err instanceof AppError) {
      if (err.code === 'UNAUTHENTICATED') return c.redirect('/login', 303);
      c.status(STATUS_BY_CODE[err.code]);
      return c.html(
        <MessagePage
          ctx={ctx}
          title={ctx.t('error.title')}
          message={ctx.t(MESSAGE_BY_CODE[err.code])}
        />,
      );
    }
    if (isDatabaseUnavailable(err)) {
      opts.logger?.warn({ code: (err as { code?: string }).code }, 'database unavailable');
      c.status(503);
      return c.html(
        <MessagePage ctx={ctx} title={ctx.t('error.title')} message={ctx.t('error.unavailable')} />,
      );
    }
    opts.logger?.error({ err: errorForLog(err) }, 'unhandled error');
    c.status(500);
    return c.html(
      <MessagePage ctx={ctx} title={ctx.t('error.title')} message={ctx.t('error.internal')} />,
    );
  });

  // Path mode: the prefix is stripped on the way in and put back on the way out (decision 039).
  return deps.config.tenancy?.mode === 'path' ? pathPrefixApp(deps.db, app, secure) : app;
}

/** The path prefixes of pages on a case: /cases/:id/<name>. */
const CASE = (names: string[]) => names.map((n) => `/cases/:id/${n}`);

/** One row of the routing table: what the group is, the path prefixes its routes live under, the group. */
interface RouteGroup {
  name: string;
  prefixes: string[];
  paths: { method: string; path: string }[];
  mount: (app: Hono<AppEnv>) => void;
}
const group = <E extends Env>(name: string, prefixes: string[], routes: Hono<E>): RouteGroup => ({
  name,
  prefixes,
  paths: routes.routes,
  mount: (app) => app.route('/', routes),
});

/**
 * Mounts an area's groups in order, after checking that every route of each group lies under one
 * of the prefixes the table gives it (a prefix `/` is the root page only), so the table stays true.
 */
function mountArea(app: Hono<AppEnv>, groups: RouteGroup[]): void {
  for (const { name, prefixes, paths, mount } of groups) {
    for (const r of paths) {
      const under = prefixes.some((p) => r.path === p || r.path.startsWith(`${p}/`));
      if (!under)
        throw new Error(
          `route ${r.method} ${r.path} of "${name}" is outside ${prefixes.join(', ')}`,
        );
    }
    mount(app);
  }
}

const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw new AppError('UNAUTHENTICATED');
  await next();
};

function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    logger.info(
      {
        method: c.req.method,
        path: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
      },
      'request',
    );
  };
}
