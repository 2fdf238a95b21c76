import { RadioGroup, SubmitButton, TextArea, CheckboxGroup, CsrfField } from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import {
  COMMS_ACTIONS,
  employerMayFileFor,
  promptsCollectiveNorm,
} from '../../domain/threat-norm.js';
import type { FormState } from '../../ui/form.js';
import type { CommsImpactView } from './threat-comms.service.js';

/** The collective norm of seeds/003, prompted for threats, violence, stalking, theft and burglary. */
export function CollectiveNorm({
  ctx,
  caseId,
  category,
  reporterRole,
}: {
  ctx: ViewContext;
  caseId: string;
  category: string;
  reporterRole: string;
}) {
  const { t } = ctx;
  if (!promptsCollectiveNorm(category)) return null;
  return (
    <div class="panel" data-testid="collective-norm">
      <p>
        <strong>{t('threatNorm.title')}</strong>
      </p>
      <p>{employerMayFileFor(reporterRole) ? t('threatNorm.staff') : t('threatNorm.student')}</p>
      <p>
        <a href={`/cases/${caseId}/police`}>{t('threatNorm.policeLink')}</a>
      </p>
    </div>
  );
}

/** The communications action list as checkable items, each with the day it was done. */
export function CommsSection({
  ctx,
  caseId,
  comms,
}: {
  ctx: ViewContext;
  caseId: string;
  comms: CommsImpactView;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const done = Object.keys(comms.actions);
  return (
    <section aria-labelledby="thr-comms">
      <h2 id="thr-comms">{t('threatComms.title')}</h2>
      <p class="hint">{t('threatComms.hint')}</p>
      <p data-testid="comms-progress">
        {t('threatComms.progress', { done: done.length, total: COMMS_ACTIONS.length })}
      </p>
      <form method="post" action={`/cases/${caseId}/threats/comms`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <CheckboxGroup
          name="actions"
          legend={t('threatComms.legend')}
          checked={done}
          choices={COMMS_ACTIONS.map((a) => ({
            value: a,
            label: comms.actions[a]
              ? `${k(`threatComms.action.${a}`)} (${t('threatComms.doneOn', { date: formatLongDate(comms.actions[a], ctx.lang) })})`
              : k(`threatComms.action.${a}`),
          }))}
        />
        <SubmitButton>{t('threatComms.submit')}</SubmitButton>
      </form>
    </section>
  );
}

/** Impact on the work and on a temporary contract: a recorded point (seeds/003 §3.3). */
export function ImpactSection({
  ctx,
  caseId,
  comms,
  form,
}: {
  ctx: ViewContext;
  caseId: string;
  comms: CommsImpactView;
  form: FormState;
}) {
  const { t } = ctx;
  const v = form.values as Record<string, string>;
  const i = comms.impact;
  return (
    <section aria-labelledby="thr-impact">
      <h2 id="thr-impact">{t('threatImpact.title')}</h2>
      {i && (
        <p data-testid="work-impact">
          {t('threatImpact.recorded', { date: formatLongDate(i.on, ctx.lang) })} {i.text}{' '}
          {i.temporaryContract ? t('threatImpact.temporaryYes') : ''}
        </p>
      )}
      <form method="post" action={`/cases/${caseId}/threats/impact`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextArea
          name="impact"
          label={t('threatImpact.impact')}
          hint={t('threatImpact.hint')}
          value={v.impact ?? i?.text ?? ''}
          error={form.errors.impact}
        />
        <RadioGroup
          name="temporaryContract"
          label={t('threatImpact.temporary')}
          value={v.temporaryContract ?? (i ? (i.temporaryContract ? 'yes' : 'no') : undefined)}
          error={form.errors.temporaryContract}
          choices={[
            { value: 'yes', label: t('ladder.yes') },
            { value: 'no', label: t('ladder.no') },
          ]}
        />
        <SubmitButton>{t('threatImpact.submit')}</SubmitButton>
      </form>
    </section>
  );
}
