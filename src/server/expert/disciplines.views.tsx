import { Layout } from '../../ui/layout.js';
import { SubmitButton, CheckboxGroup, CsrfField } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { EXPERT_DISCIPLINES } from '../../domain/expert-disciplines.js';

/** The coordinator's page: which disciplines each expert-team member covers. */
export function DisciplinesTeamPage({
  ctx,
  members,
}: {
  ctx: ViewContext;
  members: { id: string; name: string; disciplines: string[] }[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('discipline.teamTitle')}>
      <h1 class="utrecht-heading-1">{t('discipline.teamTitle')}</h1>
      <p class="hint">{t('discipline.teamIntro')}</p>
      {members.length === 0 ? (
        <p>{t('discipline.noMembers')}</p>
      ) : (
        members.map((m) => (
          <form method="post" action="/team/expert-disciplines" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="userId" value={m.id} />
            <CheckboxGroup
              name="disciplines"
              id={`disc-${m.id}`}
              legend={m.name}
              checked={m.disciplines}
              choices={EXPERT_DISCIPLINES.map((d) => ({
                value: d,
                label: t(`discipline.${d}` as MessageKey),
              }))}
            />
            <SubmitButton>{t('discipline.saveFor', { name: m.name })}</SubmitButton>
          </form>
        ))
      )}
    </Layout>
  );
}
