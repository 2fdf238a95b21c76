import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { toFieldErrors } from '../http/validation.js';
import { NEEDS, WHO } from './guide.content.js';
import { GuideAnswerPage, GuidePage } from './guide.views.js';
import { listGuideContacts, listTeamGuideTexts } from './team-guide.js';

const GuideInput = z.object({
  need: z.enum(NEEDS, { error: 'validation.choose' }),
  who: z.enum(WHO, { error: 'validation.choose' }),
});

/** The public guide: GET forms only, so that it works without JavaScript and without a session. */
export function guideRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get('/wegwijzer', async (c) => {
    const texts = await listTeamGuideTexts(deps.db, c.get('lang'), c.get('institution')?.id);
    return c.html(<GuidePage ctx={viewContext(c)} errors={{}} values={{}} texts={texts} />);
  });
  app.get('/wegwijzer/advies', async (c) => {
    const values = { need: c.req.query('need') ?? '', who: c.req.query('who') ?? '' };
    const parsed = GuideInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      const texts = await listTeamGuideTexts(deps.db, c.get('lang'), c.get('institution')?.id);
      return c.html(
        <GuidePage
          ctx={viewContext(c)}
          errors={toFieldErrors(parsed.error, c.get('t'))}
          values={values}
          texts={texts}
        />,
      );
    }
    const contacts = await listGuideContacts(deps.db, c.get('institution')?.id);
    return c.html(
      <GuideAnswerPage
        ctx={viewContext(c)}
        need={parsed.data.need}
        who={parsed.data.who}
        contacts={contacts}
      />,
    );
  });
  return app;
}
