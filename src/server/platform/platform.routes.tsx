import { institutionBaseUrl } from '../tenancy/institution-url.js';
import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/params.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import type { FieldErrors } from '../../ui/form.js';
import { ColourInput, IntakeModeInput, NewInstitutionInput } from './platform.schemas.js';
import { setIntakeGuard } from '../intake/intake-guard.js';
import { createInstitution, listInstitutions, setInstitutionColour } from './platform.service.js';
import { PlatformPage } from './platform.views.js';
import { AA_NORMAL_TEXT, checkPrimaryColour, type ColourCheck } from '../tenancy/contrast.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Translate } from '../../i18n/i18n.js';

/** The message for a refused colour: the format, or the ratio it reached against the AA minimum. */
export function colourError(t: Translate, check: Exclude<ColourCheck, { ok: true }>): string {
  return check.reason === 'format'
    ? t('platform.colour.format')
    : t('platform.colour.contrast', {
        ratio: check.ratio.toFixed(2),
        min: AA_NORMAL_TEXT.toFixed(1),
      });
}

/**
 * The platform operator (issue 22): institutions with their host names and colours, and the first
 * administrator's one-time set-up link. The need-to-know table lets only the operator in.
 */
export function platformRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const actorOf = (c: Context<AppEnv>) => ({ kind: 'user' as const, userId: signedInUser(c).id });

  const page = async (
    c: Context<AppEnv>,
    form: { values: Record<string, string>; errors: FieldErrors } = { values: {}, errors: {} },
    extra: { created?: { name: string; link: string }; notice?: string } = {},
  ) =>
    c.html(
      <PlatformPage
        ctx={viewContext(c)}
        institutions={await listInstitutions(deps.db)}
        values={form.values}
        errors={form.errors}
        {...extra}
      />,
    );

  app.get('/platform', (c) => {
    if (!signedInUser(c).platformOperator) throw new AppError('FORBIDDEN');
    return page(c, undefined, c.req.query('saved') ? { notice: c.get('t')('platform.saved') } : {});
  });

  app.post('/platform/institutions', async (c) => {
    if (!signedInUser(c).platformOperator) throw new AppError('FORBIDDEN');
    const t = c.get('t');
    const values = formStrings(await c.req.parseBody());
    const parsed = NewInstitutionInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      return page(c, { values, errors: toFieldErrors(parsed.error, t) });
    }
    if (parsed.data.colour) {
      const check = checkPrimaryColour(parsed.data.colour);
      if (!check.ok) {
        c.status(422);
        return page(c, { values, errors: { colour: colourError(t, check) } });
      }
    }
    const result = await deps.db
      .transaction()
      .execute((trx) => createInstitution(trx, parsed.data, actorOf(c), deps.keyring));
    if (!result.ok) {
      c.status(422);
      const message = {
        key: t('platform.taken.key'),
        host: t('platform.taken.host'),
        adminEmail: t('platform.taken.adminEmail'),
        colour: t('platform.colour.format'),
      }[result.field];
      return page(c, { values, errors: { [result.field]: message } });
    }
    // Without a mail server the operator passes the link on; that it was shown is audited.
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'USER_INVITE_LINK_SHOWN',
        actor: actorOf(c),
        teamId: result.teamId,
        detail: { roles: 'administrator' },
      }),
    );
    const link = `${institutionBaseUrl(deps.config, parsed.data)}/invite/${result.token}`;
    return page(c, undefined, { created: { name: parsed.data.name, link } });
  });

  app.post('/platform/institutions/:institutionId/colour', async (c) => {
    if (!signedInUser(c).platformOperator) throw new AppError('FORBIDDEN');
    const id = idParam(c, 'institutionId');
    const parsed = ColourInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) throw new AppError('NOT_FOUND');
    const check = await deps.db
      .transaction()
      .execute((trx) => setInstitutionColour(trx, id, parsed.data.colour, actorOf(c)));
    if (!check.ok) {
      c.status(422);
      return page(c, { values: {}, errors: { colour: colourError(c.get('t'), check) } });
    }
    return c.redirect('/platform?saved=1', 303);
  });

  // The intake switch of one institution (decision 025; per institution since 039), audited.
  app.post('/platform/institutions/:institutionId/intake', async (c) => {
    if (!signedInUser(c).platformOperator) throw new AppError('FORBIDDEN');
    const id = idParam(c, 'institutionId');
    const parsed = IntakeModeInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) throw new AppError('NOT_FOUND');
    const exists = (await listInstitutions(deps.db)).some((i) => i.id === id);
    if (!exists) throw new AppError('NOT_FOUND');
    await setIntakeGuard(deps.db, { mode: parsed.data.mode }, actorOf(c), id);
    return c.redirect('/platform?saved=1', 303);
  });

  return app;
}
