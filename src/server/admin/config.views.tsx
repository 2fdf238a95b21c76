import { CsrfField } from '../../ui/layout.js';
import {
  ErrorSummary,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
  CheckboxGroup,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { AdminPage, SelectField } from './admin.components.js';
import { teamName } from './admin.views.js';
import type { TeamSettings } from './teams.admin.service.js';
import type { OrgUnit } from './org-units.service.js';
import type { TeamCategory } from './categories.service.js';
import type { Partner } from './partners.service.js';

type Form = { values: Record<string, string>; errors: FieldErrors };
type Base = { ctx: ViewContext; team: TeamSettings; form: Form; notice?: string };

export function OrgUnitsPage({ ctx, team, form, notice, units }: Base & { units: OrgUnit[] }) {
  const { t } = ctx;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={t('admin.nav.orgUnits')}
      notice={notice}
    >
      <table class="data">
        <caption class="visually-hidden">{t('admin.nav.orgUnits')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.key')}</th>
            <th scope="col">{t('admin.labelNl')}</th>
            <th scope="col">{t('admin.labelEn')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr>
              <td>{u.key}</td>
              <td>{u.labelNl}</td>
              <td>{u.labelEn}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="utrecht-heading-2">{t('admin.orgUnit.save')}</h2>
      <p>{t('admin.orgUnit.intro')}</p>
      <ErrorSummary errors={form.errors} t={t} />
      <form method="post" action={`/admin/teams/${team.id}/org-units`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="key"
          label={t('admin.key')}
          hint={t('admin.keyHint')}
          value={form.values.key}
          error={form.errors.key}
        />
        <TextField
          name="labelNl"
          label={t('admin.labelNl')}
          value={form.values.labelNl}
          error={form.errors.labelNl}
        />
        <TextField
          name="labelEn"
          label={t('admin.labelEn')}
          value={form.values.labelEn}
          error={form.errors.labelEn}
        />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
    </AdminPage>
  );
}

export function CategoriesPage({
  ctx,
  team,
  categories,
  notice,
}: Omit<Base, 'form'> & { categories: TeamCategory[] }) {
  const { t, lang } = ctx;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={t('admin.nav.categories')}
      notice={notice}
    >
      <p>{t('admin.category.intro')}</p>
      <table class="data">
        <caption class="visually-hidden">{t('admin.nav.categories')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.category.label')}</th>
            <th scope="col">{t('admin.key')}</th>
            <th scope="col">{t('admin.category.version')}</th>
            <th scope="col">{t('admin.category.subtypes')}</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr>
              <td>
                <a href={`/admin/teams/${team.id}/categories/${c.key}`}>{c.label[lang]}</a>
                {c.isRetired && <> ({t('admin.category.retired')})</>}
              </td>
              <td>{c.key}</td>
              <td>{c.version === 0 ? t('admin.category.default') : c.version}</td>
              <td>{c.subtypes.map((s) => s.label[lang]).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/admin/teams/${team.id}/categories/new`}>{t('admin.category.add')}</a>
      </p>
    </AdminPage>
  );
}

export function CategoryEditPage({ ctx, team, form, isNew }: Base & { isNew: boolean }) {
  const { t } = ctx;
  const action = `/admin/teams/${team.id}/categories/${isNew ? 'new' : form.values.key}`;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={isNew ? t('admin.category.add') : t('admin.category.edit')}
    >
      <p>{t('admin.category.versionNote')}</p>
      <ErrorSummary errors={form.errors} t={t} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        {isNew ? (
          <TextField
            name="key"
            label={t('admin.key')}
            hint={t('admin.keyHint')}
            value={form.values.key}
            error={form.errors.key}
          />
        ) : (
          <input type="hidden" name="key" value={form.values.key} />
        )}
        <TextField
          name="labelNl"
          label={t('admin.labelNl')}
          value={form.values.labelNl}
          error={form.errors.labelNl}
        />
        <TextField
          name="labelEn"
          label={t('admin.labelEn')}
          value={form.values.labelEn}
          error={form.errors.labelEn}
        />
        <TextArea
          name="definitionNl"
          label={t('admin.category.definitionNl')}
          value={form.values.definitionNl}
          error={form.errors.definitionNl}
        />
        <TextArea
          name="definitionEn"
          label={t('admin.category.definitionEn')}
          value={form.values.definitionEn}
          error={form.errors.definitionEn}
        />
        <TextField
          name="source"
          label={t('reportDoc.sourceField')}
          hint={t('reportDoc.sourceHint')}
          value={form.values.source}
          error={form.errors.source}
        />
        <TextArea
          name="subtypes"
          label={t('admin.category.subtypes')}
          hint={t('admin.category.subtypesHint')}
          value={form.values.subtypes}
          error={form.errors.subtypes}
        />
        <CheckboxGroup
          name="retired"
          legend={t('admin.category.status')}
          choices={[{ value: 'yes', label: t('admin.category.retire') }]}
          checked={form.values.retired ? ['yes'] : []}
        />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
    </AdminPage>
  );
}

export function PartnersPage({
  ctx,
  team,
  form,
  notice,
  partners,
}: Base & { partners: Partner[] }) {
  const { t, lang } = ctx;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={t('admin.nav.partners')}
      notice={notice}
    >
      <table class="data">
        <caption class="visually-hidden">{t('admin.nav.partners')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.partner.name')}</th>
            <th scope="col">{t('admin.key')}</th>
            <th scope="col">{t('admin.partner.kind')}</th>
            <th scope="col">{t('admin.partner.phone')}</th>
            <th scope="col">{t('admin.partner.active')}</th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => (
            <tr>
              <td>{p.name[lang]}</td>
              <td>{p.key}</td>
              <td>
                {t(p.kind === 'internal' ? 'admin.partner.internal' : 'admin.partner.external')}
              </td>
              <td>{p.phone ?? ''}</td>
              <td>{t(p.isActive ? 'admin.yes' : 'admin.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="utrecht-heading-2">{t('admin.partner.save')}</h2>
      <p>{t('admin.partner.intro')}</p>
      <ErrorSummary errors={form.errors} t={t} />
      <form method="post" action={`/admin/teams/${team.id}/partners`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="key"
          label={t('admin.key')}
          hint={t('admin.keyHint')}
          value={form.values.key}
          error={form.errors.key}
        />
        <SelectField
          name="kind"
          label={t('admin.partner.kind')}
          value={form.values.kind}
          choices={[
            { value: 'external', label: t('admin.partner.external') },
            { value: 'internal', label: t('admin.partner.internal') },
          ]}
          error={form.errors.kind}
        />
        <TextField
          name="nameNl"
          label={t('admin.labelNl')}
          value={form.values.nameNl}
          error={form.errors.nameNl}
        />
        <TextField
          name="nameEn"
          label={t('admin.labelEn')}
          value={form.values.nameEn}
          error={form.errors.nameEn}
        />
        <TextField
          name="phone"
          type="tel"
          label={t('admin.partner.phone')}
          value={form.values.phone}
          error={form.errors.phone}
        />
        <TextField
          name="url"
          type="url"
          label={t('admin.partner.url')}
          value={form.values.url}
          error={form.errors.url}
        />
        <TextArea
          name="noteNl"
          label={t('admin.partner.noteNl')}
          hint={t('admin.partner.noteHint')}
          value={form.values.noteNl}
          error={form.errors.noteNl}
        />
        <TextArea
          name="noteEn"
          label={t('admin.partner.noteEn')}
          value={form.values.noteEn}
          error={form.errors.noteEn}
        />
        <CheckboxGroup
          name="inactive"
          legend={t('admin.partner.active')}
          choices={[{ value: 'yes', label: t('admin.partner.deactivate') }]}
          checked={form.values.inactive ? ['yes'] : []}
        />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
    </AdminPage>
  );
}

export function GuidePage({ ctx, team, form, notice }: Base) {
  const { t } = ctx;
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={t('admin.nav.guide')}
      notice={notice}
    >
      <p>{t('admin.guide.intro')}</p>
      <ErrorSummary errors={form.errors} t={t} />
      <form method="post" action={`/admin/teams/${team.id}/guide`} novalidate>
        <CsrfField ctx={ctx} />
        <TextArea
          name="bodyNl"
          label={t('admin.guide.bodyNl')}
          value={form.values.bodyNl}
          error={form.errors.bodyNl}
        />
        <TextArea
          name="bodyEn"
          label={t('admin.guide.bodyEn')}
          value={form.values.bodyEn}
          error={form.errors.bodyEn}
        />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
    </AdminPage>
  );
}
