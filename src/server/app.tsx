import { homeRoutes } from './home/home.routes.js';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { sql } from 'kysely';
import { institutionForRequest, withInstitution } from './db/tenancy.js';
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
import { authRoutes, SESSION_COOKIE } from './auth/auth.routes.js';
import { findSessionUser } from './auth/auth.service.js';
import { MessagePage } from './auth/auth.views.js';
import { caseRoutes } from './cases/cases.routes.js';
import { intakeRoutes } from './intake/intake.routes.js';
import { twoFactorRoutes } from './auth/two-factor.routes.js';
import { webauthnRoutes } from './auth/webauthn.routes.js';
import { consentRoutes } from './consent/consent.routes.js';
import { retentionRoutes } from './retention/retention.routes.js';
import { rightsRoutes } from './rights/rights.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { mailboxRoutes } from './mailbox/mailbox.routes.js';
import { quickExitRoutes } from './mailbox/quick-exit.routes.js';
import { correspondenceRoutes } from './mailbox/staff.routes.js';
import { appointmentRoutes } from './appointments/appointments.routes.js';
import { guideRoutes } from './guide/guide.routes.js';
import { isUploadPath, UPLOAD_BODY_BYTES } from './attachments/upload-rules.js';
import { adminRoutes } from './admin/admin.routes.js';
import { inviteRoutes } from './admin/invite.routes.js';
import { passwordResetRoutes } from './recovery/password-reset.routes.js';
import { ssoRoutes } from './sso/sso.routes.js';
import { ssoLinkRoutes } from './sso/sso-link.routes.js';
import { readSsoConfig, type SsoConfig } from './sso/sso.config.js';
import { apiRoutes } from './api/api.routes.js';
import { apiTokenRoutes } from './api/api-tokens.routes.js';
import { createMetrics } from './ops/metrics.js';
import { metricsAccess } from './ops/metrics-auth.js';
import { safetyWorkRoutes } from './risk/safety-work.routes.js';
import { ombudsRoutes } from './ombuds/ombuds.routes.js';
import { locationRoutes } from './appointments/locations.routes.js';
import { patternRoutes } from './patterns/patterns.routes.js';
import { teamWorkRoutes } from './protocols/team-work.routes.js';
import { needToKnow } from './access/need-to-know.js';
import { reportRoutes } from './reports/reports.routes.js';
import { statisticsRoutes } from './statistics/statistics.routes.js';
import { partnerCountRoutes } from './partner-counts/partner-counts.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { privacyStaffRoutes } from './privacy/privacy-staff.routes.js';
import { accountFitsRequest } from './tenancy/tenancy.js';
import { institutionAssetRoutes, tenancy } from './http/tenancy.js';
import { platformRoutes } from './platform/platform.routes.js';

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

/** THE routing table. Public routes first, then staff routes behind a signed-in user. */
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
  // Every query of the request runs under its institution: row-level security (decision 036). In
  // host mode that is the institution of the host name (none on the platform host); on a single
  // site, the installation's institution when there is exactly one.
  app.use(async (c, next) => {
    const institutionId = c.req.path.startsWith('/platform')
      ? undefined // the platform operator's pages work across institutions (access table: platform only)
      : deps.config.tenancy?.mode === 'host'
        ? c.get('institution')?.id
        : await institutionForRequest(deps.db);
    if (institutionId) await withInstitution(institutionId, next);
    else await next();
  });

  app.get('/health', async (c) => {
    try {
      await sql`SELECT 1`.execute(deps.db);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.route('/', institutionAssetRoutes()); // the institution's own colours, before the shipped assets
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

  // Bearer-token API and metrics: no cookies, so mounted before CSRF protection.
  app.route('/', apiRoutes(deps, opts.logger));
  app.route('/', ssoRoutes(deps, sso)); // the IdP's responses come cross-site
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
    // issue 22: a session counts only on its own institution's host (the platform operator's on the platform host)
    const fits =
      user &&
      accountFitsRequest(
        user,
        c.get('institution'),
        c.get('platformHost'),
        deps.config.tenancy?.mode ?? 'single',
      );
    c.set('user', fits ? user : undefined);
    await next();
  });
  app.use(needToKnow(deps, opts.logger)); // THE need-to-know table (access/access.table.ts), before every route below

  app.route('/', intakeRoutes(deps, today, sso));
  app.route('/', guideRoutes(deps));
  app.route('/', privacyRoutes(deps)); // privacy and accessibility statements (issue 23)
  app.route('/', appointmentRoutes(deps));
  app.route('/', quickExitRoutes(deps)); // "Snel weg" on every public page
  app.route('/', mailboxRoutes(deps));
  app.route('/', authRoutes(deps, { oidc: Boolean(sso.oidc), saml: Boolean(sso.saml) }));
  app.route('/', twoFactorRoutes(deps, { oidc: Boolean(sso.oidc), saml: Boolean(sso.saml) })); // second factor, own sessions, 2FA enforcement; checks the access table itself
  app.route('/', ssoLinkRoutes(deps, sso)); // the explicit, audited link of an institution account (decision 024)
  app.route('/', webauthnRoutes(deps)); // WebAuthn keys: enrolment and sign-in (JSON for /assets/webauthn.js)
  app.route('/', auditRoutes(deps)); // coordinator's audit viewer; checks the access table itself
  app.route('/', inviteRoutes(deps));
  app.route('/', passwordResetRoutes(deps, opts.logger)); // forgotten password: a single-use link by e-mail (decision 018)

  // Staff area: everything below needs a signed-in user.
  app.use('/cases/*', requireUser);
  app.use('/cases', requireUser);
  app.route('/', caseRoutes(deps, today));
  app.route('/', safetyWorkRoutes(deps, today)); // risk, plan, escalation, referrals, police, threats, expert team, MDO (issue 5)
  app.route('/', ombudsRoutes(deps, today)); // the ombudsperson's complaints about procedure and advice to the board (issue 21)
  app.route('/', locationRoutes(deps)); // where the team's conversations take place (issue 21)
  app.route('/', patternRoutes(deps)); // coordinators' signal; the reporter's escrow under /postbus/patroon
  app.route('/', reportRoutes(deps)); // annual report page and downloads (advisers, coordinators); issue 7
  app.route('/', statisticsRoutes(deps)); // the board's suppressed aggregates
  app.route('/', partnerCountRoutes(deps)); // partner services' counts
  app.route('/', consentRoutes(deps));
  app.route('/', retentionRoutes(deps));
  app.route('/', rightsRoutes(deps));
  app.route('/', privacyStaffRoutes(deps)); // privacy statement text, register and DPIA, breach register (issue 23)
  app.route('/', teamWorkRoutes(deps)); // protocols, safety plan, urgent alerts and rota, activities, objectives (issue 11)
  app.route('/', correspondenceRoutes(deps, opts.logger));
  app.route('/', adminRoutes(deps, [apiTokenRoutes(deps)])); // checks administrator roles itself
  app.route('/', platformRoutes(deps)); // the platform operator: institutions and their first administrator (issue 22)
  app.route('/', homeRoutes(deps)); // the start page: what a role may see (issue 19)

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

  return app;
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
