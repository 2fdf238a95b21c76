import { Layout } from '../../ui/layout.js';
import { DateText } from '../../ui/dates.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  type FormState,
  CheckboxGroup,
  CsrfField,
} from '../../ui/form.js';
import { DateField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import {
  ACUTE_INDICATORS,
  CONCERN_RATINGS,
  FRAMEWORK1_QUESTIONS,
  INDICATOR_GROUPS,
  RISK_LEVELS,
  type IndicatorGroup,
  type RiskAnswers,
} from '../../domain/risk.js';
import type { AssessmentView } from './risk.service.js';

const asList = (v: string | string[] | undefined) =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

export function RiskPage({
  ctx,
  caseId,
  reference,
  history,
  canHandle,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  history: AssessmentView[];
  canHandle: boolean;
  form: FormState;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const title = t('risk.title', { reference });
  const v = form.values;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <section aria-labelledby="risk-history">
        <h2 id="risk-history">{t('risk.history')}</h2>
        {history.length === 0 ? (
          <p>{t('risk.none')}</p>
        ) : (
          <ol class="timeline" data-testid="risk-history">
            {history.map((a) => (
              <li>
                <h3>
                  <DateText value={a.assessedAt} lang={ctx.lang} /> — {k(`risk.level.${a.level}`)}
                </h3>
                <p>
                  {t('risk.suggested')}: {k(`risk.level.${a.suggested}`)} · {t('risk.reassessOn')}:{' '}
                  {a.reassessOn ? <DateText value={a.reassessOn} lang={ctx.lang} /> : '—'} ·{' '}
                  {t('records.risk.assessedBy')}: {a.assessor}
                </p>
                <p class="narrative">{a.reasoning}</p>
                <AssessmentAnswers ctx={ctx} answers={a.answers} />
              </li>
            ))}
          </ol>
        )}
      </section>
      {canHandle && (
        <section aria-labelledby="risk-new">
          <h2 id="risk-new">{t('risk.new')}</h2>
          <form method="post" action={`/cases/${caseId}/risk`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <h3>{t('risk.framework1')}</h3>
            {FRAMEWORK1_QUESTIONS.map((q) => (
              <RadioGroup
                name={q}
                label={k(`risk.f1.${q}`)}
                value={v[q] as string | undefined}
                error={form.errors[q]}
                choices={CONCERN_RATINGS.map((r) => ({ value: r, label: k(`risk.rating.${r}`) }))}
              />
            ))}
            <CheckboxGroup
              name="acute"
              legend={t('risk.acute')}
              hint={t('risk.acuteHint')}
              checked={asList(v.acute)}
              error={form.errors.acute}
              choices={ACUTE_INDICATORS.map((x) => ({ value: x, label: k(`risk.ind.${x}`) }))}
            />
            {(Object.keys(INDICATOR_GROUPS) as IndicatorGroup[]).map((g, i) => (
              <CheckboxGroup
                name="indicators"
                id={i === 0 ? 'indicators' : `indicators-${g}`}
                legend={k(`risk.group.${g}`)}
                checked={asList(v.indicators)}
                error={i === 0 ? form.errors.indicators : undefined}
                choices={INDICATOR_GROUPS[g].map((x) => ({ value: x, label: k(`risk.ind.${x}`) }))}
              />
            ))}
            <RadioGroup
              name="level"
              label={t('risk.level')}
              hint={t('risk.levelHint')}
              value={v.level as string}
              error={form.errors.level}
              choices={RISK_LEVELS.map((l) => ({ value: l, label: k(`risk.level.${l}`) }))}
            />
            <TextArea
              name="reasoning"
              label={t('risk.reasoning')}
              value={v.reasoning as string}
              error={form.errors.reasoning}
            />
            <DateField
              name="reassessOn"
              label={t('risk.reassessOn')}
              hint={t('risk.reassessHint')}
              value={v.reassessOn as string}
              error={form.errors.reassessOn}
            />
            <SubmitButton>{t('risk.submit')}</SubmitButton>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** What was answered in an assessment, in words (issue 19): ratings, then what was ticked. */
function AssessmentAnswers({ ctx, answers }: { ctx: ViewContext; answers: RiskAnswers }) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const ticked = (list: readonly string[]) =>
    list.length === 0
      ? t('records.risk.noneTicked')
      : list.map((x) => k(`risk.ind.${x}`)).join(', ');
  return (
    <details class="risk-answers">
      <summary>{t('records.risk.answers')}</summary>
      <dl class="details" data-testid="risk-answers">
        {FRAMEWORK1_QUESTIONS.map((q) => (
          <>
            <dt>{k(`risk.f1.${q}`)}</dt>
            <dd>{k(`risk.rating.${answers.framework1[q]}`)}</dd>
          </>
        ))}
        <dt>{t('risk.acute')}</dt>
        <dd>{ticked(answers.acute)}</dd>
        <dt>{t('records.risk.signals')}</dt>
        <dd>{ticked(answers.indicators)}</dd>
      </dl>
    </details>
  );
}
