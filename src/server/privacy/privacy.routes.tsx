import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { accessibilitySections } from './accessibility.content.js';
import {
  findTeamFactsByKey,
  getInstallationFacts,
  listOtherTeams,
  teamIdsOf,
  type TeamFacts,
} from './privacy-facts.service.js';
import { statementIntro, statementSections } from './privacy-statement.content.js';
import { AccessibilityPage, PrivacyStatementPage } from './privacy.views.js';

const TEAM_KEY = /^[a-z0-9_-]{1,40}$/;

/** The public privacy and accessibility statements: GET only, no session, generated from the configuration. */
export function privacyRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  const render = async (c: Context<AppEnv>, team: TeamFacts) => {
    const lang = c.get('lang');
    const others = await listOtherTeams(deps.db, team.id, lang, c.get('institution')?.id);
    return c.html(
      <PrivacyStatementPage
        ctx={viewContext(c)}
        teamName={team.name[lang]}
        intro={statementIntro(team, lang)}
        sections={statementSections(team, lang)}
        extra={team.setting.extra?.[lang] || undefined}
        otherTeams={others}
      />,
    );
  };

  app.get('/privacy', async (c) => {
    const team = await findTeamFactsByKey(deps.db, undefined, c.get('institution')?.id);
    if (!team) throw new AppError('NOT_FOUND');
    return render(c, team);
  });

  app.get('/privacy/:team', async (c) => {
    const key = c.req.param('team');
    const team = TEAM_KEY.test(key)
      ? await findTeamFactsByKey(deps.db, key, c.get('institution')?.id)
      : undefined;
    if (!team) throw new AppError('NOT_FOUND');
    return render(c, team);
  });

  app.get('/toegankelijkheid', async (c) => {
    const lang = c.get('lang');
    const institution = c.get('institution');
    const { teams } = await getInstallationFacts(
      deps.db,
      institution && (await teamIdsOf(deps.db, institution.id)),
    );
    const institutionName = institution?.name ?? teams[0]?.institution ?? '';
    const contacts = teams.map((t) => ({
      team: t.name[lang],
      contact: t.setting.accessibilityContact,
    }));
    return c.html(
      <AccessibilityPage
        ctx={viewContext(c)}
        sections={accessibilitySections(institutionName, contacts, lang)}
      />,
    );
  });

  return app;
}
