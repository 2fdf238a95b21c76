import type { MessageKey } from '../../i18n/nl.js';

/**
 * The pages search engines may index, each with its meta description: the public pages a
 * student searches for. Everything else (question pages, mailbox, staff area, setup and reset
 * links) answers with `X-Robots-Tag: noindex` and is disallowed in robots.txt.
 */
const INDEXABLE: Readonly<Record<string, MessageKey>> = {
  '/': 'meta.home',
  '/wegwijzer': 'meta.guide',
  '/melden': 'meta.intake',
};

/** The meta description of an indexable page, or undefined for a page that is not indexed. */
export function pageDescription(path: string): MessageKey | undefined {
  return Object.hasOwn(INDEXABLE, path) ? INDEXABLE[path] : undefined;
}

/** robots.txt: the indexable pages by exact path, nothing else. */
export const ROBOTS_TXT = [
  'User-agent: *',
  ...Object.keys(INDEXABLE).map((p) => `Allow: ${p}$`),
  'Allow: /assets/',
  'Allow: /favicon.ico$',
  'Disallow: /',
  '',
].join('\n');
