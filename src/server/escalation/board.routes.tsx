import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv, signedInUser } from '../http/env.js';
import { listPartners } from '../admin/partners.service.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import { DecisionInput } from './escalation.schema.js';
import {
  decideRequest,
  getRequestForBoard,
  listAcuteSharesForBoard,
  listRequestsForBoard,
} from './board.service.js';
import { BoardListPage, BoardRequestPage } from './board.views.js';

/** The board's pages: escalation requests of its teams, approved or declined with a reason; acute shares afterwards. */
export function boardRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  async function partnerNames(teamIds: string[], lang: 'nl' | 'en') {
    const names = new Map<string, string>();
    for (const teamId of teamIds)
      for (const p of await listPartners(deps.db, teamId)) names.set(p.key, p.name[lang]);
    return names;
  }

  async function renderOne(c: Context<AppEnv>, form: FormState = { errors: {}, values: {} }) {
    const user = signedInUser(c);
    const view = await getRequestForBoard(deps.db, deps.keyring, user, idParam(c, 'rid'));
    if (Object.keys(form.errors).length) c.status(422);
    const names = await partnerNames(
      [...new Set(user.memberships.map((m) => m.teamId))],
      c.get('lang'),
    );
    return c.html(
      <BoardRequestPage
        ctx={viewContext(c)}
        view={view}
        partnerName={(k) => names.get(k) ?? k}
        form={form}
      />,
    );
  }

  app.get('/board/escalations', async (c) => {
    const user = signedInUser(c);
    const [requests, acute] = [
      await listRequestsForBoard(deps.db, user),
      await listAcuteSharesForBoard(deps.db, deps.keyring, user),
    ];
    const names = await partnerNames(
      [...new Set(user.memberships.map((m) => m.teamId))],
      c.get('lang'),
    );
    return c.html(
      <BoardListPage
        ctx={viewContext(c)}
        requests={requests}
        acute={acute}
        partnerName={(k) => names.get(k) ?? k}
      />,
    );
  });

  app.get('/board/escalations/:rid', (c) => renderOne(c));

  app.post('/board/escalations/:rid/decision', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, DecisionInput, values);
    if (parsed.errors) return renderOne(c, { errors: parsed.errors, values });
    const rid = idParam(c, 'rid');
    await decideRequest(deps.db, deps.keyring, signedInUser(c), rid, parsed.data);
    return c.redirect(`/board/escalations/${rid}`, 303);
  });

  return app;
}
