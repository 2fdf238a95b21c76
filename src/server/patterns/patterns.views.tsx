import { Layout } from '../../ui/layout.js';
import { formatLongDate } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import { kindLabel } from './identifier-form.js';
import type { TeamPatterns } from './signals.service.js';

/** The coordinator's signal: counts and references only — never content of the cases. */
export function PatternsPage({ ctx, teams }: { ctx: ViewContext; teams: TeamPatterns[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('patterns.title')}>
      <h1 class="utrecht-heading-1">{t('patterns.title')}</h1>
      <p>{t('patterns.intro')}</p>
      {teams.map((team) => (
        <section aria-labelledby={`team-${team.teamId}`}>
          <h2 id={`team-${team.teamId}`}>{team.name[lang]}</h2>
          <p class="hint">{t('patterns.threshold', { threshold: team.threshold })}</p>
          {team.signals.length === 0 && team.crossTeam.length === 0 && <p>{t('patterns.none')}</p>}
          {team.signals.map((s) => (
            <div class="panel" data-testid="pattern-signal">
              <h3>
                {t('patterns.signal', { cases: s.cases.length, reporters: s.reporters.total })}
              </h3>
              <p>
                {t('patterns.reporters', {
                  named: s.reporters.named,
                  anonymous: s.reporters.anonymous,
                })}
              </p>
              <ul>
                {s.cases.map((c) => (
                  <li>
                    <a href={`/cases/${c.id}`}>{c.reference}</a> (
                    {formatLongDate(c.receivedOn, ctx.lang)}; {t('patterns.matchedOn')}{' '}
                    {c.kinds.map((k) => t(kindLabel(k))).join(', ')})
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {team.crossTeam.map((x) => (
            <div class="panel" data-testid="pattern-cross-team">
              <h3>{t('patterns.crossTeam.heading')}</h3>
              <p>
                {t('patterns.crossTeam.text', {
                  own: x.ownCaseCount,
                  other: x.otherCaseCount,
                  teams: x.otherTeams.map((n) => n[lang]).join(', '),
                })}
              </p>
            </div>
          ))}
        </section>
      ))}
    </Layout>
  );
}
