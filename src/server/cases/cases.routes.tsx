import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { listTeams } from '../teams/teams.service.js';
import type { SessionUser } from '../users/users.service.js';
import { inboxTeamIds } from './cases.policy.js';
import { listTeamAdvisers } from './cases.queries.js';
import { caseActionRoutes } from './case-actions.routes.js';
import { renderCasePage } from './case-page.render.js';
import { CaseRuleError } from './case-rule-error.js';
import { InboxQuery } from './inbox.schema.js';
import { listInbox } from './inbox.service.js';
import { InboxPage } from './inbox.views.js';
import { RegistrationInput } from './registration.schema.js';
import { registerStaffReport } from './registration.service.js';
import { listOfferedCategories } from '../admin/categories.service.js';
import { listOrgUnits } from '../admin/org-units.service.js';
import { RegistrationPage } from './registration.views.js';
import { idParam, UUID } from '../http/params.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import { z } from 'zod';
import {
  deleteFilter,
  listSavedFilters,
  MAX_SAVED_FILTERS,
  saveFilter,
} from './inbox-filters.service.js';
import { homePath } from '../home/home.menu.js';

async function registrationOptions(deps: Deps, user: SessionUser, lang: 'nl' | 'en') {
  const teamIds = inboxTeamIds(user.memberships);
  const teams = (await listTeams(deps.db))
    .filter((tm) => teamIds.includes(tm.id))
    .map((tm) => ({ id: tm.id, name: lang === 'nl' ? tm.nameNl : tm.nameEn }));
  const advisers = [
    ...new Map(
      (await listTeamAdvisers(deps.db, teamIds)).map((a) => [
        a.id,
        { id: a.id, name: a.display_name },
      ]),
    ).values(),
  ];
  // The categories of the user's teams together (a form without script cannot follow the team choice); the service checks the chosen team offers it.
  const categories = [
    ...new Map(
      (await Promise.all(teams.map((tm) => listOfferedCategories(deps.db, tm.id))))
        .flat()
        .map((cat) => [cat.key, cat]),
    ).values(),
  ];
  // The faculties and units of the user's teams together, as the categories (issue 19).
  const orgUnits = [
    ...new Map(
      (await Promise.all(teams.map((tm) => listOrgUnits(deps.db, tm.id))))
        .flat()
        .map((u) => [u.key, { value: u.key, label: lang === 'nl' ? u.labelNl : u.labelEn }]),
    ).values(),
  ];
  return { teams, advisers, categories, orgUnits };
}

const INBOX_NOTICES = {
  'filter-saved': 'records.notice.filterSaved',
  'filter-deleted': 'records.notice.filterDeleted',
} as const;

const FilterName = z.string().trim().min(1).max(60);

/** Staff routes for case handling; app.ts mounts them behind requireUser. */
export function caseRoutes(
  deps: Deps,
  today: () => string = () => new Date().toISOString().slice(0, 10),
) {
  const app = new Hono<AppEnv>();

  async function inboxPage(
    c: Context<AppEnv>,
    query: InboxQuery,
    save: { name?: string; error?: string } = {},
  ) {
    const user = signedInUser(c);
    const [data, savedFilters] = await Promise.all([
      listInbox(deps.db, user, query, today()),
      listSavedFilters(deps.db, user.id),
    ]);
    if (save.error) c.status(422);
    return c.html(
      <InboxPage
        ctx={viewContext(c)}
        data={data}
        query={query}
        savedFilters={savedFilters}
        save={save}
        notice={save.error ? undefined : noticeOf(c, c.get('t'), INBOX_NOTICES)}
      />,
    );
  }

  app.get('/cases', async (c) => {
    // A role without an inbox (board, expert team, support officer, …) is sent to its own work (issue 19).
    const home = homePath(signedInUser(c).memberships);
    if (home !== '/cases') return c.redirect(home, 303);
    return inboxPage(c, InboxQuery.parse(c.req.query()));
  });

  // Saved filters (issue 19): the filter form's GET query, kept by name for this person only.
  app.post('/cases/filters', async (c) => {
    const user = signedInUser(c);
    if (inboxTeamIds(user.memberships).length === 0) throw new AppError('FORBIDDEN');
    const values = formStrings(await c.req.parseBody());
    const { after: _after, ...query } = InboxQuery.parse(values);
    const name = FilterName.safeParse(values.filterName);
    const t = c.get('t');
    if (!name.success)
      return inboxPage(c, query, { name: values.filterName, error: t('validation.required') });
    try {
      const saved = await saveFilter(deps.db, user.id, name.data, query);
      return noticeRedirect(c, saved.query ? `/cases?${saved.query}` : '/cases', 'filter-saved');
    } catch (err) {
      if (!(err instanceof CaseRuleError)) throw err;
      const error = t(err.messageKey, { max: String(MAX_SAVED_FILTERS) });
      return inboxPage(c, query, { name: name.data, error });
    }
  });

  app.post('/cases/filters/:filterId/delete', async (c) => {
    await deleteFilter(deps.db, signedInUser(c).id, idParam(c, 'filterId'));
    return noticeRedirect(c, '/cases', 'filter-deleted');
  });

  app.get('/cases/new', async (c) => {
    const user = signedInUser(c);
    if (inboxTeamIds(user.memberships).length === 0) throw new AppError('FORBIDDEN');
    const options = await registrationOptions(deps, user, c.get('lang'));
    return c.html(
      <RegistrationPage
        ctx={viewContext(c)}
        {...options}
        values={{ receivedOn: today() }}
        errors={{}}
      />,
    );
  });

  app.post('/cases/new', async (c) => {
    const user = signedInUser(c);
    if (inboxTeamIds(user.memberships).length === 0) throw new AppError('FORBIDDEN');
    const values = formStrings(await c.req.parseBody());
    const parsed = RegistrationInput.safeParse(values);
    let errors = parsed.success ? {} : toFieldErrors(parsed.error, c.get('t'));
    if (parsed.success) {
      try {
        const created = await registerStaffReport(
          deps.db,
          deps.keyring,
          user,
          parsed.data,
          today(),
        );
        return c.redirect(`/cases/${created.id}`, 303);
      } catch (err) {
        if (!(err instanceof CaseRuleError)) throw err;
        errors = { [err.field]: c.get('t')(err.messageKey) };
      }
    }
    const options = await registrationOptions(deps, user, c.get('lang'));
    c.status(422);
    return c.html(
      <RegistrationPage ctx={viewContext(c)} {...options} values={values} errors={errors} />,
    );
  });

  app.get('/cases/:id', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw new AppError('NOT_FOUND');
    return renderCasePage(c, deps, id, today());
  });

  app.route('/', caseActionRoutes(deps, today));
  return app;
}
