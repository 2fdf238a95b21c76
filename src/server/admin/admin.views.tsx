import { CsrfField } from '../../ui/layout.js';
import { ErrorSummary, SubmitButton, TextField, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { AdminPage } from './admin.components.js';
import type { TeamSettings } from './teams.admin.service.js';

type Form = { values: Record<string, string>; errors: FieldErrors };

export function teamName(ctx: ViewContext, team: { nameNl: string; nameEn: string }): string {
  return ctx.lang === 'nl' ? team.nameNl : team.nameEn;
}

export function AdminHomePage({
  ctx,
  teams,
  form,
}: {
  ctx: ViewContext;
  teams: TeamSettings[];
  form: Form;
}) {
  const { t } = ctx;
  return (
    <AdminPage ctx={ctx} title={t('admin.title')}>
      <h2 class="utrecht-heading-2">{t('admin.teams')}</h2>
      <table class="data">
        <caption class="visually-hidden">{t('admin.teams')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.team.name')}</th>
            <th scope="col">{t('admin.team.key')}</th>
            <th scope="col">{t('admin.team.institution')}</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr>
              <td>
                <a href={`/admin/teams/${team.id}`}>{teamName(ctx, team)}</a>
              </td>
              <td>{team.key}</td>
              <td>{team.institutionName}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/team/privacy">{t('teamwork.link.privacy')}</a> ·{' '}
        <a href="/team/breaches">{t('teamwork.link.breaches')}</a>
      </p>
      <h2 class="utrecht-heading-2">{t('admin.team.create')}</h2>
      <ErrorSummary errors={form.errors} t={t} />
      <form method="post" action="/admin/teams" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="key"
          label={t('admin.team.key')}
          hint={t('admin.keyHint')}
          value={form.values.key}
          error={form.errors.key}
        />
        <TextField
          name="nameNl"
          label={t('admin.team.nameNl')}
          value={form.values.nameNl}
          error={form.errors.nameNl}
        />
        <TextField
          name="nameEn"
          label={t('admin.team.nameEn')}
          value={form.values.nameEn}
          error={form.errors.nameEn}
        />
        <TextField
          name="institutionKey"
          label={t('admin.team.institutionKey')}
          hint={t('admin.team.institutionHint')}
          value={form.values.institutionKey ?? ctx.institution?.key ?? 'default'}
          error={form.errors.institutionKey}
        />
        <TextField
          name="institutionName"
          label={t('admin.team.institutionName')}
          value={form.values.institutionName}
          error={form.errors.institutionName}
        />
        <SubmitButton>{t('admin.team.create')}</SubmitButton>
      </form>
    </AdminPage>
  );
}

export function TeamSettingsPage({
  ctx,
  team,
  form,
  notice,
}: {
  ctx: ViewContext;
  team: TeamSettings;
  form: Form;
  notice?: string;
}) {
  const { t } = ctx;
  const v = (name: string, fallback: string | number) => form.values[name] ?? String(fallback);
  return (
    <AdminPage
      ctx={ctx}
      teamId={team.id}
      teamName={teamName(ctx, team)}
      title={t('admin.nav.settings')}
      notice={notice}
    >
      <ErrorSummary errors={form.errors} t={t} />
      <form method="post" action={`/admin/teams/${team.id}`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="nameNl"
          label={t('admin.team.nameNl')}
          value={v('nameNl', team.nameNl)}
          error={form.errors.nameNl}
        />
        <TextField
          name="nameEn"
          label={t('admin.team.nameEn')}
          value={v('nameEn', team.nameEn)}
          error={form.errors.nameEn}
        />
        <h2 class="utrecht-heading-2">{t('admin.deadlines')}</h2>
        <TextField
          name="ackDays"
          type="number"
          label={t('admin.team.ackDays')}
          hint={t('admin.team.ackDaysHint')}
          value={v('ackDays', team.ackDays)}
          error={form.errors.ackDays}
        />
        <TextField
          name="feedbackDays"
          type="number"
          label={t('admin.team.feedbackDays')}
          hint={t('admin.team.feedbackDaysHint')}
          value={v('feedbackDays', team.feedbackDays)}
          error={form.errors.feedbackDays}
        />
        <TextField
          name="retentionMonths"
          type="number"
          label={t('admin.team.retentionMonths')}
          hint={t('admin.team.retentionHint')}
          value={v('retentionMonths', team.retentionMonths)}
          error={form.errors.retentionMonths}
        />
        <TextField
          name="reminderLeadDays"
          type="number"
          label={t('admin.team.reminderLeadDays')}
          hint={t('admin.team.reminderLeadDaysHint')}
          value={v('reminderLeadDays', team.reminderLeadDays)}
          error={form.errors.reminderLeadDays}
        />
        <h2 class="utrecht-heading-2">{t('admin.team.patterns')}</h2>
        <TextField
          name="patternThreshold"
          type="number"
          label={t('admin.team.patternThreshold')}
          hint={t('admin.team.patternThresholdHint')}
          value={v('patternThreshold', team.patternThreshold)}
          error={form.errors.patternThreshold}
        />
        <h2 class="utrecht-heading-2">{t('admin.team.statistics')}</h2>
        <TextField
          name="suppressionThreshold"
          type="number"
          label={t('admin.team.suppressionThreshold')}
          hint={t('admin.team.suppressionThresholdHint')}
          value={v('suppressionThreshold', team.suppressionThreshold)}
          error={form.errors.suppressionThreshold}
        />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
    </AdminPage>
  );
}
