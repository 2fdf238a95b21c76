import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PageScores {
  path: string;
  /** Whole numbers 0–100, as Lighthouse shows them. */
  scores: Record<Category, number>;
  /** The audits that did not pass in full, per category, for a failing score's message. */
  failed: string[];
}

/**
 * The public pages as Lighthouse sees them on a phone (its default mobile profile: a mid-range
 * phone on a slow 4G connection, simulated). Search engines are kept out of pages that are not
 * indexable by design (http/indexing.ts), so for those the "page is blocked from indexing"
 * audit is left out of the SEO score; every other audit counts.
 */
export const LIGHTHOUSE_PAGES = [
  { path: '/', indexable: true },
  { path: '/wegwijzer', indexable: true },
  { path: '/melden', indexable: true },
  { path: '/wegwijzer/advies?need=listen&who=student', indexable: false },
  { path: '/postbus', indexable: false },
] as const;

/** Runs Lighthouse in Debian's Chromium over each page of `baseUrl`, one after another. */
export async function lighthouseScores(
  baseUrl: string,
  pages: readonly { path: string; indexable: boolean }[] = LIGHTHOUSE_PAGES,
): Promise<PageScores[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const results: PageScores[] = [];
    for (const page of pages) {
      const lhr = await auditPage(chrome.port, `${baseUrl}${page.path}`, page.indexable);
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
      ) as Record<Category, number>;
      const failed = CATEGORIES.flatMap((c) =>
        (lhr.categories[c]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
          .map(
            (ref) =>
              `${c}: ${ref.id} (${lhr.audits[ref.id]?.displayValue ?? lhr.audits[ref.id]?.score})`,
          ),
      );
      results.push({ path: page.path, scores, failed });
    }
    return results;
  } finally {
    chrome.kill();
  }
}

/**
 * One Lighthouse run. A run that Chromium's trace spoiled (NO_NAVSTART and the like: a runtime
 * error, seen here on a loaded machine) is repeated, at most twice; a low score never is.
 */
async function auditPage(port: number, url: string, indexable: boolean) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      skipAudits: indexable ? [] : ['is-crawlable'],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!result.lhr.runtimeError) return result.lhr;
    if (attempt === 3)
      throw new Error(`Lighthouse could not load ${url}: ${result.lhr.runtimeError.message}`);
  }
}

/** One line per page: the four scores, as CI and the bench print them. */
export function formatScores(results: PageScores[]): string {
  return results
    .map((r) => `${r.path.padEnd(44)} ${CATEGORIES.map((c) => `${c} ${r.scores[c]}`).join('  ')}`)
    .join('\n');
}
