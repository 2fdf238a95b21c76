import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import type { AuditActor } from '../audit/audit.service.js';
import { CategoryInput, GuideInput, OrgUnitInput, PartnerInput } from './admin.schemas.js';
import {
  CategoriesPage,
  CategoryEditPage,
  GuidePage,
  OrgUnitsPage,
  PartnersPage,
} from './config.views.js';
import { getTeamSettings } from './teams.admin.service.js';
import { listOrgUnits, saveOrgUnit } from './org-units.service.js';
import { listCategories, saveCategoryVersion, type TeamCategory } from './categories.service.js';
import { listPartners, savePartner } from './partners.service.js';
import { getGuideContent, saveGuideContent } from './guide.service.js';

const actorOf = (c: Context<AppEnv>): AuditActor => ({ kind: 'user', userId: signedInUser(c).id });
const noticeOf = (c: Context<AppEnv>) =>
  c.req.query('saved') ? c.get('t')('admin.saved') : undefined;
const empty = { values: {}, errors: {} };

function categoryValues(c: TeamCategory): Record<string, string> {
  return {
    key: c.key,
    labelNl: c.label.nl,
    labelEn: c.label.en,
    definitionNl: c.definition.nl,
    definitionEn: c.definition.en,
    source: c.source ?? '',
    subtypes: c.subtypes.map((s) => `${s.key} | ${s.label.nl} | ${s.label.en}`).join('\n'),
    retired: c.isRetired ? 'yes' : '',
  };
}

/** Team configuration: organisation units, categories (versioned), partners, guide text. */
export function configRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const base = '/admin/teams/:teamId';

  app.get(`${base}/org-units`, async (c) => {
    const teamId = c.req.param('teamId');
    const [team, units] = await Promise.all([
      getTeamSettings(deps.db, teamId),
      listOrgUnits(deps.db, teamId),
    ]);
    return c.html(
      <OrgUnitsPage
        ctx={viewContext(c)}
        team={team}
        units={units}
        form={empty}
        notice={noticeOf(c)}
      />,
    );
  });

  app.post(`${base}/org-units`, async (c) => {
    const teamId = c.req.param('teamId');
    const values = formStrings(await c.req.parseBody());
    const parsed = OrgUnitInput.safeParse(values);
    if (!parsed.success) {
      const [team, units] = await Promise.all([
        getTeamSettings(deps.db, teamId),
        listOrgUnits(deps.db, teamId),
      ]);
      c.status(422);
      return c.html(
        <OrgUnitsPage
          ctx={viewContext(c)}
          team={team}
          units={units}
          form={{ values, errors: toFieldErrors(parsed.error, c.get('t')) }}
        />,
      );
    }
    await deps.db.transaction().execute((trx) => saveOrgUnit(trx, teamId, parsed.data, actorOf(c)));
    return c.redirect(`/admin/teams/${teamId}/org-units?saved=1`, 303);
  });

  app.get(`${base}/categories`, async (c) => {
    const teamId = c.req.param('teamId');
    const [team, categories] = await Promise.all([
      getTeamSettings(deps.db, teamId),
      listCategories(deps.db, teamId),
    ]);
    return c.html(
      <CategoriesPage
        ctx={viewContext(c)}
        team={team}
        categories={categories}
        notice={noticeOf(c)}
      />,
    );
  });

  app.get(`${base}/categories/:key`, async (c) => {
    const teamId = c.req.param('teamId');
    const key = c.req.param('key');
    const team = await getTeamSettings(deps.db, teamId);
    if (key === 'new')
      return c.html(<CategoryEditPage ctx={viewContext(c)} team={team} form={empty} isNew />);
    const category = (await listCategories(deps.db, teamId)).find((x) => x.key === key);
    if (!category) throw new AppError('NOT_FOUND');
    return c.html(
      <CategoryEditPage
        ctx={viewContext(c)}
        team={team}
        form={{ values: categoryValues(category), errors: {} }}
        isNew={false}
      />,
    );
  });

  app.post(`${base}/categories/:key`, async (c) => {
    const teamId = c.req.param('teamId');
    const isNew = c.req.param('key') === 'new';
    const values = formStrings(await c.req.parseBody());
    if (!isNew) values.key = c.req.param('key');
    const parsed = CategoryInput.safeParse(values);
    const errors = parsed.success ? {} : toFieldErrors(parsed.error, c.get('t'));
    if (
      parsed.success &&
      isNew &&
      (await listCategories(deps.db, teamId)).some((x) => x.key === parsed.data.key)
    ) {
      errors.key = c.get('t')('validation.admin.keyTaken');
    }
    if (!parsed.success || Object.keys(errors).length) {
      c.status(422);
      const team = await getTeamSettings(deps.db, teamId);
      return c.html(
        <CategoryEditPage
          ctx={viewContext(c)}
          team={team}
          form={{ values, errors }}
          isNew={isNew}
        />,
      );
    }
    const d = parsed.data;
    await deps.db
      .transaction()
      .execute((trx) =>
        saveCategoryVersion(trx, teamId, { ...d, isRetired: d.retired }, actorOf(c)),
      );
    return c.redirect(`/admin/teams/${teamId}/categories?saved=1`, 303);
  });

  app.get(`${base}/partners`, async (c) => {
    const teamId = c.req.param('teamId');
    const [team, partners] = await Promise.all([
      getTeamSettings(deps.db, teamId),
      listPartners(deps.db, teamId, { includeInactive: true }),
    ]);
    return c.html(
      <PartnersPage
        ctx={viewContext(c)}
        team={team}
        partners={partners}
        form={empty}
        notice={noticeOf(c)}
      />,
    );
  });

  app.post(`${base}/partners`, async (c) => {
    const teamId = c.req.param('teamId');
    const values = formStrings(await c.req.parseBody());
    const parsed = PartnerInput.safeParse(values);
    if (!parsed.success) {
      const [team, partners] = await Promise.all([
        getTeamSettings(deps.db, teamId),
        listPartners(deps.db, teamId, { includeInactive: true }),
      ]);
      c.status(422);
      return c.html(
        <PartnersPage
          ctx={viewContext(c)}
          team={team}
          partners={partners}
          form={{ values, errors: toFieldErrors(parsed.error, c.get('t')) }}
        />,
      );
    }
    await deps.db
      .transaction()
      .execute((trx) =>
        savePartner(trx, teamId, { ...parsed.data, isActive: !parsed.data.inactive }, actorOf(c)),
      );
    return c.redirect(`/admin/teams/${teamId}/partners?saved=1`, 303);
  });

  app.get(`${base}/guide`, async (c) => {
    const teamId = c.req.param('teamId');
    const [team, nl, en] = await Promise.all([
      getTeamSettings(deps.db, teamId),
      getGuideContent(deps.db, teamId, 'nl'),
      getGuideContent(deps.db, teamId, 'en'),
    ]);
    const form = { values: { bodyNl: nl?.body ?? '', bodyEn: en?.body ?? '' }, errors: {} };
    return c.html(<GuidePage ctx={viewContext(c)} team={team} form={form} notice={noticeOf(c)} />);
  });

  app.post(`${base}/guide`, async (c) => {
    const teamId = c.req.param('teamId');
    const values = formStrings(await c.req.parseBody());
    const parsed = GuideInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      const team = await getTeamSettings(deps.db, teamId);
      return c.html(
        <GuidePage
          ctx={viewContext(c)}
          team={team}
          form={{ values, errors: toFieldErrors(parsed.error, c.get('t')) }}
        />,
      );
    }
    await deps.db.transaction().execute(async (trx) => {
      await saveGuideContent(trx, teamId, 'nl', parsed.data.bodyNl, actorOf(c));
      await saveGuideContent(trx, teamId, 'en', parsed.data.bodyEn, actorOf(c));
    });
    return c.redirect(`/admin/teams/${teamId}/guide?saved=1`, 303);
  });

  return app;
}
