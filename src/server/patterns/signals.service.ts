import type { Db } from '../db/create-db.js';
import { recordAudit } from '../audit/audit.service.js';
import type { SessionUser } from '../users/users.service.js';
import {
  countReporters,
  groupIntoClusters,
  isShareable,
  type ClusterCase,
} from './pattern-clusters.js';
import { patternTeamIds } from './patterns.policy.js';
import { listSharedIdentifierRows, listTeamThresholds } from './patterns.queries.js';

export interface PatternSignal {
  cases: { id: string; reference: string; receivedOn: string; kinds: string[] }[];
  reporters: { total: number; named: number; anonymous: number };
}
export interface CrossTeamSignal {
  otherTeams: { nl: string; en: string }[];
  otherCaseCount: number;
  ownCaseCount: number;
}
export interface TeamPatterns {
  teamId: string;
  name: { nl: string; en: string };
  threshold: number;
  signals: PatternSignal[];
  crossTeam: CrossTeamSignal[];
}

const presentCase = (c: ClusterCase) => ({
  id: c.caseId,
  reference: c.reference,
  receivedOn: c.receivedOn,
  kinds: [...c.kinds].sort(),
});

/**
 * What a coordinator sees: per team, the clusters whose shareable cases come from at least the
 * team's threshold of distinct reporters (references only, no content), and clusters that
 * reach into another team (a count and a request to consult). Escrowed cases that were not
 * released are left out entirely. Every look-up is audited.
 */
export async function listPatternSignals(db: Db, user: SessionUser): Promise<TeamPatterns[]> {
  const teamIds = patternTeamIds(user.memberships);
  if (teamIds.length === 0) return [];
  const teams = await listTeamThresholds(db);
  const names = new Map(teams.map((tm) => [tm.id, { nl: tm.name_nl, en: tm.name_en }]));
  const clusters = groupIntoClusters(await listSharedIdentifierRows(db)).map((cl) =>
    cl.filter(isShareable),
  );
  const result = teams
    .filter((tm) => teamIds.includes(tm.id))
    .map((tm) => {
      const signals: PatternSignal[] = [];
      const crossTeam: CrossTeamSignal[] = [];
      for (const shared of clusters) {
        const own = shared.filter((c) => c.teamId === tm.id);
        if (own.length === 0) continue;
        const ownReporters = countReporters(own);
        if (own.length > 1 && ownReporters.total >= tm.pattern_threshold)
          signals.push({ cases: own.map(presentCase), reporters: ownReporters });
        const others = shared.filter((c) => c.teamId !== tm.id);
        if (others.length > 0 && countReporters(shared).total >= tm.pattern_threshold) {
          const otherTeams = [...new Set(others.map((c) => c.teamId))].map((id) => names.get(id)!);
          crossTeam.push({ otherTeams, otherCaseCount: others.length, ownCaseCount: own.length });
        }
      }
      return {
        teamId: tm.id,
        name: names.get(tm.id)!,
        threshold: tm.pattern_threshold,
        signals,
        crossTeam,
      };
    });
  await db.transaction().execute(async (trx) => {
    for (const tp of result) {
      await recordAudit(trx, {
        type: 'PATTERNS_VIEWED',
        actor: { kind: 'user', userId: user.id },
        teamId: tp.teamId,
        detail: {
          signals: tp.signals.length,
          crossTeam: tp.crossTeam.length,
          cases: tp.signals.flatMap((s) => s.cases.map((c) => c.id)).join(','),
        },
      });
    }
  });
  return result;
}
