import { Hono, type Context } from 'hono';
import { PRIVACY_ROLES } from './privacy.policy.js';
import type { Deps } from '../bootstrap.js';
import { teamsWithRole } from '../../domain/roles.js';
import { viewContext, type AppEnv, signedInUser } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import { recordAudit } from '../audit/audit.service.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm, stringValues } from '../http/forms.js';
import { pickTeam } from '../protocols/team-scope.js';
import { BreachInput, PrivacySettingForm } from './breach.schema.js';
import { getBreach, listBreaches, recordBreach, updateBreach } from './breach.service.js';
import { getInstallationFacts, getTeamKey } from './privacy-facts.service.js';
import { getPrivacySetting, savePrivacySetting } from './privacy-settings.service.js';
import { buildPrivacyDocument, DOCUMENT_KINDS, type DocumentKind } from './privacy-documents.js';
import {
  CONTENT_TYPES,
  DOCUMENT_FORMATS,
  renderPrivacyDocument,
  type DocumentFormat,
} from './privacy-render.js';
import {
  BreachListPage,
  BreachPage,
  breachValues,
  PrivacySettingsPage,
  settingValues,
  type StaffForm,
} from './privacy-staff.views.js';

/** Who keeps the team's privacy statement, exports its register and DPIA, and keeps its breach register. */
const NOTICES = { saved: 'admin.saved', recorded: 'breach.recorded' } as const;
const empty: StaffForm = { errors: {}, values: {} };

/** /team/privacy and /team/breaches: coordinators and administrators of a team (issue 23). */
export function privacyStaffRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const allowed = (c: Context<AppEnv>) =>
    teamsWithRole(c.get('user')?.memberships ?? [], PRIVACY_ROLES);
  const scopeOf = (c: Context<AppEnv>) => pickTeam(c, deps.db, allowed(c));
  const actor = (c: Context<AppEnv>) => ({ kind: 'user' as const, userId: signedInUser(c).id });

  async function settingsPage(c: Context<AppEnv>, form?: StaffForm) {
    const scope = await scopeOf(c);
    const teamKey = await getTeamKey(deps.db, scope.teamId);
    if (form) c.status(422);
    const values = form ?? {
      errors: {},
      values: settingValues(await getPrivacySetting(deps.db, scope.teamId)),
    };
    return c.html(
      <PrivacySettingsPage
        ctx={viewContext(c)}
        scope={scope}
        teamKey={teamKey}
        form={values}
        notice={noticeOf(c, c.get('t'), NOTICES)}
      />,
    );
  }

  app.get('/team/privacy', (c) => settingsPage(c));
  app.post('/team/privacy', async (c) => {
    const scope = await scopeOf(c);
    const values = await readForm(c);
    const parsed = parseForm(c, PrivacySettingForm, values);
    if (parsed.errors)
      return settingsPage(c, { errors: parsed.errors, values: stringValues(values) });
    await deps.db
      .transaction()
      .execute((trx) => savePrivacySetting(trx, scope.teamId, parsed.data, actor(c)));
    return noticeRedirect(c, `/team/privacy?team=${scope.teamId}`, 'saved');
  });

  // The record of processing and the DPIA: every team this user keeps the register for.
  app.get('/team/privacy/documents/:kind', async (c) => {
    const scope = await scopeOf(c);
    const kind = c.req.param('kind') as DocumentKind;
    const format = (c.req.query('format') ?? 'docx') as DocumentFormat;
    const lang =
      c.req.query('lang') === 'en' ? 'en' : c.req.query('lang') === 'nl' ? 'nl' : c.get('lang');
    if (!DOCUMENT_KINDS.includes(kind) || !DOCUMENT_FORMATS.includes(format))
      throw new AppError('NOT_FOUND');
    const facts = await getInstallationFacts(
      deps.db,
      scope.teams.map((t) => t.id),
    );
    const bytes = await renderPrivacyDocument(buildPrivacyDocument(kind, facts, lang), format);
    await recordAudit(deps.db, {
      type: 'PRIVACY_REGISTER_EXPORTED',
      actor: actor(c),
      teamId: scope.teamId,
      detail: { kind, format, teams: facts.teams.length },
    });
    const name = `${kind === 'register' ? (lang === 'nl' ? 'verwerkingsregister' : 'record-of-processing') : 'dpia'}.${format}`;
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });

  async function listPage(c: Context<AppEnv>, form = empty) {
    const scope = await scopeOf(c);
    const breaches = await listBreaches(deps.db, [scope.teamId]);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <BreachListPage
        ctx={viewContext(c)}
        scope={scope}
        breaches={breaches}
        form={form}
        notice={noticeOf(c, c.get('t'), NOTICES)}
      />,
    );
  }

  async function breachPage(c: Context<AppEnv>, form?: StaffForm) {
    const scope = await scopeOf(c);
    const breach = await getBreach(deps.db, scope.teamId, idParam(c, 'breachId'), actor(c));
    if (form) c.status(422);
    return c.html(
      <BreachPage
        ctx={viewContext(c)}
        scope={scope}
        breach={breach}
        form={form ?? { errors: {}, values: breachValues(breach) }}
        notice={noticeOf(c, c.get('t'), NOTICES)}
      />,
    );
  }

  app.get('/team/breaches', (c) => listPage(c));
  app.post('/team/breaches', async (c) => {
    const scope = await scopeOf(c);
    const values = await readForm(c);
    const parsed = parseForm(c, BreachInput, values);
    if (parsed.errors) return listPage(c, { errors: parsed.errors, values: stringValues(values) });
    const id = await deps.db
      .transaction()
      .execute((trx) => recordBreach(trx, scope.teamId, parsed.data, actor(c)));
    return noticeRedirect(c, `/team/breaches/${id}?team=${scope.teamId}`, 'recorded');
  });

  app.get('/team/breaches/:breachId', (c) => breachPage(c));
  app.post('/team/breaches/:breachId', async (c) => {
    const scope = await scopeOf(c);
    const id = idParam(c, 'breachId');
    const values = await readForm(c);
    const parsed = parseForm(c, BreachInput, values);
    if (parsed.errors)
      return breachPage(c, { errors: parsed.errors, values: stringValues(values) });
    await deps.db
      .transaction()
      .execute((trx) => updateBreach(trx, scope.teamId, id, parsed.data, actor(c)));
    return noticeRedirect(c, `/team/breaches/${id}?team=${scope.teamId}`, 'saved');
  });

  return app;
}
