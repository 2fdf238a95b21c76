import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import type { FieldErrors } from '../../ui/form.js';
import { caseContextFor, canUserHandle } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { readForm, stringValues } from '../http/forms.js';
import { pickTeam } from '../protocols/team-scope.js';
import { canAcknowledgeAlert, canEditRota, onCallTeamIds } from './urgent.policy.js';
import {
  findAlert,
  listNotices,
  listOpenAlerts,
  listRota,
  listRotaCandidates,
} from './urgent.queries.js';
import { RotaInput } from './urgent.schema.js';
import { acknowledgeAlert, markCaseUrgent, saveRota } from './urgent.service.js';
import { alertAtOnce } from './urgent-notices.js';
import { AlertPage, MarkUrgentPage, RotaPage } from './urgent.views.js';

/** Urgent reports: the rota per team, the alert page with its acknowledge button, marking a case urgent. */
export function urgentRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function renderRota(
    c: Context<AppEnv>,
    errors: FieldErrors = {},
    values?: Record<string, string>,
  ) {
    const user = c.get('user');
    const scope = await pickTeam(c, deps.db, onCallTeamIds(user?.memberships ?? []));
    const [rota, candidates, alerts, team] = await Promise.all([
      listRota(deps.db, scope.teamId),
      listRotaCandidates(deps.db, scope.teamId),
      listOpenAlerts(deps.db, { teamIds: [scope.teamId] }),
      deps.db
        .selectFrom('team')
        .select('urgent_escalation_minutes')
        .where('id', '=', scope.teamId)
        .executeTakeFirstOrThrow(),
    ]);
    const people = [
      ...new Map(
        candidates.map((p) => [
          p.id,
          { id: p.id, name: p.display_name, position: rota.find((r) => r.id === p.id)?.position },
        ]),
      ).values(),
    ];
    const data = {
      scope,
      canEdit: canEditRota(user!.memberships, scope.teamId),
      escalationMinutes: team.urgent_escalation_minutes,
      candidates: people,
      openAlerts: alerts.map((a) => ({
        id: a.id,
        reference: a.reference,
        raisedAt: a.raised_at,
        level: a.last_level ?? 0,
      })),
    };
    if (Object.keys(errors).length) c.status(422);
    return c.html(<RotaPage ctx={viewContext(c)} data={data} errors={errors} values={values} />);
  }

  app.get('/team/on-call', (c) => renderRota(c));

  app.post('/team/on-call', async (c) => {
    const user = c.get('user');
    const scope = await pickTeam(c, deps.db, onCallTeamIds(user?.memberships ?? []));
    if (!canEditRota(user!.memberships, scope.teamId)) throw new AppError('FORBIDDEN');
    const values = stringValues(await readForm(c));
    const parsed = RotaInput.safeParse(values);
    if (!parsed.success)
      return renderRota(c, { escalationMinutes: c.get('t')('validation.urgent.minutes') }, values);
    await deps.db
      .transaction()
      .execute((trx) =>
        saveRota(trx, user!, scope.teamId, parsed.data.userIds, parsed.data.escalationMinutes),
      );
    return c.redirect(`/team/on-call?team=${scope.teamId}`, 303);
  });

  async function loadAlert(c: Context<AppEnv>) {
    const user = c.get('user');
    if (!user) throw new AppError('UNAUTHENTICATED');
    const alert = await findAlert(deps.db, idParam(c, 'alertId'));
    if (!alert || !canAcknowledgeAlert(user.memberships, alert.team_id))
      throw new AppError('NOT_FOUND');
    return alert;
  }

  app.get('/urgent/:alertId', async (c) => {
    const alert = await loadAlert(c);
    const notices = await listNotices(deps.db, alert.id);
    return c.html(
      <AlertPage
        ctx={viewContext(c)}
        alert={{
          id: alert.id,
          caseId: alert.case_id,
          reference: alert.reference,
          raisedAt: alert.raised_at,
          acknowledgedAt: alert.acknowledged_at,
          acknowledgedBy: alert.acknowledged_by_name,
          notices: notices.map((n) => ({
            level: n.level,
            sentAt: n.sent_at,
            name: n.display_name,
          })),
        }}
      />,
    );
  });

  app.post('/urgent/:alertId/acknowledge', async (c) => {
    const alert = await loadAlert(c);
    await deps.db.transaction().execute((trx) => acknowledgeAlert(trx, signedInUser(c), alert.id));
    return c.redirect(`/urgent/${alert.id}`, 303);
  });

  app.get('/cases/:id/urgent', async (c) => {
    const caseId = idParam(c);
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'open');
    const row = await deps.db
      .selectFrom('case')
      .select('is_urgent')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    return c.html(
      <MarkUrgentPage
        ctx={viewContext(c)}
        caseId={caseId}
        reference={work.reference}
        isUrgent={row.is_urgent}
        canHandle={canUserHandle(signedInUser(c), work)}
      />,
    );
  });

  app.post('/cases/:id/urgent', async (c) => {
    const caseId = idParam(c);
    const work = await caseContextFor(c, deps, signedInUser(c), caseId, 'handle');
    await deps.db
      .transaction()
      .execute((trx) => markCaseUrgent(trx, caseId, { kind: 'user', userId: work.userId }));
    await alertAtOnce(deps, caseId);
    return c.redirect(`/cases/${caseId}/urgent`, 303);
  });

  return app;
}
