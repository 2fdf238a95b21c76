import { CsrfField } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';
import { DRAFT_FIELD, type Answers } from './intake-draft.js';
import { verifiedByOf } from './reporter-verify.service.js';

/** Pure: whether the contact answers are still the ones the institution confirmed. */
export const isVerified = (a: Answers) =>
  verifiedByOf(a, { anonymous: a.anonymous ?? '', name: a.name, contact: a.contact }) !== undefined;

/** On the contact page: the outcome of a verification, when there was one. */
export function VerifyNotice({
  ctx,
  answers,
  failed,
}: {
  ctx: ViewContext;
  answers: Answers;
  failed?: boolean;
}) {
  if (isVerified(answers))
    return (
      <p class="utrecht-alert notice" role="status" data-testid="verified-notice">
        {ctx.t('reporterSso.verified')}
      </p>
    );
  if (failed)
    return (
      <p class="utrecht-alert notice" role="status" data-testid="verify-failed">
        {ctx.t('reporterSso.failed')}
      </p>
    );
  return null;
}

/** The optional offer to have name and e-mail confirmed by signing in at the institution; never required. */
export function VerifyOffer({ ctx, draft }: { ctx: ViewContext; draft: string }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="verify-heading" class="verify-offer">
      <h2 id="verify-heading">{t('reporterSso.offerHeading')}</h2>
      <p>{t('reporterSso.offerText')}</p>
      <form method="post" action="/melden/verifieer">
        <CsrfField ctx={ctx} />
        <input type="hidden" name={DRAFT_FIELD} value={draft} />
        <button
          type="submit"
          class="utrecht-button utrecht-button--secondary-action"
          data-testid="verify"
        >
          {t('reporterSso.button')}
        </button>
      </form>
    </section>
  );
}
