import type { Child } from 'hono/jsx';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import { CsrfField, Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
} from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import { formatLongDate } from '../../ui/dates.js';
import type { Lang } from '../../domain/taxonomy.js';
import { GRANT_REASONS, REFUSAL_REASONS, RIGHTS_KINDS } from '../../domain/rights.js';
import type { RightsRequestView } from './rights.presenter.js';

const k = (t: Translate, key: string) => t(key as MessageKey);
export type AccusedInfoView =
  | { informedOn: string | null; reviewOn: string | null; reason?: string; recordedAt: Date }
  | undefined;

export interface RightsPageProps {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  /** Set on the support case of the accused: the reporter's case whose data the requests are about. */
  counterpart: boolean;
  erased: boolean;
  requests: RightsRequestView[];
  accused: AccusedInfoView;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string;
}

/** One case's data-subject requests and the accused's information duty; linked from the case page. */
export function RightsPage(p: RightsPageProps) {
  const { t } = p.ctx;
  const base = `/cases/${p.caseId}/rights`;
  return (
    <Layout ctx={p.ctx} title={`${t('rights.title')} ${p.reference}`}>
      <p>
        <a href={`/cases/${p.caseId}`}>{t('rights.backToCase', { reference: p.reference })}</a>
      </p>
      <h1 class="utrecht-heading-1">
        {t('rights.title')} {p.reference}
      </h1>
      {p.notice && (
        <p class="panel" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary errors={p.errors} t={t} />
      <p>{t(p.counterpart ? 'rights.introCounterpart' : 'rights.intro')}</p>
      {p.erased && (
        <p class="panel" data-testid="erased">
          {t('rights.erased')}
        </p>
      )}
      {!p.counterpart && !p.erased && (
        <p>
          <a href={`${base}/reporter-data`} download>
            {t('rights.reporterData')}
          </a>
        </p>
      )}
      <AccusedInformation t={t} lang={p.ctx.lang} info={p.accused}>
        {!p.counterpart && !p.erased && (
          <AccusedInformationForm ctx={p.ctx} base={base} values={p.values} errors={p.errors} />
        )}
      </AccusedInformation>
      <h2>{t('rights.requestsHeading')}</h2>
      <RequestTable
        t={t}
        lang={p.ctx.lang}
        base={base}
        requests={p.requests}
        linkable={!p.counterpart}
      />
      {!p.erased && (
        <>
          <h2>{t('rights.recordHeading')}</h2>
          <p>{t(p.counterpart ? 'rights.recordIntroCounterpart' : 'rights.recordIntro')}</p>
          <form method="post" action={`${base}/requests`} novalidate>
            <CsrfField ctx={p.ctx} />
            {p.counterpart ? (
              <input type="hidden" name="subject" value="accused" />
            ) : (
              <RadioGroup
                name="subject"
                label={t('rights.subject')}
                error={p.errors.subject}
                value={p.values.subject}
                choices={[
                  { value: 'reporter', label: t('rights.subject.reporter') },
                  { value: 'accused', label: t('rights.subject.accused') },
                ]}
              />
            )}
            <RadioGroup
              name="kind"
              label={t('rights.request')}
              error={p.errors.kind}
              value={p.values.kind}
              choices={RIGHTS_KINDS.map((v) => ({ value: v, label: k(t, `rights.kind.${v}`) }))}
            />
            <TextArea
              name="details"
              label={t('rights.details')}
              hint={t('rights.detailsHint')}
              error={p.errors.details}
              value={p.values.details}
            />
            <SubmitButton>{t('rights.record')}</SubmitButton>
          </form>
        </>
      )}
    </Layout>
  );
}

function AccusedInformation({
  t,
  lang,
  info,
  children,
}: {
  t: Translate;
  lang: Lang;
  info: AccusedInfoView;
  children?: Child;
}) {
  return (
    <section aria-labelledby="art14-heading">
      <h2 id="art14-heading">{t('rights.art14.heading')}</h2>
      <p data-testid="art14-state">
        {!info
          ? t('rights.art14.none')
          : info.informedOn
            ? t('rights.art14.informed', { date: formatLongDate(info.informedOn, lang) })
            : t('rights.art14.deferred', { date: formatLongDate(info.reviewOn ?? '', lang) })}
      </p>
      {info?.reason && (
        <p>
          <strong>{t('rights.art14.reason')}:</strong> <span class="narrative">{info.reason}</span>
        </p>
      )}
      {children}
    </section>
  );
}

function AccusedInformationForm({
  ctx,
  base,
  values,
  errors,
}: {
  ctx: ViewContext;
  base: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) {
  const { t } = ctx;
  return (
    <form method="post" action={`${base}/accused-information`} novalidate>
      <CsrfField ctx={ctx} />
      <RadioGroup
        name="state"
        label={t('rights.art14.record')}
        error={errors.state}
        value={values.state}
        choices={[
          { value: 'informed', label: t('rights.art14.stateInformed') },
          {
            value: 'deferred',
            label: t('rights.art14.stateDeferred'),
            description: t('rights.art14.deferHint'),
          },
        ]}
      />
      <TextField
        name="informedOn"
        type="date"
        label={t('rights.art14.informedOn')}
        error={errors.informedOn}
        value={values.informedOn}
      />
      <TextArea
        name="reason"
        label={t('rights.art14.reason')}
        hint={t('rights.art14.reasonHint')}
        error={errors.reason}
        value={values.reason}
      />
      <TextField
        name="reviewOn"
        type="date"
        label={t('rights.art14.reviewOn')}
        hint={t('rights.art14.reviewOnHint')}
        error={errors.reviewOn}
        value={values.reviewOn}
      />
      <SubmitButton>{t('rights.art14.save')}</SubmitButton>
    </form>
  );
}

function RequestTable({
  t,
  lang,
  base,
  requests,
  linkable,
}: {
  t: Translate;
  lang: Lang;
  base: string;
  requests: RightsRequestView[];
  linkable: boolean;
}) {
  if (requests.length === 0) return <p>{t('rights.noRequests')}</p>;
  return (
    <table class="data" data-testid="rights-requests">
      <caption class="visually-hidden">{t('rights.requestsHeading')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rights.request')}</th>
          <th scope="col">{t('rights.requestedOn')}</th>
          <th scope="col">{t('rights.dueOn')}</th>
          <th scope="col">{t('rights.status')}</th>
          {!linkable && <th scope="col">{t('rights.disclosed')}</th>}
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr>
            <td>
              {linkable ? (
                <a href={`${base}/requests/${r.id}`}>{requestLabel(t, r)}</a>
              ) : (
                requestLabel(t, r)
              )}
            </td>
            <td>{formatLongDate(r.requestedOn, lang)}</td>
            <td>
              {formatLongDate(r.dueOn, lang)}
              {r.extended && <> ({t('rights.extended')})</>}
            </td>
            <td>{statusLabel(t, r)}</td>
            {!linkable && <td class="narrative">{r.disclosed ?? '–'}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const requestLabel = (t: Translate, r: { subject: string; kind: string; via: string }) =>
  `${k(t, `rights.kind.${r.kind}`)} — ${k(t, `rights.subject.${r.subject}`)} (${k(t, `rights.via.${r.via}`)})`;

const statusLabel = (t: Translate, r: RightsRequestView) =>
  r.status === 'open'
    ? r.daysLeft < 0
      ? t('rights.overdue', { days: String(-r.daysLeft) })
      : t('rights.daysLeft', { days: String(r.daysLeft) })
    : `${k(t, `rights.status.${r.status}`)}: ${k(t, `rights.reason.${r.reason}`)}${r.outcome ? ` (${k(t, `rights.outcome.${r.outcome}`)})` : ''}`;

export interface RequestPageProps {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  request: RightsRequestView;
  canDecideErasure: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** One request: what was asked, and the decision form (the coordinator's for erasure). */
export function RequestPage({
  ctx,
  caseId,
  reference,
  request: r,
  canDecideErasure,
  values,
  errors,
}: RequestPageProps) {
  const { t } = ctx;
  const base = `/cases/${caseId}/rights/requests/${r.id}`;
  const canDecide = r.status === 'open' && (r.kind !== 'erasure' || canDecideErasure);
  const reasons = [
    ...GRANT_REASONS.map((v) => ({
      value: v,
      label: `${t('rights.grant')}: ${k(t, `rights.reason.${v}`)}`,
    })),
    ...REFUSAL_REASONS.map((v) => ({
      value: v,
      label: `${t('rights.refuse')}: ${k(t, `rights.reason.${v}`)}`,
    })),
  ];
  return (
    <Layout ctx={ctx} title={`${requestLabel(t, r)} ${reference}`}>
      <p>
        <a href={`/cases/${caseId}/rights`}>{t('rights.backToRights')}</a>
      </p>
      <h1 class="utrecht-heading-1">{requestLabel(t, r)}</h1>
      <ErrorSummary errors={errors} t={t} />
      <dl class="details">
        <dt>{t('rights.reference')}</dt>
        <dd>{reference}</dd>
        <dt>{t('rights.requestedOn')}</dt>
        <dd>{formatLongDate(r.requestedOn, ctx.lang)}</dd>
        <dt>{t('rights.dueOn')}</dt>
        <dd data-testid="due-on">
          {formatLongDate(r.dueOn, ctx.lang)}
          {r.extended && <> ({t('rights.extended')})</>}
        </dd>
        <dt>{t('rights.status')}</dt>
        <dd data-testid="request-status">{statusLabel(t, r)}</dd>
        <dt>{t('rights.details')}</dt>
        <dd class="narrative">{r.details ?? '–'}</dd>
        {r.decisionNote && (
          <>
            <dt>{t('rights.note')}</dt>
            <dd class="narrative">{r.decisionNote}</dd>
          </>
        )}
        {r.disclosed && (
          <>
            <dt>{t('rights.disclosed')}</dt>
            <dd class="narrative">{r.disclosed}</dd>
          </>
        )}
        {r.withheld && (
          <>
            <dt>{t('rights.withheld')}</dt>
            <dd class="narrative">{r.withheld}</dd>
          </>
        )}
      </dl>
      {r.status === 'open' && r.kind === 'erasure' && !canDecideErasure && (
        <p>{t('rights.coordinatorDecides')}</p>
      )}
      {r.status === 'open' && !r.extended && (
        <form method="post" action={`${base}/extend`}>
          <CsrfField ctx={ctx} />
          <p>{t('rights.extendIntro')}</p>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('rights.extend')}
          </button>
        </form>
      )}
      {canDecide && (
        <>
          <h2>{t('rights.decideHeading')}</h2>
          {r.kind === 'erasure' && (
            <p>
              {t(
                r.subject === 'reporter'
                  ? 'rights.erasureEffectReporter'
                  : 'rights.erasureEffectAccused',
              )}
            </p>
          )}
          <form
            method="post"
            action={`${base}/${r.kind === 'erasure' ? 'erasure' : 'decision'}`}
            novalidate
          >
            <CsrfField ctx={ctx} />
            <RadioGroup
              name="reason"
              label={t('rights.decision')}
              error={errors.reason}
              value={values.reason}
              choices={reasons}
            />
            {r.kind === 'correction' && (
              <>
                <RadioGroup
                  name="outcome"
                  label={t('rights.outcome')}
                  error={errors.outcome}
                  value={values.outcome}
                  choices={[
                    { value: 'kept', label: t('rights.outcome.kept') },
                    { value: 'replaced', label: t('rights.outcome.replaced') },
                  ]}
                />
                <TextArea
                  name="newText"
                  label={t('rights.newText')}
                  hint={t('rights.newTextHint')}
                  error={errors.newText}
                  value={values.newText}
                />
              </>
            )}
            {r.kind === 'access' && r.subject === 'accused' && (
              <>
                <TextArea
                  name="disclosed"
                  label={t('rights.disclosed')}
                  hint={t('rights.disclosedHint')}
                  error={errors.disclosed}
                  value={values.disclosed}
                />
                <TextArea
                  name="withheld"
                  label={t('rights.withheld')}
                  hint={t('rights.withheldHint')}
                  error={errors.withheld}
                  value={values.withheld}
                />
              </>
            )}
            <TextArea
              name="note"
              label={t('rights.note')}
              error={errors.note}
              value={values.note}
            />
            <SubmitButton>{t('rights.decide')}</SubmitButton>
          </form>
        </>
      )}
    </Layout>
  );
}

export interface OpenRequestRow {
  id: string;
  case_id: string;
  subject: string;
  kind: string;
  via: string;
  requested_on: string;
  due_on: string;
  extended: boolean;
  reference: string;
  daysLeft: number;
}

/** The coordinator's overview: every open request of their teams with its legal term. */
export function TeamRightsPage({
  ctx,
  rows,
  notice,
}: {
  ctx: ViewContext;
  rows: OpenRequestRow[];
  notice?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('rights.teamTitle')}>
      <h1 class="utrecht-heading-1">{t('rights.teamTitle')}</h1>
      {notice && (
        <p class="panel" role="status">
          {notice}
        </p>
      )}
      <p>{t('rights.teamIntro')}</p>
      {rows.length === 0 ? (
        <p>{t('rights.noOpenRequests')}</p>
      ) : (
        <table class="data" data-testid="open-requests">
          <caption class="visually-hidden">{t('rights.teamTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rights.reference')}</th>
              <th scope="col">{t('rights.request')}</th>
              <th scope="col">{t('rights.requestedOn')}</th>
              <th scope="col">{t('rights.dueOn')}</th>
              <th scope="col">{t('rights.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`/cases/${r.case_id}/rights/requests/${r.id}`}>{r.reference}</a>
                </td>
                <td>{requestLabel(t, r)}</td>
                <td>{formatLongDate(r.requested_on, ctx.lang)}</td>
                <td>
                  {formatLongDate(r.due_on, ctx.lang)}
                  {r.extended && <> ({t('rights.extended')})</>}
                </td>
                <td>
                  {r.daysLeft < 0
                    ? t('rights.overdue', { days: String(-r.daysLeft) })
                    : t('rights.daysLeft', { days: String(r.daysLeft) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
