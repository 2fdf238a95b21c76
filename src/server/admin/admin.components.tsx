import type { Child } from 'hono/jsx';
import { Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import type { Choice } from '../../ui/form.js';
import type { MessageKey } from '../../i18n/i18n.js';

export const ADMIN_SECTIONS: [string, MessageKey][] = [
  ['', 'admin.nav.settings'],
  ['/org-units', 'admin.nav.orgUnits'],
  ['/categories', 'admin.nav.categories'],
  ['/partners', 'admin.nav.partners'],
  ['/guide', 'admin.nav.guide'],
  ['/users', 'admin.nav.users'],
  ['/tokens', 'admin.nav.tokens'],
];

/** The frame of every team administration page: title, team name and the section menu. */
export function AdminPage(props: {
  ctx: ViewContext;
  teamId?: string;
  teamName?: string;
  title: string;
  notice?: string;
  children: Child;
}) {
  const { ctx, teamId, teamName, title, notice, children } = props;
  const base = teamId ? `/admin/teams/${teamId}` : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/admin">{ctx.t('admin.title')}</a>
        {teamName && <> › {teamName}</>}
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      {base && (
        <nav aria-label={ctx.t('admin.nav.label')}>
          <ul class="admin-nav">
            {ADMIN_SECTIONS.map(([path, key]) => (
              <li>
                <a
                  href={`${base}${path}`}
                  aria-current={ctx.path === `${base}${path}` ? 'page' : undefined}
                >
                  {ctx.t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      {children}
    </Layout>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  choices: Choice[];
  value?: string;
  error?: string;
}) {
  const { name, label, choices, value, error } = props;
  return (
    <div class={`form-field${error ? ' field--invalid' : ''}`}>
      <label for={`field-${name}`}>{label}</label>
      {error && (
        <p class="error-message" id={`error-${name}`}>
          {error}
        </p>
      )}
      <select
        id={`field-${name}`}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `error-${name}` : undefined}
      >
        {choices.map((c) => (
          <option value={c.value} selected={c.value === value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
