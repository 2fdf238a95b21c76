import { CsrfField, Layout } from '../../ui/layout.js';
import { formatLongDate, formatMonth } from '../../ui/dates.js';
import type { Challenge } from 'altcha-lib/v1/types';
import { ProofField } from '../../ui/proof-field.js';
import { ErrorSummary, SubmitButton } from '../../ui/form.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { UploadField } from '../attachments/upload-field.js';
import { UrgentChoice } from '../urgent/urgent-choice.js';
import { DRAFT_FIELD } from './intake-draft.js';
import type { Step } from './intake-steps.js';
import {
  choicesFor,
  QuestionFields,
  questionLabel,
  type QuestionProps,
} from './intake-questions.js';
import { isVerified, VerifyNotice, VerifyOffer } from './reporter-verify.views.js';
import { PrivacyNote } from '../privacy/privacy.views.js';

interface PageProps extends QuestionProps {
  /** The sealed answers so far (intake-draft.ts). */
  draft: string;
  /** Whether a named reporter may have name and e-mail confirmed by the institution (issue 9). */
  canVerify?: boolean;
  verifyFailed?: boolean;
}

const Hidden = ({ name, value }: { name: string; value: string }) => (
  <input type="hidden" name={name} value={value} />
);

/**
 * One question page: the question, Continue, and a way back that keeps what was typed. The
 * counter names only the question's place on the path so far: a total would jump as answers
 * add or skip questions (a subtype, contact details, a team's own questions).
 */
export function QuestionPage(p: PageProps & { step: Step; number: number; returnTo?: 'check' }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t(questionLabel(p.step.key, p.answers))} isPublic>
      <p class="step-count">{t('intake.step.number', { n: String(p.number) })}</p>
      <ErrorSummary errors={p.errors} t={t} />
      {p.step.key === 'contact' && (
        <VerifyNotice ctx={p.ctx} answers={p.answers} failed={p.verifyFailed} />
      )}
      <form method="post" action="/melden/vraag" novalidate>
        <CsrfField ctx={p.ctx} />
        <Hidden name={DRAFT_FIELD} value={p.draft} />
        <Hidden name="step" value={p.step.key} />
        <Hidden name="idempotencyKey" value={p.answers.idempotencyKey ?? ''} />
        {p.returnTo && <Hidden name="returnTo" value={p.returnTo} />}
        <QuestionFields {...p} stepKey={p.step.key} />
        <div class="button-group">
          <SubmitButton>{t('intake.step.continue')}</SubmitButton>
          {p.number > 1 && (
            <button
              type="submit"
              name="nav"
              value="back"
              class="utrecht-button utrecht-button--secondary-action"
            >
              {t('intake.step.back')}
            </button>
          )}
        </div>
      </form>
      {p.step.key === 'contact' && p.canVerify && !isVerified(p.answers) && (
        <VerifyOffer ctx={p.ctx} draft={p.draft} />
      )}
      {p.number === 1 && <PrivacyNote ctx={p.ctx} />}
    </Layout>
  );
}

/** "14 maart 2026" or "maart 2026" for a valid answer (the step checked it); as typed otherwise. */
function happenedText(
  day: string | undefined,
  month: string | undefined,
  year: string,
  lang: 'nl' | 'en',
): string {
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  if (!Number.isInteger(m) || m < 1 || m > 12 || !Number.isInteger(y))
    return [day, month, year].filter(Boolean).join('-');
  if (!day) return formatMonth(y, m, lang);
  return formatLongDate(
    `${year.padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    lang,
  );
}

/** The answer to one step in words, for the check-your-answers list. */
function answerText(step: Step, p: QuestionProps): string {
  const { t } = p.ctx;
  const a = p.answers;
  const fromChoices = (field: string) =>
    choicesFor(field, p).find((c) => c.value === (a[field] ?? ''))?.label;
  switch (step.key) {
    case 'narrative':
      return a.narrative ?? '';
    case 'when':
      if (a.happenedUnsure === 'yes' || !a.happenedYear) return t('intake.whenUnsure');
      return happenedText(a.happenedDay, a.happenedMonth, a.happenedYear, p.ctx.lang);
    case 'accused':
      return step.fields
        .map((f) => a[f])
        .filter(Boolean)
        .join(', ');
    case 'contact':
      return (
        [a.name, a.contact].filter(Boolean).join(', ') +
        (isVerified(a) ? ` (${t('reporterSso.checkVerified')})` : '')
      );
    default:
      return fromChoices(step.key) ?? '';
  }
}

/** GOV.UK "check your answers": every answer with a Change button, then evidence and Send. */
export function CheckAnswersPage(p: PageProps & { steps: Step[]; proof?: Challenge }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('intake.check.title')} isPublic>
      <ErrorSummary errors={p.errors} t={t} />
      <h1 class="utrecht-heading-1">{t('intake.check.title')}</h1>
      <form method="post" action="/melden/vraag" novalidate>
        <CsrfField ctx={p.ctx} />
        <Hidden name={DRAFT_FIELD} value={p.draft} />
        <Hidden name="returnTo" value="check" />
        <dl class="summary-list" data-testid="answers">
          {p.steps.map((step) => {
            const question = t(questionLabel(step.key, p.answers));
            return (
              <div class="summary-list__row">
                <dt>{question}</dt>
                <dd class="summary-list__value">
                  {answerText(step, p) || t('intake.check.empty')}
                </dd>
                <dd class="summary-list__action">
                  <button type="submit" name="edit" value={step.key} class="link-button">
                    {t('intake.check.change')}
                    <span class="visually-hidden"> {question}</span>
                  </button>
                </dd>
              </div>
            );
          })}
        </dl>
      </form>
      <form method="post" action="/melden" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={p.ctx} />
        <Hidden name={DRAFT_FIELD} value={p.draft} />
        <Hidden name="idempotencyKey" value={p.answers.idempotencyKey ?? ''} />
        <h2>{t('intake.check.evidence')}</h2>
        <UploadField t={t} error={p.errors.files} />
        <UrgentChoice ctx={p.ctx} checked={p.answers.urgent === 'yes'} />
        <h2>{t('intake.check.sendHeading')}</h2>
        <p>{t('intake.check.sendText')}</p>
        <PrivacyNote ctx={p.ctx} teamKey={p.answers.team} />
        {p.proof && <ProofField ctx={p.ctx} challenge={p.proof} />}
        <SubmitButton>{t('intake.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function DraftExpiredPage({ ctx }: { ctx: QuestionProps['ctx'] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('intake.expired.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('intake.expired.title')}</h1>
      <p>{t('intake.expired.text')}</p>
      <p>
        <a class="utrecht-button-link utrecht-button-link--primary-action" href="/melden">
          {t('intake.expired.restart' as MessageKey)}
        </a>
      </p>
    </Layout>
  );
}
