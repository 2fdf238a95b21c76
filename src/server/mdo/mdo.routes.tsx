import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv, signedInUser } from '../http/env.js';
import { teamsWithRole } from '../../domain/roles.js';
import { loadCaseWork } from '../risk/case-work.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import {
  addCaseToAgenda,
  AgendaInput,
  createMeeting,
  DecisionInput,
  getAgenda,
  listCaseMdoItems,
  listMeetings,
  MdoRuleError,
  MeetingInput,
  MinutesInput,
  recordDecision,
  recordMinutes,
} from './mdo.service.js';
import { AgendaPage, CaseMdoPage, MeetingsPage } from './mdo.views.js';

export function mdoRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const empty = (): FormState => ({ errors: {}, values: {} });

  async function renderMeetings(c: Context<AppEnv>, form = empty()) {
    const user = signedInUser(c);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <MeetingsPage
        ctx={viewContext(c)}
        meetings={await listMeetings(deps.db, user)}
        canCreate={teamsWithRole(user.memberships, ['safety_coordinator']).length > 0}
        form={form}
      />,
    );
  }
  app.get('/mdo', (c) => renderMeetings(c));
  app.post('/mdo', async (c) => {
    const user = signedInUser(c);
    const values = await readForm(c);
    const parsed = parseForm(c, MeetingInput, values);
    if (parsed.errors) return renderMeetings(c, { errors: parsed.errors, values });
    const teamId = teamsWithRole(user.memberships, ['safety_coordinator'])[0] ?? '';
    const id = await deps.db
      .transaction()
      .execute((trx) =>
        createMeeting(trx, user, teamId, parsed.data.heldOn, parsed.data.participants),
      );
    return c.redirect(`/mdo/${id}`, 303);
  });
  async function renderAgenda(c: Context<AppEnv>, form = empty()) {
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <AgendaPage
        ctx={viewContext(c)}
        agenda={await getAgenda(deps.db, deps.keyring, signedInUser(c), idParam(c, 'mid'))}
        form={form}
      />,
    );
  }
  app.get('/mdo/:mid', (c) => renderAgenda(c));
  // The minutes of the meeting as a whole (issue 21): sealed, nothing that identifies.
  app.post('/mdo/:mid/minutes', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, MinutesInput, values);
    if (parsed.errors) return renderAgenda(c, { errors: parsed.errors, values });
    try {
      await recordMinutes(
        deps.db,
        deps.keyring,
        signedInUser(c),
        idParam(c, 'mid'),
        parsed.data.minutes,
      );
    } catch (err) {
      if (!(err instanceof MdoRuleError)) throw err;
      return renderAgenda(c, { errors: { [err.field]: c.get('t')(err.messageKey) }, values });
    }
    return c.redirect(`/mdo/${idParam(c, 'mid')}`, 303);
  });
  app.post('/mdo/items/:iid/decision', async (c) => {
    const user = signedInUser(c);
    const parsed = parseForm(c, DecisionInput, await readForm(c));
    if (parsed.errors) return c.redirect('/mdo', 303);
    const meetingId = await recordDecision(
      deps.db,
      deps.keyring,
      user,
      idParam(c, 'iid'),
      parsed.data.decision,
    );
    return c.redirect(`/mdo/${meetingId}`, 303);
  });

  async function renderCase(c: Context<AppEnv>, form = empty()) {
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), idParam(c), 'handle');
    const items = await listCaseMdoItems(deps.db, work);
    const meetings = (await listMeetings(deps.db, signedInUser(c))).filter(
      (m) => m.team_id === work.teamId,
    );
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <CaseMdoPage
        ctx={viewContext(c)}
        caseId={work.id}
        reference={work.reference}
        items={items}
        meetings={meetings}
        form={form}
      />,
    );
  }
  app.get('/cases/:id/mdo', (c) => renderCase(c));
  app.post('/cases/:id/mdo', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, AgendaInput, values);
    if (parsed.errors) return renderCase(c, { errors: parsed.errors, values });
    const work = await loadCaseWork(deps.db, deps.keyring, signedInUser(c), idParam(c), 'handle');
    try {
      await deps.db.transaction().execute((trx) => addCaseToAgenda(trx, work, parsed.data));
    } catch (err) {
      if (!(err instanceof MdoRuleError)) throw err;
      return renderCase(c, { errors: { [err.field]: c.get('t')(err.messageKey) }, values });
    }
    return c.redirect(`/cases/${work.id}/mdo`, 303);
  });
  return app;
}
