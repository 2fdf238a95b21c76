import { Hono, type Context } from 'hono';
import type { AppEnv } from './env.js';
import { compress } from 'hono/compress';
import type { Db } from '../db/create-db.js';
import { institutionByKey, type InstitutionContext } from '../tenancy/tenancy.js';
import { isRootRelative, prefixHtml, prefixUrl } from './url-rewrite.js';

/**
 * Path mode (MELDPUNT_TENANCY=path, decision 039): `/uni-a/melden` is the page `/melden` of the
 * institution with key `uni-a`. The application itself knows nothing of prefixes: this wrapper
 * strips the prefix on the way in, hands the institution to the tenancy middleware through the
 * request's bindings (which no client can set), and on the way out puts the prefix back on every
 * root-relative URL (HTML attributes, Location, Set-Cookie Path, a JSON `redirect`). Unprefixed
 * paths reach the application as they are: the platform operator's pages, the shared assets and
 * the list of institutions (http/tenancy.ts decides what answers there).
 */
export interface PathTenant {
  institution: InstitutionContext;
  /** `/uni-a` */
  prefix: string;
}

/** The bindings key the wrapper puts the path's institution under. */
const BINDING = 'meldpuntPathTenant';

export function pathTenantOf(c: Context): PathTenant | undefined {
  const env = c.env as Record<string, unknown> | undefined;
  return env?.[BINDING] as PathTenant | undefined;
}

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

export function pathPrefixApp(db: Db, inner: { fetch: Fetch }, secure: boolean): Hono<AppEnv> {
  // AppEnv so that it stands where the application stands (tests, main.ts); it sets none of its variables itself.
  const outer = new Hono<AppEnv>();
  outer.use(compress()); // the inner application is asked for plain bodies, so that they can be rewritten
  outer.all('*', async (c) => {
    const url = new URL(c.req.url);
    const first = url.pathname.split('/')[1] ?? '';
    const institution = first ? await institutionByKey(db, decodeSegment(first)) : undefined;
    const headers = new Headers(c.req.raw.headers);
    headers.delete('accept-encoding');
    if (!institution) {
      const request = new Request(c.req.raw, { headers });
      return inner.fetch(request, c.env);
    }
    const prefix = `/${first}`;
    if (url.pathname === prefix) return c.redirect(`${prefix}/${url.search}`, 308);
    const innerUrl = new URL(url.pathname.slice(prefix.length) + url.search, url.origin);
    const cookie = headers.get('cookie');
    if (cookie !== null) headers.set('cookie', inboundCookies(cookie, secure));
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const request = new Request(innerUrl, {
      method: c.req.method,
      headers,
      body: hasBody ? c.req.raw.body : undefined,
      signal: c.req.raw.signal,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
    const env = { ...(c.env as object | undefined), [BINDING]: { institution, prefix } };
    const response = await inner.fetch(request, env);
    return prefixResponse(response, prefix, url.origin, secure);
  });
  return outer;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Under a prefix, cookies are scoped to it (Path=/uni-a). Over https the application's
 * `__Host-` cookies must have Path=/, so the prefix's own are `__Secure-`: the way in renames them
 * back and drops the platform's `__Host-` ones, so that nothing of another path is read.
 */
export function inboundCookies(header: string, secure: boolean): string {
  if (!secure) return header;
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair && !pair.startsWith('__Host-'))
    .map((pair) =>
      pair.startsWith('__Secure-') ? `__Host-${pair.slice('__Secure-'.length)}` : pair,
    )
    .join('; ');
}

export function outboundCookie(setCookie: string, prefix: string, secure: boolean): string {
  const [pair = '', ...attributes] = setCookie.split(';');
  const name =
    secure && pair.startsWith('__Host-') ? `__Secure-${pair.slice('__Host-'.length)}` : pair;
  const rest = attributes.map((a) => {
    const m = /^\s*path\s*=\s*(.*)$/i.exec(a);
    if (!m) return a;
    const path = m[1]!.trim();
    return ` Path=${path === '/' ? prefix : prefixUrl(path, prefix)}`;
  });
  return [name, ...rest].join(';');
}

/** A Location on this origin, root-relative or absolute, gets the prefix. */
export function prefixLocation(location: string, prefix: string, origin: string): string {
  if (isRootRelative(location)) return prefix + location;
  try {
    const url = new URL(location);
    if (url.origin === origin && !url.pathname.startsWith(`${prefix}/`) && url.pathname !== prefix)
      return `${origin}${prefix}${url.pathname}${url.search}${url.hash}`;
  } catch {
    // not an absolute URL: relative to the page, which already carries the prefix
  }
  return location;
}

async function prefixResponse(
  response: Response,
  prefix: string,
  origin: string,
  secure: boolean,
): Promise<Response> {
  const headers = new Headers(response.headers);
  const location = headers.get('location');
  if (location !== null) headers.set('location', prefixLocation(location, prefix, origin));
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) {
    headers.delete('set-cookie');
    for (const cookie of cookies)
      headers.append('set-cookie', outboundCookie(cookie, prefix, secure));
  }
  const type = headers.get('content-type') ?? '';
  const init = { status: response.status, statusText: response.statusText, headers };
  if (response.body === null || headers.has('content-encoding'))
    return new Response(response.body, init);
  if (type.startsWith('text/html')) {
    headers.delete('content-length');
    return new Response(prefixHtml(await response.text(), prefix), init);
  }
  if (type.startsWith('application/json')) {
    const text = await response.text();
    headers.delete('content-length');
    return new Response(prefixJsonRedirect(text, prefix), init);
  }
  return new Response(response.body, init);
}

/** `{"redirect": "/cases"}` (public/webauthn.js follows it) gets the prefix; nothing else in JSON is a link of ours. */
function prefixJsonRedirect(text: string, prefix: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const redirect = (body as Record<string, unknown>).redirect;
    if (typeof redirect === 'string' && isRootRelative(redirect))
      return JSON.stringify({ ...body, redirect: prefix + redirect });
  }
  return text;
}
