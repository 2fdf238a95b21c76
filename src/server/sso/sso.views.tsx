import { Layout } from '../../ui/layout.js';
import type { ViewContext } from '../http/env.js';

/**
 * After the IdP's cross-site redirect the strict session cookie is not sent until the next
 * same-site navigation, so sign-in ends on this page with a link (and a refresh) to where it
 * continues: the inbox, our second factor, or (after linking) the account page.
 */
export function SignedInPage({
  ctx,
  next,
  message,
}: {
  ctx: ViewContext;
  next: string;
  message: 'sso.signedIn' | 'sso.linked';
}) {
  return (
    <Layout ctx={ctx} title={ctx.t(message)}>
      <meta http-equiv="refresh" content={`0;url=${next}`} />
      <h1 class="utrecht-heading-1">{ctx.t(message)}</h1>
      <p>
        <a href={next} data-testid="continue">
          {ctx.t('sso.continue')}
        </a>
      </p>
    </Layout>
  );
}

/** After a reporter's verification at the IdP: back to the intake (refresh and link, no JavaScript). */
export function ReporterReturnPage({ ctx }: { ctx: ViewContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('reporterSso.returnTitle')} isPublic>
      <meta http-equiv="refresh" content="0;url=/melden/verifieer/terug" />
      <h1 class="utrecht-heading-1">{ctx.t('reporterSso.returnTitle')}</h1>
      <p>
        <a href="/melden/verifieer/terug" data-testid="continue">
          {ctx.t('reporterSso.continue')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * The choice of institution leads to its own host (decision 038). A page with a refresh and a
 * link rather than a redirect: the CSP's form-action 'self' also covers where a form's answer
 * redirects to, and the institution's host is another origin.
 */
export function ContinueToInstitutionPage({
  ctx,
  name,
  url,
}: {
  ctx: ViewContext;
  name: string;
  url: string;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('sso.choose.continueTitle', { name })}>
      <meta http-equiv="refresh" content={`0;url=${url}`} />
      <h1 class="utrecht-heading-1">{ctx.t('sso.choose.continueTitle', { name })}</h1>
      <p>
        <a href={url} data-testid="continue">
          {ctx.t('sso.continue')}
        </a>
      </p>
    </Layout>
  );
}
