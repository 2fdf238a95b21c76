import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { listPartners } from '../admin/partners.service.js';
import { caseContextFor } from '../cases/case-context.js';
import { idParam } from '../http/params.js';
import { parseForm, readForm } from '../http/forms.js';
import type { FormState } from '../../ui/form.js';
import {
  listReferrals,
  recordReferral,
  recordReferralOutcome,
  ReferralInput,
  ReferralOutcomeInput,
  ReferralRuleError,
} from './referrals.service.js';
import { ReferralsPage } from './referrals.views.js';

export function referralRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  async function render(c: Context<AppEnv>, form: FormState = { errors: {}, values: {} }) {
    const work = await caseContextFor(c, deps, signedInUser(c), idParam(c), 'handle');
    const [list, partners] = [
      await listReferrals(deps.db, work),
      await listPartners(deps.db, work.teamId),
    ];
    if (Object.keys(form.errors).length) c.status(422);
    return c.html(
      <ReferralsPage
        ctx={viewContext(c)}
        caseId={work.id}
        reference={work.reference}
        list={list}
        partners={partners}
        form={form}
      />,
    );
  }
  app.get('/cases/:id/referrals', (c) => render(c));
  app.post('/cases/:id/referrals', async (c) => {
    const values = await readForm(c);
    const parsed = parseForm(c, ReferralInput, values);
    if (parsed.errors) return render(c, { errors: parsed.errors, values });
    const work = await caseContextFor(c, deps, signedInUser(c), idParam(c), 'handle');
    try {
      await recordReferral(deps.db, work, parsed.data);
    } catch (err) {
      if (err instanceof ReferralRuleError)
        return render(c, { errors: { [err.field]: c.get('t')(err.messageKey) }, values });
      if (err instanceof AppError && err.code === 'CONSENT_REQUIRED')
        return render(c, { errors: { info: c.get('t')('referrals.error.consent') }, values });
      throw err;
    }
    return c.redirect(`/cases/${work.id}/referrals`, 303);
  });
  app.post('/cases/:id/referrals/:rid/outcome', async (c) => {
    const rid = idParam(c, 'rid');
    const values = await readForm(c);
    const parsed = parseForm(c, ReferralOutcomeInput, { outcome: values[`outcome-${rid}`] });
    if (parsed.errors)
      return render(c, { errors: { [`outcome-${rid}`]: parsed.errors.outcome! }, values });
    const work = await caseContextFor(c, deps, signedInUser(c), idParam(c), 'handle');
    await deps.db
      .transaction()
      .execute((trx) => recordReferralOutcome(trx, work, rid, parsed.data.outcome));
    return c.redirect(`/cases/${work.id}/referrals`, 303);
  });
  return app;
}
