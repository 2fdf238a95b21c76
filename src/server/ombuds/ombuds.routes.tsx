import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv, signedInUser } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { teamsWithRole, type Role } from '../../domain/roles.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import {
  AdviceInput,
  AnswerInput,
  CloseInput,
  ComplaintInput,
  ombudsWork,
} from './ombuds.service.js';
import { BoardAdvicePage, OmbudsAggregatesPage, OmbudsPage } from './ombuds.views.js';
import { getOmbudsAggregates } from '../statistics/statistics.service.js';
import type { MessageKey } from '../../i18n/i18n.js';

/** The ombudsperson's own screen (complaints about procedure, advice to the board) and the board's answers. */
export function ombudsRoutes(deps: Deps, today: () => string) {
  const app = new Hono<AppEnv>();
  const workFor = (c: Context<AppEnv>, role: Role) => {
    const user = signedInUser(c);
    const teamId = teamsWithRole(user.memberships, [role])[0];
    if (!teamId) throw new AppError('FORBIDDEN');
    return ombudsWork(deps.db, deps.keyring, user.id, teamId);
  };
  const empty = (): FormState => ({ errors: {}, values: {} });

  async function renderOmbuds(c: Context<AppEnv>, form = empty()) {
    const w = workFor(c, 'ombudsperson');
    const [complaints, advice] = [await w.complaints(today()), await w.advice()];
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <OmbudsPage ctx={viewContext(c)} complaints={complaints} advice={advice} form={form} />,
    );
  }
  async function renderBoard(c: Context<AppEnv>, form = empty()) {
    const advice = await workFor(c, 'board').advice();
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(<BoardAdvicePage ctx={viewContext(c)} advice={advice} form={form} />);
  }

  app.get('/ombudsperson', (c) => renderOmbuds(c));
  app.post('/ombudsperson/complaints', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, ComplaintInput, values);
    if (parsed.errors) return renderOmbuds(c, { errors: parsed.errors, values });
    await workFor(c, 'ombudsperson').recordComplaint(parsed.data);
    return c.redirect('/ombudsperson', 303);
  });
  app.post('/ombudsperson/complaints/:cid/close', async (c) => {
    const cid = idParam(c, 'cid');
    const values = await readForm(c);
    const parsed = parseForm(c, CloseInput, {
      outcome: values[`outcome-${cid}`],
      outcomeKind: values[`outcomeKind-${cid}`],
    });
    if (parsed.errors) {
      const errors: Record<string, string> = {};
      if (parsed.errors.outcome) errors[`outcome-${cid}`] = parsed.errors.outcome;
      if (parsed.errors.outcomeKind) errors[`outcomeKind-${cid}`] = parsed.errors.outcomeKind;
      return renderOmbuds(c, { errors, values });
    }
    await workFor(c, 'ombudsperson').closeComplaint(cid, parsed.data, today());
    return c.redirect('/ombudsperson', 303);
  });
  app.post('/ombudsperson/advice', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, AdviceInput, values);
    if (parsed.errors) return renderOmbuds(c, { errors: parsed.errors, values });
    await workFor(c, 'ombudsperson').giveAdvice(parsed.data, today());
    return c.redirect('/ombudsperson', 303);
  });

  // The patterns and aggregates the ombudsperson may see (issue 21): suppressed counts, no case.
  app.get('/ombudsperson/aggregates', async (c) => {
    const user = signedInUser(c);
    const teamId = teamsWithRole(user.memberships, ['ombudsperson'])[0];
    if (!teamId) throw new AppError('FORBIDDEN');
    const w = ombudsWork(deps.db, deps.keyring, user.id, teamId);
    const thisYear = Number(today().slice(0, 4));
    const asked = Number(c.req.query('year'));
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= thisYear ? asked : thisYear;
    const t = c.get('t');
    const aggregates = await getOmbudsAggregates(deps.db, {
      teamId,
      year,
      lang: c.get('lang'),
      complaintOutcomes: await w.complaintOutcomeCounts(year - 1, year),
      labels: {
        none: t('ombuds.agg.noFollowUp'),
        complaintOutcome: (k) => t(`ombuds.outcomeKind.${k}` as MessageKey),
      },
    });
    await w.auditAggregatesViewed(year);
    return c.html(<OmbudsAggregatesPage ctx={viewContext(c)} aggregates={aggregates} />);
  });

  app.get('/board/advice', (c) => renderBoard(c));
  app.post('/board/advice/:aid/answer', async (c) => {
    const aid = idParam(c, 'aid');
    const values = await readForm(c);
    const parsed = parseForm(c, AnswerInput, { answer: values[`answer-${aid}`] });
    if (parsed.errors)
      return renderBoard(c, { errors: { [`answer-${aid}`]: parsed.errors.answer! }, values });
    await workFor(c, 'board').answerAdvice(aid, parsed.data, today());
    return c.redirect('/board/advice', 303);
  });
  return app;
}
