import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv, type ViewContext } from '../http/env.js';
import { listInstitutions, type InstitutionContext } from '../tenancy/tenancy.js';
import { Layout } from '../../ui/layout.js';

/**
 * Path mode's unprefixed `/` (decision 039): a plain list linking to each institution's own site
 * (`/<key>/`). Everywhere else (an institution's site, single and host mode) `/` is the intake's.
 */
export function institutionListRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c, next) => {
    if (deps.config.tenancy?.mode !== 'path' || c.get('institution')) return next();
    return c.html(
      <InstitutionListPage ctx={viewContext(c)} institutions={await listInstitutions(deps.db)} />,
    );
  });
  return app;
}

function InstitutionListPage({
  ctx,
  institutions,
}: {
  ctx: ViewContext;
  institutions: InstitutionContext[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('tenancy.list.title')} siteLinks={false}>
      <h1 class="utrecht-heading-1">{t('tenancy.list.title')}</h1>
      {institutions.length === 0 ? (
        <p>{t('tenancy.list.empty')}</p>
      ) : (
        <>
          <p>{t('tenancy.list.intro')}</p>
          <ul class="utrecht-unordered-list">
            {institutions.map((i) => (
              <li>
                <a class="utrecht-link" href={`/${encodeURIComponent(i.key)}/`}>
                  {i.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
