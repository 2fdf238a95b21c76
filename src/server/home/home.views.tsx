import { Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import { menuFor } from './home.menu.js';

/** What a signed-in person may see and do here, role by role, with a link to each page. */
export function StartPage({ ctx, teams }: { ctx: ViewContext; teams: string[] }) {
  const { t, user } = ctx;
  const memberships = user?.memberships ?? [];
  const roles = [...new Set(memberships.map((m) => m.role))];
  const items = menuFor(memberships).filter((item) => item.path !== '/start');
  return (
    <Layout ctx={ctx} title={t('workspace.title')}>
      <h1 class="utrecht-heading-1">{t('workspace.title')}</h1>
      <p>{t('workspace.greeting', { name: user?.displayName ?? '' })}</p>
      <dl class="details">
        <dt>{t('workspace.roles')}</dt>
        <dd>{roles.length ? roles.map((r) => t(`admin.role.${r}`)).join(', ') : t('case.none')}</dd>
        <dt>{t('workspace.teams')}</dt>
        <dd>{teams.length ? teams.join(', ') : t('case.none')}</dd>
      </dl>
      {roles.includes('ombudsperson') && (
        <section aria-labelledby="ombudsperson-heading">
          <h2 id="ombudsperson-heading" class="utrecht-heading-2">
            {t('workspace.ombudsperson.heading')}
          </h2>
          <p>{t('workspace.ombudsperson.text')}</p>
          <ul class="utrecht-unordered-list">
            <li>{t('workspace.ombudsperson.sees1')}</li>
            <li>{t('workspace.ombudsperson.sees2')}</li>
            <li>{t('workspace.ombudsperson.sees3')}</li>
          </ul>
        </section>
      )}
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading" class="utrecht-heading-2">
          {t('workspace.pages')}
        </h2>
        <ul class="utrecht-unordered-list" data-testid="start-pages">
          {items.map((item) => (
            <li>
              <a href={item.path}>{t(item.label)}</a> — {t(item.description)}
            </li>
          ))}
          <li>
            <a href="/wegwijzer">{t('nav.guide')}</a> — {t('workspace.describe.guide')}
          </li>
        </ul>
      </section>
    </Layout>
  );
}
