import { Layout } from '../../ui/layout.js';
import { ErrorSummary, RadioGroup, SubmitButton, type FieldErrors } from '../../ui/form.js';
import type { ViewContext } from '../http/env.js';
import type { TeamGuideText } from './team-guide.js';
import type { Partner } from '../admin/partners.service.js';
import {
  DESTINATIONS,
  GUIDE_CONTACTS,
  NEED_LABELS,
  NEEDS,
  WHO,
  WHO_LABELS,
  type Need,
  type Who,
} from './guide.content.js';

export function GuidePage({
  ctx,
  errors,
  values,
  texts = [],
}: {
  ctx: ViewContext;
  errors: FieldErrors;
  values: Record<string, string>;
  texts?: TeamGuideText[];
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('guide.title')} isPublic>
      <h1 class="utrecht-heading-1">{t('guide.title')}</h1>
      <ErrorSummary errors={errors} t={t} />
      {texts.length === 0 ? (
        <p>{t('guide.intro')}</p>
      ) : (
        texts.map((text) => (
          <section class="panel" data-testid="team-guide">
            {texts.length > 1 && <h2>{text.teamName}</h2>}
            {text.paragraphs.map((p) => (
              <p>{p}</p>
            ))}
          </section>
        ))
      )}
      <form method="get" action="/wegwijzer/advies" novalidate>
        <RadioGroup
          name="need"
          label={t('guide.need')}
          error={errors.need}
          value={values.need}
          choices={NEEDS.map((n) => ({ value: n, label: NEED_LABELS[n][lang] }))}
        />
        <RadioGroup
          name="who"
          label={t('guide.who')}
          hint={t('guide.whoHint')}
          error={errors.who}
          value={values.who}
          choices={WHO.map((w) => ({ value: w, label: WHO_LABELS[w][lang] }))}
        />
        <SubmitButton>{t('guide.submit')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function GuideAnswerPage({
  ctx,
  need,
  who,
  contacts,
}: {
  ctx: ViewContext;
  need: Need;
  who: Who;
  contacts: Map<string, Partner>;
}) {
  const { t, lang } = ctx;
  const d = DESTINATIONS[need];
  const main = d.partner ? contacts.get(d.partner) : undefined;
  const more = GUIDE_CONTACTS.filter((key) => key !== d.partner).flatMap(
    (key) => contacts.get(key) ?? [],
  );
  return (
    <Layout ctx={ctx} title={t('guide.answerTitle')} isPublic>
      <h1 class="utrecht-heading-1">{t('guide.answerTitle')}</h1>
      <section class="panel" aria-labelledby="destination-heading" data-testid="destination">
        <h2 id="destination-heading">{d.title[lang]}</h2>
        <p>{d.text[lang]}</p>
        {main && <ContactDetails ctx={ctx} partner={main} />}
        {d.href && (
          <p>
            <a class="utrecht-button-link utrecht-button-link--primary-action" href={d.href}>
              {t('home.start')}
            </a>
          </p>
        )}
      </section>
      {who === 'bystander' && <p>{t('guide.bystander')}</p>}
      {(who === 'staff' || who === 'phd') && <p>{t('guide.staffTeam')}</p>}
      <p>{t('guide.alwaysAdviser')}</p>
      {more.length > 0 && (
        <section aria-labelledby="more-help-heading" data-testid="more-help">
          <h2 id="more-help-heading">{t('guide.moreHelp')}</h2>
          <ul class="contact-list">
            {more.map((p) => (
              <li>
                <h3>{p.name[lang]}</h3>
                <ContactDetails ctx={ctx} partner={p} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href="/wegwijzer">{t('guide.again')}</a>
      </p>
    </Layout>
  );
}

/** A phone number (a tel: link), a note (a walk-in hour, "day and night") and a website. */
function ContactDetails({ ctx, partner }: { ctx: ViewContext; partner: Partner }) {
  const { t, lang } = ctx;
  return (
    <>
      {partner.phone && (
        <p class="contact-phone">
          {t('guide.phone')}:{' '}
          <a href={`tel:${partner.phone.replace(/[^0-9+]/g, '')}`}>{partner.phone}</a>
        </p>
      )}
      {partner.note[lang] && <p>{partner.note[lang]}</p>}
      {partner.url && (
        <p>
          <a href={partner.url} rel="noopener noreferrer">
            {t('guide.website', { name: partner.name[lang] })}
          </a>
        </p>
      )}
    </>
  );
}
