import { Layout } from '../../ui/layout.js';
import {
  ErrorSummary,
  RadioGroup,
  SubmitButton,
  TextArea,
  TextField,
  type FieldErrors,
  CsrfField,
} from '../../ui/form.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { ViewContext } from '../http/env.js';
import type { TeamScope } from '../protocols/team-scope.js';
import { formatLocalDateTime, TIME_ZONE } from '../appointments/local-time.js';
import { BREACH_RISKS } from './breach.schema.js';
import type { Breach } from './breach.service.js';
import type { PrivacySetting } from './privacy-settings.service.js';

export interface StaffForm {
  errors: FieldErrors;
  values: Record<string, string>;
}

function TeamChoice({ ctx, scope, path }: { ctx: ViewContext; scope: TeamScope; path: string }) {
  if (scope.teams.length < 2) return <p>{scope.teamName}</p>;
  return (
    <nav aria-label={ctx.t('privacyAdmin.teams')}>
      <ul class="nav-list">
        {scope.teams.map((tm) => (
          <li>
            <a
              href={`${path}?team=${tm.id}`}
              aria-current={tm.id === scope.teamId ? 'page' : undefined}
            >
              {tm.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function settingValues(s: PrivacySetting): Record<string, string> {
  return {
    dpoContact: s.dpoContact ?? '',
    accessibilityContact: s.accessibilityContact ?? '',
    introNl: s.intro?.nl ?? '',
    introEn: s.intro?.en ?? '',
    extraNl: s.extra?.nl ?? '',
    extraEn: s.extra?.en ?? '',
  };
}

/** The team's privacy page for coordinators and administrators: the statement's own text, the exports, the breach register. */
export function PrivacySettingsPage(p: {
  ctx: ViewContext;
  scope: TeamScope;
  teamKey: string;
  form: StaffForm;
  notice?: string;
}) {
  const { t } = p.ctx;
  const { values: v, errors: e } = p.form;
  const q = `team=${p.scope.teamId}`;
  const doc = (kind: string, format: string, label: MessageKey) => (
    <li>
      <a href={`/team/privacy/documents/${kind}?${q}&format=${format}&lang=${p.ctx.lang}`}>
        {t(label)}
      </a>
    </li>
  );
  return (
    <Layout ctx={p.ctx} title={t('privacyAdmin.title')}>
      <h1 class="utrecht-heading-1">{t('privacyAdmin.title')}</h1>
      <TeamChoice ctx={p.ctx} scope={p.scope} path="/team/privacy" />
      {p.notice && (
        <p class="panel" role="status">
          {p.notice}
        </p>
      )}
      <h2 class="utrecht-heading-2">{t('privacyAdmin.documents')}</h2>
      <p>{t('privacyAdmin.documentsIntro')}</p>
      <ul>
        {doc('register', 'docx', 'privacyAdmin.registerDocx')}
        {doc('register', 'md', 'privacyAdmin.registerMd')}
        {doc('dpia', 'docx', 'privacyAdmin.dpiaDocx')}
        {doc('dpia', 'md', 'privacyAdmin.dpiaMd')}
      </ul>
      <p>
        <a href={`/team/breaches?${q}`}>{t('breach.title')}</a>
      </p>
      <h2 class="utrecht-heading-2">{t('privacyAdmin.statement')}</h2>
      <p>
        {t('privacyAdmin.statementIntro')}{' '}
        <a href={`/privacy/${p.teamKey}`}>{t('privacyAdmin.viewStatement')}</a>
      </p>
      <ErrorSummary errors={e} t={t} />
      <form method="post" action={`/team/privacy?${q}`} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextField
          name="dpoContact"
          label={t('privacyAdmin.dpoContact')}
          hint={t('privacyAdmin.dpoContactHint')}
          value={v.dpoContact}
          error={e.dpoContact}
        />
        <TextField
          name="accessibilityContact"
          label={t('privacyAdmin.accessibilityContact')}
          hint={t('privacyAdmin.accessibilityContactHint')}
          value={v.accessibilityContact}
          error={e.accessibilityContact}
        />
        <TextArea
          name="introNl"
          label={t('privacyAdmin.introNl')}
          hint={t('privacyAdmin.introHint')}
          value={v.introNl}
          error={e.introNl}
        />
        <TextArea
          name="introEn"
          label={t('privacyAdmin.introEn')}
          hint={t('privacyAdmin.introHint')}
          value={v.introEn}
          error={e.introEn}
        />
        <TextArea
          name="extraNl"
          label={t('privacyAdmin.extraNl')}
          hint={t('privacyAdmin.extraHint')}
          value={v.extraNl}
          error={e.extraNl}
        />
        <TextArea
          name="extraEn"
          label={t('privacyAdmin.extraEn')}
          hint={t('privacyAdmin.extraHint')}
          value={v.extraEn}
          error={e.extraEn}
        />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
    </Layout>
  );
}

/** "2026-12-05T14:30" in the institution's time zone, for a datetime-local field. */
export function localInputValue(at: Date | null): string {
  if (!at) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((x) => x.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export function breachValues(b: Breach): Record<string, string> {
  return {
    description: b.description,
    foundAt: localInputValue(b.foundAt),
    caseRefs: b.caseRefs ?? '',
    peopleCount: b.peopleCount === null ? '' : String(b.peopleCount),
    risk: b.risk,
    riskNotes: b.riskNotes ?? '',
    apNotifiedAt: localInputValue(b.apNotifiedAt),
    apReason: b.apReason ?? '',
    subjectsNotifiedAt: localInputValue(b.subjectsNotifiedAt),
    subjectsReason: b.subjectsReason ?? '',
    measures: b.measures ?? '',
    closed: b.closedAt ? 'yes' : '',
  };
}

function BreachFields({ ctx, form }: { ctx: ViewContext; form: StaffForm }) {
  const { t } = ctx;
  const { values: v, errors: e } = form;
  const risks = BREACH_RISKS.map((r) => ({ value: r, label: t(`breach.risk.${r}` as MessageKey) }));
  return (
    <>
      <TextArea
        name="description"
        label={t('breach.description')}
        hint={t('breach.descriptionHint')}
        value={v.description}
        error={e.description}
      />
      <TextField
        name="foundAt"
        type="datetime-local"
        label={t('breach.foundAt')}
        hint={t('breach.momentHint')}
        value={v.foundAt}
        error={e.foundAt}
      />
      <TextField
        name="caseRefs"
        label={t('breach.caseRefs')}
        hint={t('breach.caseRefsHint')}
        value={v.caseRefs}
        error={e.caseRefs}
      />
      <TextField
        name="peopleCount"
        type="number"
        label={t('breach.peopleCount')}
        value={v.peopleCount}
        error={e.peopleCount}
      />
      <RadioGroup
        name="risk"
        label={t('breach.risk')}
        choices={risks}
        value={v.risk ?? 'unknown'}
        error={e.risk}
      />
      <TextArea
        name="riskNotes"
        label={t('breach.riskNotes')}
        value={v.riskNotes}
        error={e.riskNotes}
      />
      <h2 class="utrecht-heading-2">{t('breach.apHeading')}</h2>
      <p>{t('breach.apIntro')}</p>
      <TextField
        name="apNotifiedAt"
        type="datetime-local"
        label={t('breach.apNotifiedAt')}
        hint={t('breach.momentHint')}
        value={v.apNotifiedAt}
        error={e.apNotifiedAt}
      />
      <TextArea
        name="apReason"
        label={t('breach.apReason')}
        value={v.apReason}
        error={e.apReason}
      />
      <h2 class="utrecht-heading-2">{t('breach.subjectsHeading')}</h2>
      <TextField
        name="subjectsNotifiedAt"
        type="datetime-local"
        label={t('breach.subjectsNotifiedAt')}
        hint={t('breach.momentHint')}
        value={v.subjectsNotifiedAt}
        error={e.subjectsNotifiedAt}
      />
      <TextArea
        name="subjectsReason"
        label={t('breach.subjectsReason')}
        value={v.subjectsReason}
        error={e.subjectsReason}
      />
      <TextArea
        name="measures"
        label={t('breach.measures')}
        value={v.measures}
        error={e.measures}
      />
      <div class="form-field">
        <div class="choice">
          <input
            type="checkbox"
            id="field-closed"
            name="closed"
            value="yes"
            checked={v.closed === 'yes'}
          />
          <label for="field-closed">{t('breach.closed')}</label>
        </div>
      </div>
    </>
  );
}

function apStatus(ctx: ViewContext, b: Breach): string {
  const { t, lang } = ctx;
  if (b.apNotifiedAt)
    return t(b.apInTime ? 'breach.status.toldInTime' : 'breach.status.toldLate', {
      at: formatLocalDateTime(b.apNotifiedAt, lang),
    });
  if (b.apDecided) return t(b.apReason ? 'breach.status.notTold' : 'breach.status.closed');
  return t('breach.status.open', { deadline: formatLocalDateTime(b.deadline, lang) });
}

export function BreachListPage(p: {
  ctx: ViewContext;
  scope: TeamScope;
  breaches: Breach[];
  form: StaffForm;
  notice?: string;
}) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('breach.title')}>
      <h1 class="utrecht-heading-1">{t('breach.title')}</h1>
      <TeamChoice ctx={p.ctx} scope={p.scope} path="/team/breaches" />
      {p.notice && (
        <p class="panel" role="status">
          {p.notice}
        </p>
      )}
      <p>{t('breach.intro')}</p>
      {p.breaches.length === 0 ? (
        <p>{t('breach.none')}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t('breach.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('breach.number')}</th>
              <th scope="col">{t('breach.foundAt')}</th>
              <th scope="col">{t('breach.risk')}</th>
              <th scope="col">{t('breach.apHeading')}</th>
            </tr>
          </thead>
          <tbody>
            {p.breaches.map((b) => (
              <tr>
                <td>
                  <a href={`/team/breaches/${b.id}?team=${p.scope.teamId}`}>
                    {t('breach.numbered', { number: b.number })}
                  </a>
                </td>
                <td>{formatLocalDateTime(b.foundAt, lang)}</td>
                <td>{t(`breach.risk.${b.risk}` as MessageKey)}</td>
                <td>{apStatus(p.ctx, b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="breach-new" aria-labelledby="breach-new">
        <h2 class="utrecht-heading-2" id="breach-new">
          {t('breach.new')}
        </h2>
        <ErrorSummary errors={p.form.errors} t={t} />
        <form method="post" action={`/team/breaches?team=${p.scope.teamId}`} novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <BreachFields ctx={p.ctx} form={p.form} />
          <SubmitButton>{t('breach.record')}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}

export function BreachPage(p: {
  ctx: ViewContext;
  scope: TeamScope;
  breach: Breach;
  form: StaffForm;
  notice?: string;
}) {
  const { t, lang } = p.ctx;
  const b = p.breach;
  return (
    <Layout ctx={p.ctx} title={t('breach.numbered', { number: b.number })}>
      <p>
        <a href={`/team/breaches?team=${p.scope.teamId}`}>{t('breach.title')}</a>
      </p>
      <h1 class="utrecht-heading-1">{t('breach.numbered', { number: b.number })}</h1>
      {p.notice && (
        <p class="panel" role="status">
          {p.notice}
        </p>
      )}
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('breach.deadline')}</dt>
          <dd class="summary-list__value">{formatLocalDateTime(b.deadline, lang)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('breach.apHeading')}</dt>
          <dd class="summary-list__value">{apStatus(p.ctx, b)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('breach.recordedBy')}</dt>
          <dd class="summary-list__value">{b.recordedBy}</dd>
        </div>
      </dl>
      <ErrorSummary errors={p.form.errors} t={t} />
      <form method="post" action={`/team/breaches/${b.id}?team=${p.scope.teamId}`} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <BreachFields ctx={p.ctx} form={p.form} />
        <SubmitButton>{t('admin.save')}</SubmitButton>
      </form>
    </Layout>
  );
}
