import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { caseContextFor, canUserHandle } from '../cases/case-context.js';
import { viewContext, type AppEnv, signedInUser } from '../http/env.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import { text } from '../http/schemas.js';
import type { FormState } from '../../ui/form.js';
import { canPublishConsultation } from './expert.policy.js';
import {
  confirmFinding,
  ConsultationRuleError,
  createConsultation,
  getConsultationForCase,
  listCaseConsultations,
  publishConsultation,
  updateSummary,
} from './consultation.service.js';
import { closeConsultation } from './consultation-close.service.js';
import {
  addAdvice,
  getConsultationForExpert,
  listConsultationsForExpert,
} from './expert-team.service.js';
import {
  CaseConsultationPage,
  CaseConsultationsPage,
  ExpertConsultationPage,
  ExpertListPage,
} from './expert.views.js';
import {
  DisciplinesInput,
  listConsultationDisciplines,
  listExpertMembers,
  MemberDisciplinesInput,
  setConsultationDisciplines,
  setMemberDisciplines,
} from './disciplines.service.js';
import { DisciplinesTeamPage } from './disciplines.views.js';
import { teamsWithRole } from '../../domain/roles.js';
import { AppError } from '../http/errors.js';

const SummaryInput = z.object({ summary: text(6000) });
const AdviceInput = z.object({ advice: text(6000) });
const ConfirmInput = z.object({ key: z.string().min(3).max(300) });
const empty = (): FormState => ({ errors: {}, values: {} });

export function expertRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const work = (c: Context<AppEnv>, need: 'open' | 'handle') =>
    caseContextFor(c, deps, signedInUser(c), idParam(c), need);

  async function renderList(c: Context<AppEnv>, form = empty()) {
    const w = await work(c, 'open');
    const list = await listCaseConsultations(deps.db, w);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <CaseConsultationsPage
        ctx={viewContext(c)}
        caseId={w.id}
        reference={w.reference}
        list={list}
        canCreate={canPublishConsultation(signedInUser(c).memberships, w.teamId)}
        form={form}
      />,
    );
  }
  async function renderOne(c: Context<AppEnv>, form = empty()) {
    const w = await work(c, 'open');
    const view = await getConsultationForCase(deps.db, w, idParam(c, 'cid'));
    const disciplines = (await listConsultationDisciplines(deps.db, [view.id])).get(view.id) ?? [];
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <CaseConsultationPage
        ctx={viewContext(c)}
        caseId={w.id}
        reference={w.reference}
        view={view}
        disciplines={disciplines}
        canEdit={canUserHandle(signedInUser(c), w)}
        canPublish={canPublishConsultation(signedInUser(c).memberships, w.teamId)}
        form={form}
      />,
    );
  }

  app.get('/cases/:id/consultations', (c) => renderList(c));
  app.post('/cases/:id/consultations', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, SummaryInput, values);
    if (parsed.errors) return renderList(c, { errors: parsed.errors, values });
    const w = await work(c, 'handle');
    const id = await deps.db
      .transaction()
      .execute((trx) => createConsultation(trx, w, signedInUser(c), parsed.data.summary));
    return c.redirect(`/cases/${w.id}/consultations/${id}`, 303);
  });
  app.get('/cases/:id/consultations/:cid', (c) => renderOne(c));
  app.post('/cases/:id/consultations/:cid/summary', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, SummaryInput, values);
    if (parsed.errors) return renderOne(c, { errors: parsed.errors, values });
    const w = await work(c, 'handle');
    await deps.db
      .transaction()
      .execute((trx) => updateSummary(trx, w, idParam(c, 'cid'), parsed.data.summary));
    return c.redirect(`/cases/${w.id}/consultations/${idParam(c, 'cid')}`, 303);
  });
  app.post('/cases/:id/consultations/:cid/confirm', async (c) => {
    const parsed = parseForm(c, ConfirmInput, await readForm(c));
    const w = await work(c, 'handle');
    if (parsed.data)
      await deps.db
        .transaction()
        .execute((trx) => confirmFinding(trx, w, idParam(c, 'cid'), parsed.data.key));
    return c.redirect(`/cases/${w.id}/consultations/${idParam(c, 'cid')}`, 303);
  });
  app.post('/cases/:id/consultations/:cid/publish', async (c) => {
    const nothingIdentifies = (await readForm(c)).nothingIdentifies === 'yes';
    const w = await work(c, 'handle');
    try {
      await publishConsultation(deps.db, w, signedInUser(c), idParam(c, 'cid'), {
        nothingIdentifies,
      });
    } catch (err) {
      if (!(err instanceof ConsultationRuleError)) throw err;
      return renderOne(c, { errors: { [err.field]: c.get('t')(err.messageKey) }, values: {} });
    }
    return c.redirect(`/cases/${w.id}/consultations/${idParam(c, 'cid')}`, 303);
  });

  app.post('/cases/:id/consultations/:cid/disciplines', async (c) => {
    const parsed = parseForm(c, DisciplinesInput, await readForm(c));
    if (parsed.errors) return renderOne(c, { errors: parsed.errors, values: {} });
    const w = await work(c, 'handle');
    await deps.db
      .transaction()
      .execute((trx) =>
        setConsultationDisciplines(trx, w, idParam(c, 'cid'), parsed.data.disciplines),
      );
    return c.redirect(`/cases/${w.id}/consultations/${idParam(c, 'cid')}`, 303);
  });

  // The coordinator says which disciplines each expert-team member covers (issue 21).
  const coordinatorTeam = (c: Context<AppEnv>) => {
    const teamId = teamsWithRole(signedInUser(c).memberships, ['safety_coordinator'])[0];
    if (!teamId) throw new AppError('FORBIDDEN');
    return teamId;
  };
  app.get('/team/expert-disciplines', async (c) =>
    c.html(
      <DisciplinesTeamPage
        ctx={viewContext(c)}
        members={await listExpertMembers(deps.db, coordinatorTeam(c))}
      />,
    ),
  );
  app.post('/team/expert-disciplines', async (c) => {
    const teamId = coordinatorTeam(c);
    const parsed = parseForm(c, MemberDisciplinesInput, await readForm(c));
    if (parsed.errors) throw new AppError('NOT_FOUND');
    await deps.db
      .transaction()
      .execute((trx) => setMemberDisciplines(trx, signedInUser(c).id, teamId, parsed.data));
    return c.redirect('/team/expert-disciplines', 303);
  });

  app.post('/cases/:id/consultations/:cid/close', async (c) => {
    const w = await work(c, 'handle');
    await deps.db
      .transaction()
      .execute((trx) => closeConsultation(trx, w, signedInUser(c), idParam(c, 'cid')));
    return c.redirect(`/cases/${w.id}/consultations/${idParam(c, 'cid')}`, 303);
  });

  // The expert team's own pages: consultations only, never cases.
  app.get('/consultations', async (c) =>
    c.html(
      <ExpertListPage
        ctx={viewContext(c)}
        list={await listConsultationsForExpert(deps.db, signedInUser(c))}
      />,
    ),
  );
  app.get('/consultations/:cid', async (c) => {
    const view = await getConsultationForExpert(
      deps.db,
      deps.keyring,
      signedInUser(c),
      idParam(c, 'cid'),
    );
    return c.html(<ExpertConsultationPage ctx={viewContext(c)} view={view} form={empty()} />);
  });
  app.post('/consultations/:cid/advice', async (c) => {
    const user = signedInUser(c);
    const values = await readForm(c);
    const parsed = parseForm(c, AdviceInput, values);
    if (parsed.errors) {
      const view = await getConsultationForExpert(deps.db, deps.keyring, user, idParam(c, 'cid'));
      c.status(422);
      return c.html(
        <ExpertConsultationPage
          ctx={viewContext(c)}
          view={view}
          form={{ errors: parsed.errors, values }}
        />,
      );
    }
    await addAdvice(deps.db, deps.keyring, user, idParam(c, 'cid'), parsed.data.advice);
    return c.redirect(`/consultations/${idParam(c, 'cid')}`, 303);
  });
  return app;
}
