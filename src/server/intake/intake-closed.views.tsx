import { Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import type { IntakeGuard } from '../http/anti-automation.js';

/**
 * What a reporter sees when the anonymous side cannot take their request (decision 025):
 * intake closed by the operator, proof of work required while the browser runs no script, or
 * this browser's budget spent. Always the way to reach a person, and the emergency numbers.
 */
export function ClosedPage({
  ctx,
  guard,
  reason,
  count,
}: {
  ctx: ViewContext;
  guard: IntakeGuard;
  reason: 'closed' | 'script' | 'budget';
  count?: number;
}) {
  const { t } = ctx;
  const title =
    reason === 'closed'
      ? t('closed.title')
      : reason === 'script'
        ? t('closed.scriptTitle')
        : t('error.throttled');
  const text =
    reason === 'closed'
      ? t('closed.text')
      : reason === 'script'
        ? t('closed.scriptText')
        : t('intake.budgetSpent', { count: count ?? 0 });
  return (
    <Layout ctx={ctx} title={title} isPublic>
      <h1 class="utrecht-heading-1">{title}</h1>
      <p>{text}</p>
      {guard.contactText && <p data-testid="contact">{guard.contactText}</p>}
      <p>{t('emergency.text')}</p>
      <p>
        {t('closed.mailbox')} <a href="/postbus">/postbus</a>
      </p>
    </Layout>
  );
}
