/**
 * The way out of path mode (decision 039): every root-relative URL a response carries gets the
 * institution's prefix (`/melden` → `/uni-a/melden`). Pages are parsed into tags and attributes
 * (not searched with a pattern), and only URL-valued attributes are touched; a protocol-relative
 * `//host`, an absolute `https://…`, a relative `x` or a fragment `#main` stays as it is.
 */

/** Attributes whose value is one URL. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'cite',
  'data',
  'manifest',
  'data-endpoint', // public/webauthn.js posts to it
]);

/** A path on this origin: `/` followed by anything but a second `/` or `\` (which browsers read as `//`). */
export function isRootRelative(url: string): boolean {
  return url.startsWith('/') && url[1] !== '/' && url[1] !== '\\';
}

export function prefixUrl(url: string, prefix: string): string {
  return isRootRelative(url) ? `${prefix}${url}` : url;
}

/** `a.png 1x, /b.png 2x`: each candidate's URL. */
function prefixSrcset(value: string, prefix: string): string {
  return value
    .split(',')
    .map((candidate) =>
      candidate.replace(
        /^(\s*)(\S+)/,
        (_, space: string, url: string) => space + prefixUrl(url, prefix),
      ),
    )
    .join(',');
}

/** `0;url=/x` of a meta refresh. */
function prefixRefresh(value: string, prefix: string): string {
  return value.replace(
    /^(\s*\d*\s*[;,]\s*(?:url\s*=\s*)?['"]?)(.*)$/i,
    (_, head: string, url: string) => head + prefixUrl(url, prefix),
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
const encodeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Elements whose content is text up to their end tag (no tags inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

interface Attribute {
  name: string;
  /** The attribute as written, from its name to the end of its value. */
  start: number;
  end: number;
  value: string | undefined;
}

/** Rewrites every URL-valued attribute of an HTML document. */
export function prefixHtml(html: string, prefix: string): string {
  const out: string[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      out.push(html.slice(lt, i));
      continue;
    }
    const next = html[lt + 1] ?? '';
    if (next === '!' || next === '?' || next === '/') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      out.push(html.slice(lt, i));
      continue;
    }
    if (!/[a-z]/i.test(next)) {
      out.push('<');
      i = lt + 1;
      continue;
    }
    const tag = readTag(html, lt);
    out.push(rewriteTag(html, lt, tag, prefix));
    i = tag.end;
    if (RAW_TEXT.has(tag.name)) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
      const stop = close < 0 ? n : close;
      out.push(html.slice(i, stop));
      i = stop;
    }
  }
  return out.join('');
}

function readTag(html: string, lt: number): { name: string; end: number; attributes: Attribute[] } {
  const n = html.length;
  let j = lt + 1;
  while (j < n && !/[\s/>]/.test(html[j]!)) j++;
  const name = html.slice(lt + 1, j).toLowerCase();
  const attributes: Attribute[] = [];
  while (j < n) {
    while (j < n && /[\s/]/.test(html[j]!)) j++;
    if (j >= n || html[j] === '>') break;
    const start = j;
    while (j < n && !/[\s/>=]/.test(html[j]!)) j++;
    const attrName = html.slice(start, j).toLowerCase();
    let k = j;
    while (k < n && /\s/.test(html[k]!)) k++;
    let value: string | undefined;
    if (html[k] === '=') {
      k++;
      while (k < n && /\s/.test(html[k]!)) k++;
      const quote = html[k];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, k + 1);
        const stop = close < 0 ? n : close;
        value = html.slice(k + 1, stop);
        j = Math.min(n, stop + 1);
      } else {
        const from = k;
        while (k < n && !/[\s>]/.test(html[k]!)) k++;
        value = html.slice(from, k);
        j = k;
      }
    }
    attributes.push({ name: attrName, start, end: j, value });
  }
  return { name, end: Math.min(n, j + 1), attributes };
}

function rewriteTag(
  html: string,
  lt: number,
  tag: { name: string; end: number; attributes: Attribute[] },
  prefix: string,
): string {
  const refresh =
    tag.name === 'meta' &&
    tag.attributes.some(
      (a) => a.name === 'http-equiv' && decodeAttribute(a.value ?? '').toLowerCase() === 'refresh',
    );
  const parts: string[] = [];
  let at = lt;
  for (const a of tag.attributes) {
    if (a.value === undefined) continue;
    const decoded = decodeAttribute(a.value);
    let rewritten: string | undefined;
    if (URL_ATTRIBUTES.has(a.name)) rewritten = prefixUrl(decoded.trim(), prefix);
    else if (a.name === 'srcset') rewritten = prefixSrcset(decoded, prefix);
    else if (refresh && a.name === 'content') rewritten = prefixRefresh(decoded, prefix);
    if (rewritten === undefined || rewritten === decoded.trim() || rewritten === decoded) continue;
    parts.push(html.slice(at, a.start), `${a.name}="${encodeAttribute(rewritten)}"`);
    at = a.end;
  }
  parts.push(html.slice(at, tag.end));
  return parts.join('');
}
