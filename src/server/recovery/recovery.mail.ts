import type { Deps } from '../bootstrap.js';
import { institutionBaseUrlOfUser } from '../tenancy/institution-url.js';
import type { Logger } from '../logger.js';
import { renderMail } from '../mail/mail.templates.js';
import { issuePasswordReset, RESET_LINK_MINUTES } from './password-reset.service.js';

/**
 * Issues and mails a forgotten-password link when the address belongs to an eligible account;
 * does nothing otherwise. Never throws: the route runs it after answering, so that the answer
 * (and its timing) is the same for every address. A failed send is logged with a code and the
 * user id only.
 */
export async function mailPasswordResetLink(
  deps: Deps,
  email: string,
  logger?: Logger,
): Promise<void> {
  let userId: string | undefined;
  try {
    const issued = await issuePasswordReset(deps.db, email);
    if (!issued) return;
    userId = issued.userId;
    const siteUrl = await institutionBaseUrlOfUser(deps.db, deps.config, issued.userId);
    const link = `${siteUrl}/login/reset/${issued.token}`;
    await deps.mailer.send(
      renderMail('passwordReset', issued.locale, issued.email, {
        link,
        minutes: RESET_LINK_MINUTES,
      }),
    );
  } catch (err) {
    logger?.warn(
      {
        code: 'PASSWORD_RESET_MAIL_FAILED',
        userId,
        errorCode: (err as { code?: string }).code ?? 'unknown',
      },
      'password reset link not sent',
    );
  }
}

/** Tells the user, content-free, that their password changed or their second factor was reset; false when the mail failed. */
export async function notifyAccountRecovered(
  deps: Deps,
  template: 'passwordChanged' | 'twoFactorReset',
  user: { id: string; email: string; locale: 'nl' | 'en' },
  logger?: Logger,
): Promise<boolean> {
  try {
    const siteUrl = await institutionBaseUrlOfUser(deps.db, deps.config, user.id);
    await deps.mailer.send(
      renderMail(template, user.locale, user.email, { link: `${siteUrl}/login` }),
    );
    return true;
  } catch (err) {
    logger?.warn(
      {
        code: 'ACCOUNT_NOTICE_MAIL_FAILED',
        template,
        userId: user.id,
        errorCode: (err as { code?: string }).code ?? 'unknown',
      },
      'account notice not sent',
    );
    return false;
  }
}
