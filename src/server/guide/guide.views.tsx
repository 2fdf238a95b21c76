import { Layout } from '../../ui/layout.js';
import { ErrorSummary, RadioGroup, SubmitButton, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { TeamGuideText } from './team-guide.js';
import { DESTINATIONS, NEED_LABELS, NEEDS, WHO, WHO_LABELS, type Need, type Who } from './guide.content.js';

export function GuidePage({ ctx, errors, values, texts = [] }: { ctx: ViewContext; errors: FieldErrors; values: Record<string, string>; texts?: TeamGuideText[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('guide.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('guide.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      {texts.length === 0 ? <p>{t('guide.intro')}</p> : texts.map((text) => (
        <section class="panel" data-testid="team-guide">
          {texts.length > 1 && <h2>{text.teamName}</h2>}
          {text.paragraphs.map((p) => <p>{p}</p>)}
        </section>
      ))}
      <form method="get" action="/wegwijzer/advies" novalidate>
        <RadioGroup name="need" label={t('guide.need')} error={errors.need} value={values.need} choices={NEEDS.map((n) => ({ value: n, label: NEED_LABELS[n][lang] }))} />
        <RadioGroup name="who" label={t('guide.who')} hint={t('guide.whoHint')} error={errors.who} value={values.who} choices={WHO.map((w) => ({ value: w, label: WHO_LABELS[w][lang] }))} />
        <SubmitButton>{t('guide.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function GuideAnswerPage({ ctx, need, who }: { ctx: ViewContext; need: Need; who: Who }) {
  const { t, lang } = ctx;
  const d = DESTINATIONS[need];
  return (
    <Layout ctx={ctx} title={t('guide.answerTitle')} isPublic>
      <h1 class="utrecht-heading-1">{t('guide.answerTitle')}</h1>
      <section class="panel" aria-labelledby="destination-heading" data-testid="destination">
        <h2 id="destination-heading">{d.title[lang]}</h2>
        <p>{d.text[lang]}</p>
        {d.phone && <p class="receipt">{d.phone}</p>}
        {d.href && (
          <p><a class="utrecht-button-link utrecht-button-link--primary-action" href={d.href}>{t('home.start')}</a></p>
        )}
      </section>
      {who === 'bystander' && <p>{t('guide.bystander')}</p>}
      {(who === 'staff' || who === 'phd') && <p>{t('guide.staffTeam')}</p>}
      <p>{t('guide.alwaysAdviser')}</p>
      <p><a href="/wegwijzer">{t('guide.again')}</a></p>
    </Layout>
  );
}
