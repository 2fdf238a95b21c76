import { Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  CheckboxGroup,
  CsrfField,
} from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import { DateField } from '../cases/case-fields.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { AttachmentEntry } from '../attachments/attachments.service.js';
import type { FormState } from '../../ui/form.js';
import { FILED_BY, POLICE_STATUSES } from './police.schema.js';
import type { PoliceView } from './police.service.js';

interface Props {
  ctx: ViewContext;
  caseId: string;
  reference: string;
  view: PoliceView;
  files: AttachmentEntry[];
  canHandle: boolean;
  form: FormState;
}

export function PolicePage({ ctx, caseId, reference, view, files, canHandle, form }: Props) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const title = t('police.title', { reference });
  const r = view.report;
  const v = (
    Object.keys(form.values).length
      ? form.values
      : {
          status: r?.status,
          offeredOn: r?.offeredOn,
          declinedReason: r?.declinedReason,
          filedOn: r?.filedOn,
          filedBy: r?.filedBy,
          employerAddress: r?.employerAddress,
          policeReference: r?.policeReference,
          followUp: r?.followUp,
        }
  ) as Record<string, string | undefined>;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/cases/${caseId}`}>{t('issue5.backToCase')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      {view.isStandard && (
        <p class="panel" data-testid="police-standard">
          {t('police.standard')}
        </p>
      )}
      {view.collectiveNorm && (
        <p class="panel" data-testid="collective-norm">
          {view.employerMayFile ? t('threatNorm.staff') : t('threatNorm.student')}
        </p>
      )}
      <section aria-labelledby="police-state">
        <h2 id="police-state">{t('police.current')}</h2>
        {!r ? (
          <p>{t('police.none')}</p>
        ) : (
          <dl class="details" data-testid="police-report">
            <dt>{t('police.status')}</dt>
            <dd>{k(`police.status.${r.status}`)}</dd>
            {r.offeredOn && (
              <>
                <dt>{t('police.offeredOn')}</dt>
                <dd>{formatLongDate(r.offeredOn, ctx.lang)}</dd>
              </>
            )}
            {r.declinedReason && (
              <>
                <dt>{t('police.declinedReason')}</dt>
                <dd>{r.declinedReason}</dd>
              </>
            )}
            {r.filedOn && (
              <>
                <dt>{t('police.filedOn')}</dt>
                <dd>{formatLongDate(r.filedOn, ctx.lang)}</dd>
              </>
            )}
            {r.filedBy && (
              <>
                <dt>{t('police.filedBy')}</dt>
                <dd>{k(`police.filedBy.${r.filedBy}`)}</dd>
              </>
            )}
            {r.employerAddress && (
              <>
                <dt>{t('police.employerAddress')}</dt>
                <dd>{r.employerAddress}</dd>
              </>
            )}
            {r.policeReference && (
              <>
                <dt>{t('police.reference')}</dt>
                <dd>{r.policeReference}</dd>
              </>
            )}
            {r.followUp && (
              <>
                <dt>{t('police.followUp')}</dt>
                <dd>{r.followUp}</dd>
              </>
            )}
          </dl>
        )}
      </section>
      {canHandle && (
        <>
          <section aria-labelledby="police-update">
            <h2 id="police-update">{t('police.update')}</h2>
            <form method="post" action={`/cases/${caseId}/police`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <RadioGroup
                name="status"
                label={t('police.status')}
                value={v.status}
                error={form.errors.status}
                choices={POLICE_STATUSES.map((s) => ({ value: s, label: k(`police.status.${s}`) }))}
              />
              <DateField
                name="offeredOn"
                label={t('police.offeredOn')}
                value={v.offeredOn}
                error={form.errors.offeredOn}
              />
              <TextArea
                name="declinedReason"
                label={t('police.declinedReason')}
                value={v.declinedReason}
                error={form.errors.declinedReason}
              />
              <DateField
                name="filedOn"
                label={t('police.filedOn')}
                value={v.filedOn}
                error={form.errors.filedOn}
              />
              <RadioGroup
                name="filedBy"
                label={t('police.filedBy')}
                hint={t('police.filedByHint')}
                value={v.filedBy}
                error={form.errors.filedBy}
                choices={FILED_BY.filter((s) => s !== 'employer' || view.employerMayFile).map(
                  (s) => ({ value: s, label: k(`police.filedBy.${s}`) }),
                )}
              />
              <TextArea
                name="employerAddress"
                label={t('police.employerAddress')}
                value={v.employerAddress}
                error={form.errors.employerAddress}
              />
              <TextField
                name="policeReference"
                label={t('police.reference')}
                value={v.policeReference}
                error={form.errors.policeReference}
              />
              <TextArea
                name="followUp"
                label={t('police.followUp')}
                value={v.followUp}
                error={form.errors.followUp}
              />
              <SubmitButton>{t('police.submit')}</SubmitButton>
            </form>
          </section>
          <section aria-labelledby="police-bundle">
            <h2 id="police-bundle">{t('police.bundle.heading')}</h2>
            <p class="hint">{t('police.bundle.hint')}</p>
            <form method="post" action={`/cases/${caseId}/police/bundle`}>
              <CsrfField token={ctx.csrfToken} />
              {files.length === 0 ? (
                <p>{t('police.bundle.noFiles')}</p>
              ) : (
                <CheckboxGroup
                  name="attachments"
                  legend={t('police.bundle.files')}
                  choices={files.map((f) => ({ value: f.id, label: f.name }))}
                />
              )}
              <SubmitButton>{t('police.bundle.submit')}</SubmitButton>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}
