import { Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
  CsrfField,
} from '../../ui/form.js';
import { formatDateTime } from '../../ui/dates.js';
import type { Lang } from '../../domain/taxonomy.js';
import type { ViewContext } from '../http/env.js';
import type { TeamScope } from '../protocols/team-scope.js';

const time = (d: Date, lang: Lang) => formatDateTime(d, lang);

export interface RotaPageData {
  scope: TeamScope;
  canEdit: boolean;
  escalationMinutes: number;
  candidates: { id: string; name: string; position?: number }[];
  openAlerts: { id: string; reference: string; raisedAt: Date; level: number }[];
}

/** The on-call rota of a team and its open urgent alerts. */
export function RotaPage({
  ctx,
  data,
  errors,
  values = {},
}: {
  ctx: ViewContext;
  data: RotaPageData;
  errors: FieldErrors;
  values?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('urgent.rotaTitle')}>
      <h1 class="utrecht-heading-1">{t('urgent.rotaTitle')}</h1>
      <p>{data.scope.teamName}</p>
      <ErrorSummary errors={errors} t={t} />
      <section aria-labelledby="open-alerts">
        <h2 id="open-alerts">{t('urgent.openAlerts')}</h2>
        {data.openAlerts.length === 0 ? (
          <p>{t('urgent.noOpenAlerts')}</p>
        ) : (
          <ul data-testid="open-alerts">
            {data.openAlerts.map((a) => (
              <li>
                <a href={`/urgent/${a.id}`}>{a.reference}</a> —{' '}
                {t('urgent.raisedAt', { time: time(a.raisedAt, ctx.lang) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="rota">
        <h2 id="rota">{t('urgent.rota')}</h2>
        <p class="hint">{t('urgent.rotaHint')}</p>
        {data.canEdit ? (
          <form method="post" action={`/team/on-call?team=${data.scope.teamId}`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <fieldset>
              <legend>{t('urgent.positions')}</legend>
              {data.candidates.map((p) => (
                <TextField
                  name={`pos_${p.id}`}
                  label={t('urgent.positionOf', { name: p.name })}
                  value={values[`pos_${p.id}`] ?? (p.position ? String(p.position) : '')}
                  error={errors[`pos_${p.id}`]}
                />
              ))}
            </fieldset>
            <TextField
              name="escalationMinutes"
              label={t('urgent.escalationMinutes')}
              hint={t('urgent.escalationHint')}
              value={values.escalationMinutes ?? String(data.escalationMinutes)}
              error={errors.escalationMinutes}
            />
            <SubmitButton>{t('urgent.saveRota')}</SubmitButton>
          </form>
        ) : (
          <ol>
            {data.candidates
              .filter((p) => p.position)
              .sort((a, b) => a.position! - b.position!)
              .map((p) => (
                <li>{p.name}</li>
              ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}

export interface AlertView {
  id: string;
  caseId: string;
  reference: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  notices: { level: number; sentAt: Date; name: string }[];
}

/** The page the alert mail links to: the case reference, who was called, and the acknowledge button. */
export function AlertPage({ ctx, alert }: { ctx: ViewContext; alert: AlertView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('urgent.alertTitle')}>
      <h1 class="utrecht-heading-1">{t('urgent.alertTitle')}</h1>
      <p>{t('urgent.acuteNote')}</p>
      <p>
        <a href={`/cases/${alert.caseId}`}>
          {t('urgent.openCase', { reference: alert.reference })}
        </a>{' '}
        — {t('urgent.raisedAt', { time: time(alert.raisedAt, ctx.lang) })}
      </p>
      <ul>
        {alert.notices.map((n) => (
          <li>
            {t('urgent.noticeSent', {
              name: n.name,
              time: time(n.sentAt, ctx.lang),
              level: n.level,
            })}
          </li>
        ))}
      </ul>
      {alert.acknowledgedAt ? (
        <p data-testid="alert-acknowledged">
          {t('urgent.acknowledgedBy', {
            name: alert.acknowledgedBy ?? '—',
            time: time(alert.acknowledgedAt, ctx.lang),
          })}
        </p>
      ) : (
        <form method="post" action={`/urgent/${alert.id}/acknowledge`}>
          <CsrfField token={ctx.csrfToken} />
          <SubmitButton>{t('urgent.acknowledge')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}

/** Marking a case urgent from the case. */
export function MarkUrgentPage({
  ctx,
  caseId,
  reference,
  isUrgent,
  canHandle,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  isUrgent: boolean;
  canHandle: boolean;
}) {
  const { t } = ctx;
  const title = t('urgent.markTitle', { reference });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p>{t('urgent.optionText')}</p>
      {isUrgent ? (
        <p data-testid="case-urgent">{t('urgent.isUrgent')}</p>
      ) : (
        canHandle && (
          <form method="post" action={`/cases/${caseId}/urgent`}>
            <CsrfField token={ctx.csrfToken} />
            <SubmitButton>{t('urgent.markSubmit')}</SubmitButton>
          </form>
        )
      )}
    </Layout>
  );
}
