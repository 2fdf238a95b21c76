import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { formStrings } from '../http/validation.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import { assertRouteAllowed } from '../access/route-guard.js';
import {
  completeSession,
  findPendingSession,
  listSessions,
  revokeSession,
} from './auth.service.js';
import {
  confirmEnrolment,
  getEnrolmentSecret,
  hasConfirmedTotp,
  isTwoFactorRequired,
  setTwoFactorRequired,
  verifySecondFactor,
} from './two-factor.service.js';
import { otpauthUri, toBase32 } from './totp.js';
import { listCredentials, relyingPartyFor } from './webauthn.service.js';
import { KEY_NOTICES } from './webauthn.routes.js';
import { totpQrSvg } from './totp-qr.js';
import type { Translate } from '../../i18n/i18n.js';
import {
  AccountSecurityPage,
  AdminSecurityPage,
  EnrolPage,
  RecoveryCodesPage,
  SecondFactorPage,
} from './two-factor.views.js';
import { readSessionCookie, setSessionCookie } from './session-cookie.js';

const CodeInput = z.object({ code: z.string().trim().min(1).max(40) });
const RequireInput = z.object({ requireTwoFactor: z.enum(['yes', 'no']) });

/** Second factor at sign-in, enrolment, the user's own sessions, and the administrator's switch. */
export function twoFactorRoutes(deps: Deps, sso?: { oidc: boolean; saml: boolean }) {
  const app = new Hono<AppEnv>();
  // Under an IP address browsers refuse security keys: the pages say so instead of offering one.
  const { canUseKeys } = relyingPartyFor(deps.config.baseUrl);
  const secure = deps.config.secureCookies;
  const pending = async (c: Context<AppEnv>, state: 'pending_code' | 'pending_enrol') => {
    const token = readSessionCookie(c, secure);
    const session = token ? await findPendingSession(deps.db, token, state) : undefined;
    if (!token || !session) throw new AppError('UNAUTHENTICATED');
    return { token, userId: session.user_id };
  };
  const complete = async (c: Context<AppEnv>, token: string) => {
    setSessionCookie(c, await completeSession(deps.db, token), secure);
  };
  const code = async (c: Context<AppEnv>) =>
    CodeInput.safeParse(formStrings(await c.req.parseBody())).data?.code ?? '';
  const enrolView = async (userId: string, t: Translate) => {
    const user = await deps.db
      .selectFrom('app_user')
      .select('email')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const secret = await getEnrolmentSecret(deps.db, deps.keyring, userId);
    if (!secret) return undefined;
    const uri = otpauthUri(secret, user.email, 'Meldpunt');
    return { secret: toBase32(secret), uri, qrSvg: await totpQrSvg(uri, t('workspace.twofa.qr')) };
  };

  app.get('/login/two-factor', async (c) => {
    const { userId } = await pending(c, 'pending_code');
    const webauthn = (await listCredentials(deps.db, userId)).length > 0;
    return c.html(
      <SecondFactorPage
        ctx={viewContext(c)}
        canUseKeys={canUseKeys}
        errors={{}}
        webauthn={webauthn}
      />,
    );
  });

  app.post('/login/two-factor', async (c) => {
    const { token, userId } = await pending(c, 'pending_code');
    const result = await verifySecondFactor(deps.db, deps.keyring, userId, await code(c));
    if (!result.ok) {
      const t = c.get('t');
      c.status(result.waitMinutes ? 429 : 401);
      const webauthn = (await listCredentials(deps.db, userId)).length > 0;
      return c.html(
        <SecondFactorPage
          ctx={viewContext(c)}
          canUseKeys={canUseKeys}
          webauthn={webauthn}
          errors={{
            code: result.waitMinutes
              ? t('login.throttled', { minutes: result.waitMinutes })
              : t('twofa.failed'),
          }}
        />,
      );
    }
    await complete(c, token);
    return c.redirect('/cases', 303);
  });

  app.get('/login/two-factor/enrol', async (c) => {
    const { userId } = await pending(c, 'pending_enrol');
    const view = await enrolView(userId, c.get('t'));
    if (!view) throw new AppError('UNAUTHENTICATED');
    return c.html(<EnrolPage ctx={viewContext(c)} canUseKeys={canUseKeys} {...view} errors={{}} />);
  });

  app.post('/login/two-factor/enrol', async (c) => {
    const { token, userId } = await pending(c, 'pending_enrol');
    const codes = await confirmEnrolment(deps.db, deps.keyring, userId, await code(c));
    if (!codes) {
      c.status(422);
      return c.html(
        <EnrolPage
          ctx={viewContext(c)}
          canUseKeys={canUseKeys}
          {...(await enrolView(userId, c.get('t')))!}
          errors={{ code: c.get('t')('twofa.failed') }}
        />,
      );
    }
    await complete(c, token);
    return c.html(<RecoveryCodesPage ctx={viewContext(c)} codes={codes} canUseKeys={canUseKeys} />);
  });

  const accountPage = async (c: Context<AppEnv>, errors: Record<string, string> = {}) => {
    const user = signedInUser(c);
    const enrolled = await hasConfirmedTotp(deps.db, user.id);
    const view = enrolled ? undefined : await enrolView(user.id, c.get('t'));
    const sessions = await listSessions(deps.db, user.id, c.get('sessionToken'));
    const keys = (await listCredentials(deps.db, user.id)).map((k) => ({
      id: k.id,
      createdAt: k.created_at,
      lastUsedAt: k.last_used_at,
    }));
    const notice = noticeOf(c, c.get('t'), KEY_NOTICES);
    if (Object.keys(errors).length) c.status(422);
    return c.html(
      <AccountSecurityPage
        ctx={viewContext(c)}
        enrolled={enrolled}
        {...view}
        keys={keys}
        canUseKeys={canUseKeys}
        sessions={sessions}
        errors={errors}
        notice={notice}
        sso={sso}
      />,
    );
  };

  app.get('/account/security', async (c) => {
    assertRouteAllowed(c);
    return accountPage(c);
  });

  app.post('/account/two-factor', async (c) => {
    assertRouteAllowed(c);
    const codes = await confirmEnrolment(deps.db, deps.keyring, signedInUser(c).id, await code(c));
    if (!codes) return accountPage(c, { code: c.get('t')('twofa.failed') });
    return c.html(<RecoveryCodesPage ctx={viewContext(c)} codes={codes} canUseKeys={canUseKeys} />);
  });

  app.post('/account/sessions/:sessionId/revoke', async (c) => {
    assertRouteAllowed(c);
    const id = c.req.param('sessionId');
    if (!/^[0-9a-f-]{36}$/.test(id) || !(await revokeSession(deps.db, signedInUser(c).id, id)))
      throw new AppError('NOT_FOUND');
    return c.redirect('/account/security', 303);
  });

  app.get('/admin/security', async (c) => {
    assertRouteAllowed(c);
    const notice = noticeOf(c, c.get('t'), { saved: 'security.saved' });
    return c.html(
      <AdminSecurityPage
        ctx={viewContext(c)}
        required={await isTwoFactorRequired(
          deps.db,
          ['confidential_adviser'],
          signedInUser(c).institutionId,
        )}
        notice={notice}
      />,
    );
  });

  app.post('/admin/security', async (c) => {
    assertRouteAllowed(c);
    const parsed = RequireInput.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) throw new AppError('NOT_FOUND');
    const required = parsed.data.requireTwoFactor === 'yes';
    await deps.db
      .transaction()
      .execute((trx) =>
        setTwoFactorRequired(trx, required, signedInUser(c).id, signedInUser(c).institutionId),
      );
    return noticeRedirect(c, '/admin/security', 'saved');
  });

  return app;
}
