import { Hono } from 'hono';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { LoginPage, MessagePage } from '../auth/auth.views.js';
import { AcceptInviteInput } from './admin.schemas.js';
import { acceptInvitation, findInvitation } from './users.admin.service.js';
import { AcceptInvitePage } from './invite.views.js';

/** Public: the invited person sets a name and password through the one-time link. */
export function inviteRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get('/invite/:token', async (c) => {
    const ctx = viewContext(c);
    const invite = await findInvitation(deps.db, c.req.param('token'));
    if (!invite) {
      c.status(404);
      return c.html(
        <MessagePage ctx={ctx} title={ctx.t('invite.title')} message={ctx.t('setup.invalid')} />,
      );
    }
    return c.html(
      <AcceptInvitePage
        ctx={ctx}
        token={c.req.param('token')}
        email={invite.email ?? ''}
        values={{ displayName: invite.display_name ?? '' }}
        errors={{}}
      />,
    );
  });

  app.post('/invite/:token', async (c) => {
    const ctx = viewContext(c);
    const token = c.req.param('token');
    const invite = await findInvitation(deps.db, token);
    const values = formStrings(await c.req.parseBody());
    const parsed = AcceptInviteInput.safeParse(values);
    if (invite && !parsed.success) {
      c.status(422);
      return c.html(
        <AcceptInvitePage
          ctx={ctx}
          token={token}
          email={invite.email ?? ''}
          values={values}
          errors={toFieldErrors(parsed.error, ctx.t)}
        />,
      );
    }
    const ok =
      invite &&
      parsed.success &&
      (await deps.db.transaction().execute((trx) => acceptInvitation(trx, token, parsed.data)));
    if (!ok) {
      c.status(404);
      return c.html(
        <MessagePage ctx={ctx} title={ctx.t('invite.title')} message={ctx.t('setup.invalid')} />,
      );
    }
    return c.html(
      <LoginPage ctx={ctx} email={invite.email ?? ''} errors={{}} notice={ctx.t('setup.done')} />,
    );
  });

  return app;
}
