import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/params.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import type { FieldErrors } from '../../ui/form.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { institutionBaseUrl } from '../tenancy/institution-url.js';
import { InstitutionSignInInput } from './institution-sign-in.schemas.js';
import { findInstitutionSignInView, setInstitutionSignIn } from './institution-sign-in.service.js';
import { findInstitutionLogo, removeInstitutionLogo, setInstitutionLogo } from './logo.service.js';
import type { LogoProblem } from '../tenancy/logo.js';
import { findInstitutionSettingsTarget } from '../tenancy/tenancy.js';
import { InstitutionSettingsPage } from './institution-settings.views.js';

const LOGO_ERRORS: Record<LogoProblem, MessageKey> = {
  empty: 'institutionSettings.logoError.empty',
  too_large: 'institutionSettings.logoError.tooLarge',
  type: 'institutionSettings.logoError.type',
  trailing_data: 'institutionSettings.logoError.trailingData',
  unreadable: 'institutionSettings.logoError.unreadable',
};
const NOTICES = {
  logo: 'institutionSettings.logoSaved',
  signIn: 'institutionSettings.signInSaved',
} as const;

/** GET /assets/institution-logo: the request's institution's logo, re-encoded PNG or JPEG; the layout links it with ?v=hash. */
export function institutionLogoRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/assets/institution-logo', async (c) => {
    const institution = c.get('institution');
    const logo = institution ? await findInstitutionLogo(deps.db, institution.id) : undefined;
    if (!logo) throw new AppError('NOT_FOUND');
    return c.body(new Uint8Array(logo.body), 200, {
      'Content-Type': logo.content_type,
      'Cache-Control': c.req.query('v') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: `"${logo.sha256}"`,
    });
  });
  return app;
}

/**
 * An institution's logo and identity provider (issue 22, decision 038): `/admin/institution` for
 * the institution's own administrator (the request's institution), `/platform/institutions/:id`
 * for the platform operator (any institution). Both pages are the same; only who may and which
 * institution differ.
 */
export function institutionSettingsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  type Target = { id: string; base: string; showLogo: boolean };

  const adminTarget = (c: Context<AppEnv>): Target => {
    // The need-to-know table lets only administrators in (before every route); checked here again.
    const user = signedInUser(c);
    const institution = c.get('institution');
    const isAdministrator = user.memberships.some((m) => m.role === 'administrator');
    if (!isAdministrator || !institution || user.institutionId !== institution.id)
      throw new AppError('FORBIDDEN');
    return { id: institution.id, base: '/admin/institution', showLogo: true };
  };
  const platformTarget = (c: Context<AppEnv>): Target => {
    if (!signedInUser(c).platformOperator) throw new AppError('FORBIDDEN');
    const id = idParam(c, 'institutionId');
    return { id, base: `/platform/institutions/${id}`, showLogo: false };
  };

  const page = async (
    c: Context<AppEnv>,
    target: Target,
    form: { values?: Record<string, string>; errors: FieldErrors } = { errors: {} },
  ) => {
    const institution = await findInstitutionSettingsTarget(deps.db, target.id);
    if (!institution) throw new AppError('NOT_FOUND');
    const saved = c.req.query('saved');
    const notice = saved === 'logo' || saved === 'signIn' ? c.get('t')(NOTICES[saved]) : undefined;
    return c.html(
      <InstitutionSettingsPage
        ctx={viewContext(c)}
        base={target.base}
        institution={{
          name: institution.name,
          logoSha256: institution.logoSha256,
          address: institutionBaseUrl(deps.config, institution),
        }}
        signIn={await findInstitutionSignInView(deps.db, target.id)}
        values={form.values}
        errors={form.errors}
        notice={notice}
        showLogo={target.showLogo}
      />,
    );
  };

  const saveSignIn = async (c: Context<AppEnv>, target: Target) => {
    const values = formStrings(await c.req.parseBody());
    const parsed = InstitutionSignInInput.safeParse(values);
    const t = c.get('t');
    if (!parsed.success) {
      c.status(422);
      return page(c, target, { values, errors: toFieldErrors(parsed.error, t) });
    }
    const result = await deps.db.transaction().execute((trx) =>
      setInstitutionSignIn(trx, deps.keyring, target.id, parsed.data, {
        kind: 'user',
        userId: signedInUser(c).id,
      }),
    );
    if (!result.ok) {
      c.status(422);
      return page(c, target, {
        values,
        errors: { oidcClientSecret: t('validation.required') },
      });
    }
    return c.redirect(`${target.base}?saved=signIn`, 303);
  };

  const saveLogo = async (c: Context<AppEnv>, target: Target) => {
    const body = await c.req.parseBody();
    const file = body.logo instanceof File ? body.logo : undefined;
    const result = await deps.db
      .transaction()
      .execute(async (trx) =>
        setInstitutionLogo(
          trx,
          target.id,
          Buffer.from(file ? await file.arrayBuffer() : new ArrayBuffer(0)),
          { kind: 'user', userId: signedInUser(c).id },
        ),
      );
    if (!result.ok) {
      c.status(422);
      return page(c, target, { errors: { logo: c.get('t')(LOGO_ERRORS[result.problem]) } });
    }
    return c.redirect(`${target.base}?saved=logo`, 303);
  };

  const removeLogo = async (c: Context<AppEnv>, target: Target) => {
    await deps.db
      .transaction()
      .execute((trx) =>
        removeInstitutionLogo(trx, target.id, { kind: 'user', userId: signedInUser(c).id }),
      );
    return c.redirect(`${target.base}?saved=logo`, 303);
  };

  for (const [prefix, target] of [
    ['/admin/institution', adminTarget],
    ['/platform/institutions/:institutionId', platformTarget],
  ] as const) {
    app.get(prefix, (c) => page(c, target(c)));
    app.post(`${prefix}/sign-in`, (c) => saveSignIn(c, target(c)));
    app.post(`${prefix}/logo`, (c) => saveLogo(c, target(c)));
    app.post(`${prefix}/logo/remove`, (c) => removeLogo(c, target(c)));
  }
  return app;
}
