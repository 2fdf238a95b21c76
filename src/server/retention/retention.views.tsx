import { CsrfField } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import type { RetentionPanel } from './retention-panel.service.js';

/**
 * On the case page, for its handlers: the way to the consent ledger and identity access; for the
 * team's coordinator also the retention hold — one button, no JavaScript.
 */
export function RetentionHoldPanel({
  ctx,
  caseId,
  canHandle,
  panel,
}: {
  ctx: ViewContext;
  caseId: string;
  canHandle: boolean;
  panel?: RetentionPanel;
}) {
  if (!canHandle && !panel) return null;
  const { t } = ctx;
  return (
    <section aria-labelledby="retention-heading" class="panel">
      <h2 id="retention-heading">{t('retention.caseSection')}</h2>
      <p>
        <a href={`/cases/${caseId}/consents`}>{t('retention.consentsLink')}</a>
      </p>
      <p>
        <a href={`/cases/${caseId}/rights`} data-testid="rights-link">
          {t('rights.caseLink')}
        </a>
      </p>
      {panel && <HoldForm ctx={ctx} caseId={caseId} panel={panel} />}
    </section>
  );
}

function HoldForm({
  ctx,
  caseId,
  panel,
}: {
  ctx: ViewContext;
  caseId: string;
  panel: RetentionPanel;
}) {
  const { t } = ctx;
  return (
    <>
      <h3>{t('retention.title')}</h3>
      <p data-testid="retention-state">
        {panel.hold
          ? t('retention.onHold')
          : t('retention.notHeld', { months: String(panel.retentionMonths) })}
      </p>
      <form method="post" action={`/cases/${caseId}/retention-hold`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="hold" value={panel.hold ? 'no' : 'yes'} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {panel.hold ? t('retention.release') : t('retention.hold')}
        </button>
      </form>
    </>
  );
}
