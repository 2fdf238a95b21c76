import type { Context } from 'hono';
import type { Db } from '../db/create-db.js';
import type { AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { listTeams } from '../teams/teams.service.js';

export interface TeamScope {
  teamId: string;
  teamName: string;
  /** Every team the user may choose here, for a team switch. */
  teams: { id: string; name: string }[];
}

/**
 * The team a team-wide page is about: `?team=` when the user may use it there, else the first
 * such team; a team they may not use here is refused. Not signed in → sign in; no such team at all → FORBIDDEN.
 */
export async function pickTeam(
  c: Context<AppEnv>,
  db: Db,
  allowedTeamIds: readonly string[],
  requested?: string,
): Promise<TeamScope> {
  if (!c.get('user')) throw new AppError('UNAUTHENTICATED');
  if (allowedTeamIds.length === 0) throw new AppError('FORBIDDEN');
  const lang = c.get('lang');
  const teams = (await listTeams(db))
    .filter((t) => allowedTeamIds.includes(t.id))
    .map((t) => ({ id: t.id, name: lang === 'en' ? t.nameEn : t.nameNl }));
  const wanted = requested ?? c.req.query('team');
  const team = wanted ? teams.find((t) => t.id === wanted) : teams[0];
  if (!team) throw new AppError('FORBIDDEN');
  return { teamId: team.id, teamName: team.name, teams };
}
