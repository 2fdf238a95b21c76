import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { routeCaseContext, type StaffCaseContext } from '../cases/case-context.js';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import type { FieldErrors } from '../../ui/form.js';
import {
  grantIdentityAccess,
  listIdentityAccess,
  revokeIdentityAccess,
} from '../access/identity.service.js';
import {
  getConsentLedger,
  grantConsent,
  recordAcuteRiskOverride,
  recordShareRefused,
  withdrawConsent,
} from './consent.service.js';
import { GrantInput, OverrideInput, toShare, WithdrawInput } from './consent.schema.js';
import { ConsentPage } from './consent.views.js';
import { UUID } from '../http/params.js';
import { listRecipientChoices } from './recipients.service.js';

const UserIdInput = z.object({ userId: z.uuid({ error: 'validation.required' }) });

/** Confirmations after a successful POST, shown by the GET it redirects to. */
const NOTICES = {
  saved: 'consent.saved',
  withdrawn: 'consent.withdrawn',
  revoked: 'identity.revoked',
} as const;

/** The consent ledger of one case, the acute-risk override and identity access. Behind requireUser. */
export function consentRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  // The case as the need-to-know step loaded and checked it for this route (one load per request).
  const load = (c: Context<AppEnv>) => Promise.resolve(routeCaseContext(c));
  const actor = (c: Context<AppEnv>) => ({ kind: 'user' as const, userId: signedInUser(c).id });
  const saved = (c: Context<AppEnv>, ref: StaffCaseContext, notice: keyof typeof NOTICES) =>
    noticeRedirect(c, `/cases/${ref.id}/consents`, notice);

  async function render(
    c: Context<AppEnv>,
    ref: StaffCaseContext,
    values: Record<string, string> = {},
    errors: FieldErrors = {},
  ) {
    const notice = noticeOf(c, c.get('t'), NOTICES);
    const ledger = await getConsentLedger(deps.db, deps.keyring, ref.id);
    const identityGrants = await listIdentityAccess(deps.db, ref.id);
    if (Object.keys(errors).length) c.status(422);
    const recipients = await listRecipientChoices(deps.db, ref.teamId);
    return c.html(
      <ConsentPage
        ctx={viewContext(c)}
        caseId={ref.id}
        reference={ref.reference}
        {...ledger}
        identityGrants={identityGrants}
        values={values}
        errors={errors}
        notice={notice}
        recipients={recipients}
      />,
    );
  }

  app.get('/cases/:id/consents', async (c) => render(c, await load(c)));

  app.post('/cases/:id/consents', async (c) => {
    const ref = await load(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = GrantInput.safeParse(values);
    if (!parsed.success) return render(c, ref, values, toFieldErrors(parsed.error, c.get('t')));
    const { obtainedVia, note } = parsed.data;
    await deps.db
      .transaction()
      .execute((trx) =>
        grantConsent(
          trx,
          deps.keyring,
          ref,
          { ...toShare(parsed.data), obtainedVia, note },
          actor(c),
        ),
      );
    return saved(c, ref, 'saved');
  });

  app.post('/cases/:id/consents/:consentId/withdraw', async (c) => {
    const ref = await load(c);
    const parsed = WithdrawInput.safeParse(formStrings(await c.req.parseBody()));
    const consentId = c.req.param('consentId');
    if (!parsed.success || !/^[0-9a-f-]{36}$/.test(consentId)) throw new AppError('NOT_FOUND');
    const done = await deps.db
      .transaction()
      .execute((trx) => withdrawConsent(trx, ref, consentId, parsed.data.withdrawVia, actor(c)));
    if (!done) throw new AppError('NOT_FOUND');
    return saved(c, ref, 'withdrawn');
  });

  app.post('/cases/:id/overrides', async (c) => {
    const ref = await load(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = OverrideInput.safeParse(values);
    if (!parsed.success) return render(c, ref, {}, toFieldErrors(parsed.error, c.get('t')));
    await deps.db
      .transaction()
      .execute((trx) =>
        recordAcuteRiskOverride(
          trx,
          deps.keyring,
          ref,
          { ...toShare(parsed.data), reason: parsed.data.reason },
          actor(c),
        ),
      );
    return saved(c, ref, 'saved');
  });

  app.post('/cases/:id/identity-access', async (c) => {
    const ref = await load(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = UserIdInput.safeParse(values);
    if (!parsed.success) return render(c, ref, {}, toFieldErrors(parsed.error, c.get('t')));
    const request = {
      info: 'reporter_identity',
      recipient: { kind: 'person', value: parsed.data.userId },
      purpose: 'identity_reveal',
    } as const;
    try {
      await deps.db
        .transaction()
        .execute((trx) => grantIdentityAccess(trx, ref, parsed.data.userId, actor(c)));
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONSENT_REQUIRED')
        await recordShareRefused(deps.db, ref.teamId, ref.id, request, actor(c));
      throw err;
    }
    return saved(c, ref, 'saved');
  });

  app.post('/cases/:id/identity-access/:userId/revoke', async (c) => {
    const ref = await load(c);
    const userId = c.req.param('userId');
    const done =
      UUID.test(userId) &&
      (await deps.db
        .transaction()
        .execute((trx) => revokeIdentityAccess(trx, ref, userId, actor(c))));
    if (!done) throw new AppError('NOT_FOUND');
    return saved(c, ref, 'revoked');
  });

  return app;
}
