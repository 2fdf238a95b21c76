import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { ViewContext } from '../server/http/env.js';
import { CSRF_FIELD } from '../server/http/csrf.js';
import { pageDescription } from '../server/http/indexing.js';
import { QUICK_EXIT_PATH } from '../server/mailbox/quick-exit.routes.js';
import { ASSET_VERSION } from './assets.js';
import { homePath, menuFor } from '../server/home/home.menu.js';

interface LayoutProps {
  ctx: ViewContext;
  title: string;
  /** Public pages carry the emergency numbers and the quick-exit link. */
  isPublic?: boolean;
  /** Staff work pages (the case page, the inbox) use the full width of the screen. */
  wide?: boolean;
  /**
   * False where no institution's site is around the page (path mode's list of institutions,
   * decision 039): no links to the guide, intake, mailbox or statements, which live under each
   * institution's prefix.
   */
  siteLinks?: boolean;
  children: Child;
}

export function Layout({
  ctx,
  title,
  isPublic = false,
  wide = false,
  siteLinks = true,
  children,
}: LayoutProps) {
  const { t, lang, user } = ctx;
  const otherLang = lang === 'nl' ? 'en' : 'nl';
  // Indexable pages have their own description; other public pages a general one (they are noindex).
  const description = pageDescription(ctx.path) ?? (isPublic ? 'meta.public' : undefined);
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${title} — ${t('app.name')}`}</title>
          {description && <meta name="description" content={t(description)} />}
          <link rel="icon" href="/favicon.ico" sizes="32x32" />
          <link rel="icon" href={`/assets/icon.svg?v=${ASSET_VERSION}`} type="image/svg+xml" />
          <link rel="apple-touch-icon" href={`/assets/apple-touch-icon.png?v=${ASSET_VERSION}`} />
          {isPublic && <script src={`/assets/quick-exit.js?v=${ASSET_VERSION}`} defer />}
          <link rel="stylesheet" href={`/assets/utrecht.css?v=${ASSET_VERSION}`} />
          <link rel="stylesheet" href={`/assets/app.css?v=${ASSET_VERSION}`} />
          {ctx.institution?.colourPrimary && (
            <link
              rel="stylesheet"
              href={`/assets/institution.css?v=${ctx.institution.colourPrimary.slice(1)}`}
            />
          )}
        </head>
        <body class="utrecht-theme utrecht-document">
          <a class="skip-link" href="#main">
            {t('nav.skip')}
          </a>
          {isPublic && (
            <a
              class="quick-exit utrecht-button utrecht-button--primary-action"
              href={QUICK_EXIT_PATH}
              data-quick-exit
              title={t('exit.description')}
            >
              {t('exit.label')}
            </a>
          )}
          <header class="site-header">
            <a class="site-name" href={user ? homePath(user.memberships) : '/'}>
              {ctx.institution?.logo ? (
                <>
                  {/* the institution's logo on a white plate, so any logo reads on its colour (decision 038) */}
                  <img
                    class="site-logo"
                    src={`/assets/institution-logo?v=${ctx.institution.logo.sha256.slice(0, 16)}`}
                    alt={ctx.institution.name}
                    width={ctx.institution.logo.width}
                    height={ctx.institution.logo.height}
                  />
                  <span>{t('app.name')}</span>
                </>
              ) : ctx.institution && (ctx.institution.host || ctx.institution.ownPrefix) ? (
                `${t('app.name')} — ${ctx.institution.name}`
              ) : (
                t('app.name')
              )}
            </a>
            <nav aria-label={t('nav.main')}>
              <ul class="nav-list">
                {user ? (
                  <>
                    {menuFor(user.memberships, user.platformOperator).map((item) => (
                      <li>
                        <a
                          href={item.path}
                          aria-current={ctx.path === item.path ? 'page' : undefined}
                        >
                          {t(item.label)}
                        </a>
                      </li>
                    ))}
                    <li>
                      <form method="post" action="/logout" class="inline-form">
                        <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                        <button type="submit" class="link-button">
                          {t('nav.signOut')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    {siteLinks && (
                      <>
                        <li>
                          <a href="/wegwijzer">{t('nav.guide')}</a>
                        </li>
                        <li>
                          <a href="/melden">{t('nav.report')}</a>
                        </li>
                        <li>
                          <a href="/postbus">{t('nav.mailbox')}</a>
                        </li>
                      </>
                    )}
                    <li>
                      <a href="/login">{t('nav.signIn')}</a>
                    </li>
                  </>
                )}
                <li>
                  <a
                    href={`/lang/${otherLang}?next=${encodeURIComponent(ctx.path)}`}
                    lang={otherLang}
                    aria-label={t('nav.languageLabel')}
                  >
                    {t('nav.language')}
                  </a>
                </li>
              </ul>
            </nav>
          </header>
          {isPublic && (
            <aside class="emergency" aria-labelledby="emergency-heading">
              <p>
                <strong id="emergency-heading">{t('emergency.heading')}</strong>{' '}
                {t('emergency.text')}
              </p>
            </aside>
          )}
          <main
            id="main"
            class={wide ? 'utrecht-page-content wide' : 'utrecht-page-content'}
            tabindex={-1}
          >
            {children}
          </main>
          <footer class="site-footer">
            <p>{t('footer.text')}</p>
            {siteLinks && (
              <nav aria-label={t('footer.nav')}>
                <ul class="footer-links">
                  <li>
                    <a href="/privacy">{t('footer.privacy')}</a>
                  </li>
                  <li>
                    <a href="/toegankelijkheid">{t('footer.accessibility')}</a>
                  </li>
                </ul>
              </nav>
            )}
          </footer>
        </body>
      </html>
    </>
  );
}

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />;
}
