import { Layout } from '../../ui/layout.js';
import { ErrorSummary, RadioGroup, SubmitButton, TextArea, CsrfField } from '../../ui/form.js';
import { formatLongDate } from '../../ui/dates.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { FormState } from '../../ui/form.js';
import type {
  BoardRequestView,
  listAcuteSharesForBoard,
  listRequestsForBoard,
} from './board.service.js';

type Requests = Awaited<ReturnType<typeof listRequestsForBoard>>;
type Acute = Awaited<ReturnType<typeof listAcuteSharesForBoard>>;
const F2 = ['allOptionsUsed', 'consentEffortsMade', 'necessaryForRisk'] as const;

export function BoardListPage({
  ctx,
  requests,
  acute,
  partnerName,
}: {
  ctx: ViewContext;
  requests: Requests;
  acute: Acute;
  partnerName: (k: string) => string;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  return (
    <Layout ctx={ctx} title={t('board.title')}>
      <h1 class="utrecht-heading-1">{t('board.title')}</h1>
      <p class="hint">{t('board.intro')}</p>
      <p>
        <a href="/board/advice">{t('ombuds.boardTitle')}</a>
      </p>
      <section aria-labelledby="board-requests">
        <h2 id="board-requests">{t('board.requests')}</h2>
        {requests.length === 0 ? (
          <p>{t('board.noRequests')}</p>
        ) : (
          <table class="data" data-testid="board-request-list">
            <caption class="visually-hidden">{t('board.requests')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.requestedOn')}</th>
                <th scope="col">{t('board.proposedShare')}</th>
                <th scope="col">{t('board.statusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r, i) => (
                <tr>
                  <td>
                    <a href={`/board/escalations/${r.id}`}>
                      {t('board.requestLink', {
                        n: requests.length - i,
                        date: formatLongDate(r.requestedOn, ctx.lang),
                      })}
                    </a>
                  </td>
                  <td>
                    {partnerName(r.partner)} — {k(`consent.info.${r.info}`)}
                  </td>
                  <td>
                    {k(`board.status.${r.status}`)}
                    {r.decidedOn && ` (${formatLongDate(r.decidedOn, ctx.lang)})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="board-acute">
        <h2 id="board-acute">{t('board.acute')}</h2>
        <p class="hint">{t('board.acuteHint')}</p>
        {acute.length === 0 ? (
          <p>{t('board.noAcute')}</p>
        ) : (
          <ul data-testid="board-acute-list">
            {acute.map((a) => (
              <li>
                {formatLongDate(a.sharedOn, ctx.lang)}: {partnerName(a.partner)} —{' '}
                {k(`consent.info.${a.info}`)} — {t('board.acuteReason')}: {a.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export function BoardRequestPage({
  ctx,
  view,
  partnerName,
  form,
}: {
  ctx: ViewContext;
  view: BoardRequestView;
  partnerName: (k: string) => string;
  form: FormState;
}) {
  const { t } = ctx;
  const k = (key: string) => t(key as MessageKey);
  const v = form.values as Record<string, string>;
  const title = t('board.requestTitle', { date: formatLongDate(view.requestedOn, ctx.lang) });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/board/escalations">{t('board.back')}</a>
      </p>
      <h1 class="utrecht-heading-1">{title}</h1>
      <ErrorSummary errors={form.errors} t={t} />
      <div data-testid="board-request">
        <h2>{t('board.what')}</h2>
        <p>{view.what}</p>
        <h2>{t('board.why')}</h2>
        <p>{view.why}</p>
        <h2>{t('board.proposedShare')}</h2>
        <p>
          {partnerName(view.partner)} — {k(`consent.info.${view.info}`)}
        </p>
        <h2>{t('escalation.framework2')}</h2>
        <ul>
          {F2.map((q) => (
            <li>
              {k(`ladder.f2q.${q}`)} {view.framework2[q] ? t('ladder.yes') : t('ladder.no')}
            </li>
          ))}
        </ul>
        <h2>{t('board.statusLabel')}</h2>
        <p data-testid="board-status">
          {k(`board.status.${view.status}`)}
          {view.decidedOn && ` (${formatLongDate(view.decidedOn, ctx.lang)}: ${view.reason})`}
        </p>
      </div>
      {view.status === 'pending' && (
        <form method="post" action={`/board/escalations/${view.id}/decision`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <RadioGroup
            name="decision"
            label={t('board.decision')}
            value={v.decision}
            error={form.errors.decision}
            choices={[
              { value: 'approved', label: t('board.approve') },
              { value: 'declined', label: t('board.decline') },
            ]}
          />
          <TextArea
            name="reason"
            label={t('board.reason')}
            value={v.reason}
            error={form.errors.reason}
          />
          <SubmitButton>{t('board.decideSubmit')}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}
