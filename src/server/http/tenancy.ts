import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Db } from '../db/create-db.js';
import type { AppEnv } from './env.js';
import { AppError } from './errors.js';
import {
  firstInstitution,
  institutionByHost,
  PLATFORM_PATHS,
  type InstitutionContext,
  type TenancyConfig,
} from '../tenancy/tenancy.js';
import { institutionStylesheet } from '../tenancy/institution-style.js';
import { pathTenantOf } from './path-prefix.js';
import { institutionBaseUrl, type SiteConfig } from '../tenancy/institution-url.js';

/**
 * THE resolution of the request's institution (issue 22, decision 035): sets
 * `c.get('institution')` (and whether this is the platform host) before any route runs.
 */
/** The Host header as stored: lower case, without a trailing dot. */
export function requestHost(c: Context<AppEnv>): string {
  return (c.req.header('host') ?? new URL(c.req.url).host).trim().toLowerCase().replace(/\.$/, '');
}

export function tenancy(db: Db, config: TenancyConfig | undefined): MiddlewareHandler<AppEnv> {
  const mode = config?.mode ?? 'single';
  return async (c, next) => {
    if (mode === 'single') {
      c.set('institution', await firstInstitution(db));
      c.set('platformHost', false);
      return next();
    }
    if (mode === 'path') {
      // The wrapper of http/path-prefix.ts resolved /<key>/…; unprefixed are the platform's paths and the list at /.
      const tenant = pathTenantOf(c);
      c.set('institution', tenant && { ...tenant.institution, ownPrefix: true });
      c.set('platformHost', !tenant);
      if (tenant || c.req.path === '/' || PLATFORM_PATHS.test(c.req.path)) return next();
      c.set('platformHost', false);
      throw new AppError('UNKNOWN_INSTITUTION');
    }
    const host = requestHost(c);
    const institution = host ? await institutionByHost(db, host) : undefined;
    if (institution) {
      c.set('institution', institution);
      c.set('platformHost', false);
      return next();
    }
    if (config?.platformHost && host === config.platformHost && PLATFORM_PATHS.test(c.req.path)) {
      c.set('institution', undefined);
      c.set('platformHost', true);
      return next();
    }
    c.set('institution', undefined);
    c.set('platformHost', false);
    throw new AppError('UNKNOWN_INSTITUTION');
  };
}

/** The address of the request's institution's site, for links that leave the request (decision 039). */
export function requestSiteUrl(c: Context<AppEnv>, config: SiteConfig): string {
  return institutionBaseUrl(config, c.get('institution'));
}

/** The request's institution; a 404 where there is none (the platform host). */
export function currentInstitution(c: Context<AppEnv>): InstitutionContext {
  const institution = c.get('institution');
  if (!institution) throw new AppError('NOT_FOUND');
  return institution;
}

/** GET /assets/institution.css (the request's institution's colours, linked with ?v=colour) */
export function institutionAssetRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/assets/institution.css', (c) =>
    c.body(institutionStylesheet(c.get('institution')?.colourPrimary ?? null), 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  );
  return app;
}
