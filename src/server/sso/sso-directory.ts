import type { Context } from 'hono';
import type * as oidc from 'openid-client';
import type { Deps } from '../bootstrap.js';
import type { AppEnv } from '../http/env.js';
import { firstInstitution, type InstitutionContext } from '../tenancy/tenancy.js';
import { institutionBaseUrl } from '../tenancy/institution-url.js';
import type { SsoLinks } from '../auth/auth.views.js';
import {
  findInstitutionIdp,
  listSignInChoices,
} from '../institution-settings/institution-sign-in.service.js';
import type { SsoConfig } from './sso.config.js';
import { oidcDiscovery } from './oidc-client.js';

/**
 * Which identity provider a request signs in with (issue 22, decision 038): the request's
 * institution's own (institution_sign_in), else — for the installation's default institution
 * only — the one from the environment (MELDPUNT_OIDC_*, MELDPUNT_SAML_*). The IdP answers on the
 * institution's own host. Subjects of an institution's own IdP are kept apart from every other
 * IdP's by a prefix naming the institution, so the same `sub` at two IdPs is two identities.
 */
export interface InstitutionSso {
  institution: InstitutionContext;
  /** The settings in the shape the routes use; `baseUrl` is the institution's own address. */
  config: SsoConfig;
  oidcConfiguration?: () => Promise<oidc.Configuration>;
  /** Prepended to the IdP's subject before it is stored or looked up. */
  subjectPrefix: string;
}

export interface SsoDirectory {
  forRequest(c: Context<AppEnv>): Promise<InstitutionSso | undefined>;
  forInstitution(institution: InstitutionContext): Promise<InstitutionSso | undefined>;
}

export function ssoDirectory(deps: Deps, installation: SsoConfig): SsoDirectory {
  const defaultDiscovery = installation.oidc ? oidcDiscovery(installation.oidc) : undefined;
  const discoveries = new Map<
    string,
    { version: string; get: () => Promise<oidc.Configuration> }
  >();

  /** The institution's own address on the installation's base URL (host or path prefix). */
  const siteOf = (institution: InstitutionContext) =>
    institutionBaseUrl(
      { baseUrl: installation.baseUrl, tenancy: deps.config.tenancy },
      institution,
    );

  const forInstitution = async (
    institution: InstitutionContext,
  ): Promise<InstitutionSso | undefined> => {
    const own = await findInstitutionIdp(deps.db, deps.keyring, institution.id);
    if (own) {
      const baseUrl = siteOf(institution);
      const oidcConfig = own.oidc && {
        ...own.oidc,
        allowHttp: new URL(own.oidc.issuer).protocol === 'http:', // loopback only (schemas)
      };
      let oidcConfiguration;
      if (oidcConfig) {
        const cached = discoveries.get(institution.id);
        const get = cached?.version === own.version ? cached.get : oidcDiscovery(oidcConfig);
        discoveries.set(institution.id, { version: own.version, get });
        oidcConfiguration = get;
      }
      return {
        institution,
        config: {
          baseUrl,
          oidc: oidcConfig,
          saml: own.saml && {
            ...own.saml,
            entityId: `${baseUrl}/sso/saml/metadata`,
            signing: installation.spSigning,
          },
          roleMap: own.roleMap,
          spSigning: installation.spSigning,
        },
        oidcConfiguration,
        subjectPrefix: `${institution.id}|`,
      };
    }
    if (!installation.oidc && !installation.saml) return undefined;
    if ((await firstInstitution(deps.db))?.id !== institution.id) return undefined;
    return {
      institution,
      // the IdP answers on the institution's own address (its path prefix in path mode)
      config: { ...installation, baseUrl: siteOf(institution) },
      oidcConfiguration: defaultDiscovery,
      subjectPrefix: '',
    };
  };

  return {
    forInstitution,
    async forRequest(c) {
      const institution = c.get('institution');
      return institution ? forInstitution(institution) : undefined;
    },
  };
}

/** The login page's sign-in links for a request: its institution's IdP; on the platform host, the choice of institution. */
export function ssoLinksFor(deps: Deps, directory: SsoDirectory) {
  return async (c: Context<AppEnv>): Promise<SsoLinks> => {
    const own = await directory.forRequest(c);
    return {
      oidc: Boolean(own?.config.oidc),
      saml: Boolean(own?.config.saml),
      choices: c.get('platformHost') ? await listSignInChoices(deps.db) : [],
    };
  };
}
