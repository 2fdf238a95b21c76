import { Layout } from '../../ui/layout.js';
import { DateText } from '../../ui/dates.js';
import {
  ErrorSummary,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
  CheckboxGroup,
  CsrfField,
} from '../../ui/form.js';
import { DEFAULT_CATEGORIES } from '../../domain/taxonomy.js';
import type { ViewContext } from '../http/env.js';
import type { ProtocolView } from './protocols.service.js';
import type { TeamScope } from './team-scope.js';

export interface ProtocolForm {
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}

export function formFromProtocol(p: ProtocolView): ProtocolForm['values'] {
  return {
    titleNl: p.title.nl,
    titleEn: p.title.en,
    categories: p.categories,
    stepsNl: p.steps.map((s) => s.nl).join('\n'),
    stepsEn: p.steps.map((s) => s.en).join('\n'),
  };
}

/** The team's protocols, newest versions; a form for a new one. */
export function ProtocolListPage({
  ctx,
  scope,
  protocols,
  form,
}: {
  ctx: ViewContext;
  scope: TeamScope;
  protocols: ProtocolView[];
  form: ProtocolForm;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('protocols.adminTitle')}>
      <h1 class="utrecht-heading-1">{t('protocols.adminTitle')}</h1>
      <p>{scope.teamName}</p>
      <ErrorSummary errors={form.errors} t={t} />
      <table class="data">
        <caption class="visually-hidden">{t('protocols.adminTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('protocols.name')}</th>
            <th scope="col">{t('protocols.versionHeading')}</th>
            <th scope="col">{t('protocols.categories')}</th>
            <th scope="col">{t('protocols.steps')}</th>
          </tr>
        </thead>
        <tbody>
          {protocols.map((p) => (
            <tr>
              <td>
                <a href={`/team/protocols/${p.id}?team=${scope.teamId}`}>{p.title[lang]}</a>
              </td>
              <td>{p.version}</td>
              <td>
                {p.categories
                  .map((k) => DEFAULT_CATEGORIES.find((c) => c.key === k)?.label[lang] ?? k)
                  .join(', ') || '—'}
              </td>
              <td>{p.steps.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="protocol-new">
        <h2 id="protocol-new">{t('protocols.new')}</h2>
        <ProtocolFields
          ctx={ctx}
          action={`/team/protocols?team=${scope.teamId}`}
          form={form}
          submit={t('protocols.createSubmit')}
        />
      </section>
    </Layout>
  );
}

/** One protocol: edit it (a new version) and see its versions. */
export function ProtocolEditPage({
  ctx,
  scope,
  protocol,
  versions,
  form,
}: {
  ctx: ViewContext;
  scope: TeamScope;
  protocol: ProtocolView;
  versions: { version: number; created_at: Date }[];
  form: ProtocolForm;
}) {
  const { t, lang } = ctx;
  const title = t('protocols.editTitle', { title: protocol.title[lang] });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/team/protocols?team=${scope.teamId}`}>{t('protocols.backToList')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <p class="hint">{t('protocols.versionHint')}</p>
      <ProtocolFields
        ctx={ctx}
        action={`/team/protocols/${protocol.id}?team=${scope.teamId}`}
        form={form}
        submit={t('protocols.saveVersion')}
      />
      <section aria-labelledby="protocol-versions">
        <h2 id="protocol-versions">{t('protocols.versions')}</h2>
        <ul>
          {versions.map((v) => (
            <li>
              {t('protocols.versionLabel', { version: v.version })} —{' '}
              <DateText value={v.created_at} lang={lang} />
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function ProtocolFields({
  ctx,
  action,
  form,
  submit,
}: {
  ctx: ViewContext;
  action: string;
  form: ProtocolForm;
  submit: string;
}) {
  const { t, lang } = ctx;
  const v = form.values;
  const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const checked = Array.isArray(v.categories)
    ? v.categories
    : typeof v.categories === 'string'
      ? [v.categories]
      : [];
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={ctx.csrfToken} />
      <TextField
        name="titleNl"
        label={t('protocols.titleNl')}
        value={s('titleNl')}
        error={form.errors.titleNl}
      />
      <TextField
        name="titleEn"
        label={t('protocols.titleEn')}
        value={s('titleEn')}
        error={form.errors.titleEn}
      />
      <CheckboxGroup
        name="categories"
        legend={t('protocols.categories')}
        hint={t('protocols.categoriesHint')}
        error={form.errors.categories}
        checked={checked}
        choices={DEFAULT_CATEGORIES.map((c) => ({ value: c.key, label: c.label[lang] }))}
      />
      <TextArea
        name="stepsNl"
        label={t('protocols.stepsNl')}
        hint={t('protocols.stepsHint')}
        value={s('stepsNl')}
        error={form.errors.stepsNl}
      />
      <TextArea
        name="stepsEn"
        label={t('protocols.stepsEn')}
        hint={t('protocols.stepsHint')}
        value={s('stepsEn')}
        error={form.errors.stepsEn}
      />
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}
