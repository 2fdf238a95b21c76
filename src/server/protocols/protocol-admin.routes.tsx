import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import { protocolTeamIds } from './protocols.policy.js';
import { listVersions } from './protocols.queries.js';
import { ProtocolVersionInput } from './protocols.schema.js';
import { listTeamProtocols, saveProtocolVersion } from './protocols.service.js';
import {
  formFromProtocol,
  ProtocolEditPage,
  ProtocolListPage,
  type ProtocolForm,
} from './protocol-admin.views.js';
import { pickTeam } from './team-scope.js';

/** The team edits its protocols (administrators and coordinators); every save is a new version. */
export function protocolAdminRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const scopeOf = (c: Context<AppEnv>) =>
    pickTeam(c, deps.db, protocolTeamIds(c.get('user')?.memberships ?? []));
  const empty: ProtocolForm = { errors: {}, values: {} };

  async function renderList(c: Context<AppEnv>, form = empty) {
    const scope = await scopeOf(c);
    const protocols = await listTeamProtocols(deps.db, scope.teamId);
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <ProtocolListPage ctx={viewContext(c)} scope={scope} protocols={protocols} form={form} />,
    );
  }

  async function renderEdit(c: Context<AppEnv>, form?: ProtocolForm) {
    const scope = await scopeOf(c);
    const protocol = (await listTeamProtocols(deps.db, scope.teamId)).find(
      (p) => p.id === idParam(c, 'protocolId'),
    );
    if (!protocol) throw new AppError('NOT_FOUND');
    if (form && Object.keys(form.errors).length) c.status(422);
    const versions = await listVersions(deps.db, protocol.id);
    return c.html(
      <ProtocolEditPage
        ctx={viewContext(c)}
        scope={scope}
        protocol={protocol}
        versions={versions}
        form={form ?? { errors: {}, values: formFromProtocol(protocol) }}
      />,
    );
  }

  app.get('/team/protocols', (c) => renderList(c));
  app.get('/team/protocols/:protocolId', (c) => renderEdit(c));

  app.post('/team/protocols', async (c) => {
    const scope = await scopeOf(c);
    const values = await readForm(c);
    const parsed = parseForm(c, ProtocolVersionInput, values);
    if (parsed.errors) return renderList(c, { errors: parsed.errors, values });
    const id = await deps.db
      .transaction()
      .execute((trx) =>
        saveProtocolVersion(trx, scope.teamId, undefined, parsed.data, signedInUser(c).id),
      );
    return c.redirect(`/team/protocols/${id}?team=${scope.teamId}`, 303);
  });

  app.post('/team/protocols/:protocolId', async (c) => {
    const scope = await scopeOf(c);
    const protocolId = idParam(c, 'protocolId');
    const values = await readForm(c);
    const parsed = parseForm(c, ProtocolVersionInput, values);
    if (parsed.errors) return renderEdit(c, { errors: parsed.errors, values });
    await deps.db
      .transaction()
      .execute((trx) =>
        saveProtocolVersion(trx, scope.teamId, protocolId, parsed.data, signedInUser(c).id),
      );
    return c.redirect(`/team/protocols/${protocolId}?team=${scope.teamId}`, 303);
  });

  return app;
}
