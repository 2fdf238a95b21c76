import { Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import type { StatementSection } from './privacy-statement.content.js';

/** Plain text written by staff: blank lines separate paragraphs. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

export function Sections({ sections }: { sections: StatementSection[] }) {
  return (
    <>
      {sections.map((s) => (
        <section aria-labelledby={`section-${s.id}`} data-section={s.id}>
          <h2 class="utrecht-heading-2" id={`section-${s.id}`}>
            {s.heading}
          </h2>
          {s.paragraphs.map((p) => (
            <p>{p}</p>
          ))}
          {s.items && (
            <ul>
              {s.items.map((i) => (
                <li>{i}</li>
              ))}
            </ul>
          )}
          {s.links?.map(([href, text]) => (
            <p>
              <a href={href}>{text}</a>
            </p>
          ))}
        </section>
      ))}
    </>
  );
}

export function PrivacyStatementPage(p: {
  ctx: ViewContext;
  teamName: string;
  intro: string;
  sections: StatementSection[];
  extra?: string;
  otherTeams: { key: string; name: string }[];
}) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('privacy.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('privacy.title')}</h1>
      <p class="lead">{p.teamName}</p>
      <Paragraphs text={p.intro} />
      <Sections sections={p.sections} />
      {p.extra && (
        <section aria-labelledby="section-extra">
          <h2 class="utrecht-heading-2" id="section-extra">
            {t('privacy.extraHeading')}
          </h2>
          <Paragraphs text={p.extra} />
        </section>
      )}
      {p.otherTeams.length > 0 && (
        <nav aria-label={t('privacy.otherTeams')}>
          <h2 class="utrecht-heading-2">{t('privacy.otherTeams')}</h2>
          <ul>
            {p.otherTeams.map((o) => (
              <li>
                <a href={`/privacy/${o.key}`}>{o.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </Layout>
  );
}

export function AccessibilityPage({
  ctx,
  sections,
}: {
  ctx: ViewContext;
  sections: StatementSection[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accessibility.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('accessibility.title')}</h1>
      <Sections sections={sections} />
    </Layout>
  );
}

/** Shown in the intake before anything is sent; once the team is chosen, that team's statement. */
export function PrivacyNote({ ctx, teamKey }: { ctx: ViewContext; teamKey?: string }) {
  const href = teamKey && /^[a-z0-9_-]{1,40}$/.test(teamKey) ? `/privacy/${teamKey}` : '/privacy';
  return (
    <p class="privacy-note">
      {ctx.t('privacy.intakeNote')} <a href={href}>{ctx.t('privacy.intakeLink')}</a>
    </p>
  );
}
