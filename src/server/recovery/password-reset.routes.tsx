import { accountFitsRequest } from '../tenancy/tenancy.js';
import { Hono, type Context } from 'hono';
import { countRefusal } from '../http/refusals.js';
import { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import type { Logger } from '../logger.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { readStrictCookie } from '../http/cookies.js';
import { CSRF_COOKIE } from '../http/csrf.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { AcceptInviteInput } from '../admin/admin.schemas.js';
import {
  admitResetRequest,
  findPasswordReset,
  resetPassword,
  resetThrottleKeys,
} from './password-reset.service.js';
import { mailPasswordResetLink, notifyAccountRecovered } from './recovery.mail.js';
import {
  ForgotPasswordPage,
  InvalidResetLinkPage,
  NewPasswordPage,
} from './password-reset.views.js';

const ForgotInput = z.object({
  email: z.email({ error: 'validation.email' }).max(320, { error: 'validation.tooLong' }),
});

/** The same password rules as the first administrator's and an invitation's. */
const NewPasswordInput = z
  .object({
    password: AcceptInviteInput.shape.password,
    confirm: z.string().max(1024, { error: 'validation.tooLong' }),
  })
  .refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    error: 'validation.passwordMismatch',
  });

export const FORGOT_NOTICES = { sent: 'passwordReset.sent' } as const;

/** Public: "forgot your password?" → a link by e-mail → a new password (docs/decisions/018-account-recovery.md). */
export function passwordResetRoutes(deps: Deps, logger?: Logger) {
  const app = new Hono<AppEnv>();

  const invalid = (c: Context<AppEnv>) => {
    c.status(404);
    return c.html(<InvalidResetLinkPage ctx={viewContext(c)} />);
  };

  app.get('/login/forgot', (c) =>
    c.html(
      <ForgotPasswordPage
        ctx={viewContext(c)}
        errors={{}}
        notice={noticeOf(c, c.get('t'), FORGOT_NOTICES)}
      />,
    ),
  );

  app.post('/login/forgot', async (c) => {
    const t = c.get('t');
    const values = formStrings(await c.req.parseBody());
    const parsed = ForgotInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      return c.html(
        <ForgotPasswordPage
          ctx={viewContext(c)}
          email={values.email}
          errors={toFieldErrors(parsed.error, t)}
        />,
      );
    }
    const keys = resetThrottleKeys(
      deps.keyring,
      parsed.data.email,
      readStrictCookie(c, CSRF_COOKIE, deps.config.secureCookies) ?? '',
    );
    const wait = await admitResetRequest(
      deps.db,
      keys,
      new Date(),
      deps.config.budgets.passwordResetsPerBrowser,
    );
    if (wait > 0) countRefusal('password_reset');
    if (wait > 0) {
      c.status(429);
      return c.html(
        <ForgotPasswordPage
          ctx={viewContext(c)}
          email={parsed.data.email}
          errors={{ email: t('passwordReset.throttled', { minutes: wait }) }}
        />,
      );
    }
    // After the answer, so that it takes as long for every address; it never throws.
    void mailPasswordResetLink(deps, parsed.data.email, logger);
    return noticeRedirect(c, '/login/forgot', 'sent');
  });

  // A link counts only on its account's own institution's site, like the account's sign-in (decision 039).
  const fitsRequest = (
    c: Context<AppEnv>,
    reset: { institutionId: string | null; platformOperator: boolean },
  ) =>
    accountFitsRequest(
      reset,
      c.get('institution'),
      c.get('platformHost'),
      deps.config.tenancy?.mode ?? 'single',
    );

  app.get('/login/reset/:token', async (c) => {
    const reset = await findPasswordReset(deps.db, c.req.param('token'));
    if (!reset || !fitsRequest(c, reset)) return invalid(c);
    return c.html(
      <NewPasswordPage
        ctx={viewContext(c)}
        token={c.req.param('token')}
        email={reset.email}
        errors={{}}
      />,
    );
  });

  app.post('/login/reset/:token', async (c) => {
    const token = c.req.param('token');
    const reset = await findPasswordReset(deps.db, token);
    if (!reset || !fitsRequest(c, reset)) return invalid(c);
    const parsed = NewPasswordInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) {
      c.status(422);
      return c.html(
        <NewPasswordPage
          ctx={viewContext(c)}
          token={token}
          email={reset.email}
          errors={toFieldErrors(parsed.error, c.get('t'))}
        />,
      );
    }
    const user = await resetPassword(deps.db, deps.keyring, token, parsed.data.password);
    if (!user) return invalid(c);
    void notifyAccountRecovered(
      deps,
      'passwordChanged',
      { id: user.userId, email: user.email, locale: user.locale },
      logger,
    );
    return noticeRedirect(c, '/login', 'passwordChanged');
  });

  return app;
}
