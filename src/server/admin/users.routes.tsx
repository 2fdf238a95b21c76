import { requestSiteUrl } from '../http/tenancy.js';
import { Hono, type Context } from 'hono';
import type { Deps } from '../bootstrap.js';
import { signedInUser, viewContext, type AppEnv } from '../http/env.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/params.js';
import { formStrings, toFieldErrors } from '../http/validation.js';
import { noticeOf, noticeRedirect } from '../http/notice.js';
import type { AuditActor } from '../audit/audit.service.js';
import { renderMail } from '../mail/mail.templates.js';
import type { Role } from '../../domain/roles.js';
import { AdviserProfileInput, InviteInput, RolesInput, formValues } from './admin.schemas.js';
import { UserPage, UsersPage } from './users.views.js';
import { getTeamSettings } from './teams.admin.service.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  deactivateUser,
  getTeamUser,
  INVITE_DAYS,
  inviteUser,
  listTeamUsers,
  setUserRoles,
} from './users.admin.service.js';
import { listAdviserProfiles, saveAdviserProfile } from './advisers.service.js';
import {
  describeSecondFactor,
  resetSecondFactor,
} from '../recovery/second-factor-reset.service.js';
import { notifyAccountRecovered } from '../recovery/recovery.mail.js';

const actorOf = (c: Context<AppEnv>): AuditActor => ({ kind: 'user', userId: signedInUser(c).id });
const USER_NOTICES = {
  twoFactorReset: 'admin.user.twoFactorResetDone',
  twoFactorResetNoMail: 'admin.user.twoFactorResetNoMail',
} as const;
const asStrings = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<
    string,
    string
  >;

/** Users of a team: invite by e-mail, roles, deactivation, adviser profiles. */
export function userAdminRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const base = '/admin/teams/:teamId/users';

  async function usersPage(
    c: Context<AppEnv>,
    form = { values: {} as Record<string, string>, errors: {}, roles: [] as string[] },
    notice?: string,
    setupLink?: string,
  ) {
    const teamId = c.req.param('teamId') ?? '';
    const [team, users] = await Promise.all([
      getTeamSettings(deps.db, teamId),
      listTeamUsers(deps.db, teamId),
    ]);
    return c.html(
      <UsersPage
        ctx={viewContext(c)}
        team={team}
        users={users}
        form={form}
        notice={notice}
        hasMail={Boolean(deps.config.smtpUrl)}
        setupLink={setupLink}
      />,
    );
  }

  async function userPage(
    c: Context<AppEnv>,
    form = { values: {} as Record<string, string>, errors: {} },
    notice?: string,
  ) {
    const teamId = c.req.param('teamId') ?? '';
    const [team, user, profiles] = await Promise.all([
      getTeamSettings(deps.db, teamId),
      getTeamUser(deps.db, teamId, idParam(c, 'userId')),
      listAdviserProfiles(deps.db, teamId, { includeHidden: true }),
    ]);
    const profile = profiles.find((p) => p.userId === user.id);
    const twoFactor = await describeSecondFactor(deps.db, user.id);
    return c.html(
      <UserPage
        ctx={viewContext(c)}
        team={team}
        user={user}
        profile={profile}
        form={{ ...form, roles: user.roles }}
        notice={notice}
        twoFactor={twoFactor}
        isSelf={user.id === signedInUser(c).id}
      />,
    );
  }

  app.get(base, (c) =>
    usersPage(c, undefined, c.req.query('invited') ? c.get('t')('admin.user.invited') : undefined),
  );

  app.post(`${base}/invite`, async (c) => {
    const t = c.get('t');
    const teamId = c.req.param('teamId');
    const values = formValues(await c.req.parseBody({ all: true }), ['roles']);
    const parsed = InviteInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      return usersPage(c, {
        values: asStrings(values),
        errors: toFieldErrors(parsed.error, t),
        roles: values.roles as string[],
      });
    }
    const token = await deps.db
      .transaction()
      .execute((trx) => inviteUser(trx, teamId, parsed.data, actorOf(c)));
    if (token && !deps.config.smtpUrl) {
      // No mail server (a fresh or demo installation, issue 19): the administrator is shown the
      // one-time set-up link once, to pass on; that it was shown is audited.
      await deps.db.transaction().execute((trx) =>
        recordAudit(trx, {
          type: 'USER_INVITE_LINK_SHOWN',
          actor: actorOf(c),
          teamId,
          detail: { roles: parsed.data.roles.join(',') },
        }),
      );
      return usersPage(
        c,
        undefined,
        undefined,
        `${requestSiteUrl(c, deps.config)}/invite/${token}`,
      );
    }
    if (token) {
      const team = await getTeamSettings(deps.db, teamId);
      const lang = parsed.data.locale;
      const mail = renderMail('invitation', lang, parsed.data.email, {
        link: `${requestSiteUrl(c, deps.config)}/invite/${token}`,
        teamName: lang === 'nl' ? team.nameNl : team.nameEn,
        days: INVITE_DAYS,
      });
      try {
        await deps.mailer.send(mail);
      } catch {
        c.status(502);
        return usersPage(c, undefined, t('admin.user.mailFailed'));
      }
    }
    return c.redirect(`/admin/teams/${teamId}/users?invited=1`, 303);
  });

  app.get(`${base}/:userId`, (c) =>
    userPage(
      c,
      undefined,
      c.req.query('saved') ? c.get('t')('admin.saved') : noticeOf(c, c.get('t'), USER_NOTICES),
    ),
  );

  app.post(`${base}/:userId/roles`, async (c) => {
    const { teamId, userId } = c.req.param();
    await getTeamUser(deps.db, teamId, userId);
    const parsed = RolesInput.safeParse(
      formValues(await c.req.parseBody({ all: true }), ['roles']),
    );
    if (!parsed.success) throw new AppError('NOT_FOUND');
    if (userId === signedInUser(c).id && !parsed.data.roles.includes('administrator'))
      throw new AppError('FORBIDDEN');
    await deps.db
      .transaction()
      .execute((trx) => setUserRoles(trx, teamId, userId, parsed.data.roles as Role[], actorOf(c)));
    return c.redirect(
      parsed.data.roles.length
        ? `/admin/teams/${teamId}/users/${userId}?saved=1`
        : `/admin/teams/${teamId}/users`,
      303,
    );
  });

  app.post(`${base}/:userId/profile`, async (c) => {
    const { teamId, userId } = c.req.param();
    await getTeamUser(deps.db, teamId, userId);
    const values = formValues(await c.req.parseBody({ all: true }), []);
    const parsed = AdviserProfileInput.safeParse(values);
    if (!parsed.success) {
      c.status(422);
      return userPage(c, {
        values: asStrings(values),
        errors: toFieldErrors(parsed.error, c.get('t')),
      });
    }
    const d = parsed.data;
    await deps.db.transaction().execute((trx) =>
      saveAdviserProfile(
        trx,
        teamId,
        userId,
        {
          languages: d.languages,
          locations: d.locations,
          introNl: d.introNl,
          introEn: d.introEn,
          isVisible: !d.hidden,
        },
        actorOf(c),
      ),
    );
    return c.redirect(`/admin/teams/${teamId}/users/${userId}?saved=1`, 303);
  });

  app.post(`${base}/:userId/deactivate`, async (c) => {
    const { teamId, userId } = c.req.param();
    await getTeamUser(deps.db, teamId, userId);
    await deps.db.transaction().execute((trx) => deactivateUser(trx, teamId, userId, actorOf(c)));
    return c.redirect(`/admin/teams/${teamId}/users/${userId}?saved=1`, 303);
  });

  // Account recovery (decision 018): the user lost their second factor; never one's own.
  app.post(`${base}/:userId/two-factor/reset`, async (c) => {
    const { teamId, userId } = c.req.param();
    await getTeamUser(deps.db, teamId, userId);
    if (userId === signedInUser(c).id) throw new AppError('FORBIDDEN');
    if (formStrings(await c.req.parseBody()).confirmReset !== 'yes') {
      c.status(422);
      return userPage(c, {
        values: {},
        errors: { confirmReset: c.get('t')('validation.confirmTwoFactorReset') },
      });
    }
    const { user } = await deps.db
      .transaction()
      .execute((trx) => resetSecondFactor(trx, userId, actorOf(c), teamId));
    const mailed = await notifyAccountRecovered(deps, 'twoFactorReset', user);
    return noticeRedirect(
      c,
      `/admin/teams/${teamId}/users/${userId}`,
      mailed ? 'twoFactorReset' : 'twoFactorResetNoMail',
    );
  });

  return app;
}
