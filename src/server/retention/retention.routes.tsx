import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { signedInUser, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings } from '../http/validation.js';
import { getCaseForRoute } from '../access/case-access.js';
import { setRetentionHold } from './retention.service.js';
import { exportReporterData } from './subject-export.service.js';

const HoldInput = z.object({ hold: z.enum(['yes', 'no']) });

/** A case's retention hold and the reporter's data export. Behind requireUser. */
export function retentionRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const load = (c: Context<AppEnv>) =>
    getCaseForRoute(deps.db, signedInUser(c), c.req.param('id') ?? '', {
      method: c.req.method as 'GET' | 'POST',
      path: c.req.routePath,
    });
  const actor = (c: Context<AppEnv>) => ({ kind: 'user' as const, userId: signedInUser(c).id });

  app.post('/cases/:id/retention-hold', async (c) => {
    const ref = await load(c);
    const parsed = HoldInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) throw new AppError('NOT_FOUND');
    await deps.db
      .transaction()
      .execute((trx) => setRetentionHold(trx, ref, parsed.data.hold === 'yes', actor(c)));
    return c.redirect(`/cases/${ref.id}`, 303); // the button sits on the case page
  });

  // JSON for machines: its dates stay ISO 8601 (YYYY-MM-DD, instants in UTC), unlike the pages and the
  // PDF and text exports, which write them in the reader's language (issue 19).
  app.get('/cases/:id/subject-export', async (c) => {
    const ref = await load(c);
    const data = await exportReporterData(deps.db, deps.keyring, ref, actor(c));
    return c.json(data, 200, {
      'Content-Disposition': `attachment; filename="${ref.reference}-reporter-data.json"`,
    });
  });

  return app;
}
