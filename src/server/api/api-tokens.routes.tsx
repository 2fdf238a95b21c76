import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { toFieldErrors } from '../http/validation.js';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiScope,
} from './api-tokens.service.js';
import { formValues } from '../admin/admin.schemas.js';
import { getTeamSettings } from '../admin/teams.admin.service.js';
import { TokenInput } from './api.schema.js';
import { TokensPage } from './api-tokens.views.js';

/**
 * API tokens of a team; a new token is shown once, on the page that created it. Mounted by
 * adminRoutes (app.tsx passes it in), behind its administrator check for the team.
 */
export function apiTokenRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const base = '/admin/teams/:teamId/tokens';

  async function page(
    c: Context<AppEnv>,
    form = { values: {} as Record<string, string>, errors: {}, scopes: [] as string[] },
    newToken?: string,
  ) {
    const teamId = c.req.param('teamId') ?? '';
    const [team, tokens] = await Promise.all([
      getTeamSettings(deps.db, teamId),
      listApiTokens(deps.db, teamId),
    ]);
    return c.html(
      <TokensPage
        ctx={viewContext(c)}
        team={team}
        tokens={tokens}
        form={form}
        newToken={newToken}
      />,
    );
  }

  app.get(base, (c) => page(c));

  app.post(base, async (c) => {
    const teamId = c.req.param('teamId');
    const values = formValues(await c.req.parseBody({ all: true }), ['scopes']);
    const parsed = TokenInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      return page(c, {
        values: { name: String(values.name ?? '') },
        errors: toFieldErrors(parsed.error, c.get('t')),
        scopes: values.scopes as string[],
      });
    }
    const token = await deps.db.transaction().execute((trx) =>
      createApiToken(trx, teamId, parsed.data.name, parsed.data.scopes as ApiScope[], {
        kind: 'user',
        userId: signedInUser(c).id,
      }),
    );
    return page(c, undefined, token);
  });

  app.post(`${base}/:tokenId/revoke`, async (c) => {
    const { teamId, tokenId } = c.req.param();
    if (/^[0-9a-f-]{36}$/.test(tokenId)) {
      await deps.db
        .transaction()
        .execute((trx) =>
          revokeApiToken(trx, teamId, tokenId, { kind: 'user', userId: signedInUser(c).id }),
        );
    }
    return c.redirect(`/admin/teams/${teamId}/tokens`, 303);
  });

  return app;
}
