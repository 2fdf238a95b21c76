import { accountFitsRequest } from '../tenancy/tenancy.js';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { viewContext, type AppEnv } from '../http/env.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { noticeOf } from '../http/notice.js';
import { NewPassword } from '../users/password-policy.js';
import { createFirstAdmin, isFirstAdminTokenValid, signIn, signOut } from './auth.service.js';
import { homePath } from '../home/home.menu.js';
import { LoginPage, MessagePage, SetupPage, type SsoLinks } from './auth.views.js';
/** For app.tsx's session lookup; the cookie is defined in session-cookie.ts. */
export { SESSION_COOKIE } from './session-cookie.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

/** After a password reset (recovery/password-reset.routes.tsx) the sign-in page confirms it. */
const LOGIN_NOTICES = { passwordChanged: 'passwordReset.done' } as const;

const LoginInput = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(320, { error: 'validation.tooLong' }),
  password: z
    .string()
    .min(1, { error: 'validation.required' })
    .max(1024, { error: 'validation.tooLong' }),
});

const SetupInput = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(200, { error: 'validation.tooLong' }),
  email: z.email({ error: 'validation.email' }).max(320, { error: 'validation.tooLong' }),
  password: NewPassword,
});

/** `ssoOf`: the sign-in through the institution that the login page offers for a request (decision 038). */
export function authRoutes(deps: Deps, ssoOf: (c: Context<AppEnv>) => Promise<SsoLinks>) {
  const app = new Hono<AppEnv>();
  const secure = deps.config.secureCookies;
  app.get('/login', async (c) =>
    c.html(
      <LoginPage
        ctx={viewContext(c)}
        errors={{}}
        sso={await ssoOf(c)}
        notice={noticeOf(c, c.get('t'), LOGIN_NOTICES)}
      />,
    ),
  );

  app.post('/login', async (c) => {
    const t = c.get('t');
    const values = formStrings(await c.req.parseBody());
    const parsed = LoginInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      return c.html(
        <LoginPage
          ctx={viewContext(c)}
          email={values.email}
          errors={toFieldErrors(parsed.error, t)}
          sso={await ssoOf(c)}
        />,
      );
    }
    const result = await signIn(
      deps.db,
      deps.keyring,
      parsed.data.email,
      parsed.data.password,
      (account) =>
        accountFitsRequest(
          account,
          c.get('institution'),
          c.get('platformHost'),
          deps.config.tenancy?.mode ?? 'single',
        ),
    );
    if (!result.ok) {
      const message = result.waitSeconds
        ? t('login.slowDown', { seconds: result.waitSeconds })
        : t('login.failed');
      c.status(result.waitSeconds ? 429 : 401);
      return c.html(
        <LoginPage
          ctx={viewContext(c)}
          email={parsed.data.email}
          errors={{ email: message }}
          sso={await ssoOf(c)}
        />,
      );
    }
    setSessionCookie(c, result.token, secure);
    const next = {
      complete: result.user.platformOperator ? '/platform' : homePath(result.user.memberships),
      pending_code: '/login/two-factor',
      pending_enrol: '/login/two-factor/enrol',
    }[result.state];
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await signOut(deps.db, token);
    clearSessionCookie(c, secure);
    return c.redirect('/login', 303);
  });

  app.get('/setup/:token', async (c) => {
    const ctx = viewContext(c);
    if (!(await isFirstAdminTokenValid(deps.db, c.req.param('token')))) {
      c.status(404);
      return c.html(
        <MessagePage ctx={ctx} title={ctx.t('setup.title')} message={ctx.t('setup.invalid')} />,
      );
    }
    return c.html(<SetupPage ctx={ctx} token={c.req.param('token')} values={{}} errors={{}} />);
  });

  app.post('/setup/:token', async (c) => {
    const ctx = viewContext(c);
    const token = c.req.param('token');
    const values = formStrings(await c.req.parseBody());
    const parsed = SetupInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      return c.html(
        <SetupPage
          ctx={ctx}
          token={token}
          values={values}
          errors={toFieldErrors(parsed.error, ctx.t)}
        />,
      );
    }
    if (!(await createFirstAdmin(deps.db, token, parsed.data))) {
      c.status(404);
      return c.html(
        <MessagePage ctx={ctx} title={ctx.t('setup.title')} message={ctx.t('setup.invalid')} />,
      );
    }
    return c.html(
      <LoginPage ctx={ctx} email={parsed.data.email} errors={{}} notice={ctx.t('setup.done')} />,
    );
  });

  return app;
}
