/**
 * What a phone downloads for each public page: the HTML and every stylesheet and script it
 * links, as sent (gzip), against the stylesheet budget of issue 18 (20 KiB compressed).
 * `npm run bench` prints it beside the Lighthouse scores (same server).
 */
import http from 'node:http';

export const STYLESHEET_BUDGET_BYTES = 20 * 1024;
export const WEIGHED_PAGES = ['/', '/wegwijzer', '/melden', '/postbus', '/login'];

export interface PageWeight {
  path: string;
  htmlBytes: number;
  cssBytes: number;
  jsBytes: number;
}

/** The body as it travels: compressed bytes, not the decoded length. */
function wireBytes(url: string): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            bytes: Buffer.concat(chunks).length,
            body: Buffer.concat(chunks).toString('latin1'),
          }),
        );
      })
      .on('error', reject);
  });
}

async function plainBody(url: string): Promise<string> {
  return (await fetch(url)).text();
}

export async function pageWeights(
  baseUrl: string,
  paths: string[] = WEIGHED_PAGES,
): Promise<PageWeight[]> {
  const results: PageWeight[] = [];
  for (const path of paths) {
    const html = await plainBody(`${baseUrl}${path}`);
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    const js = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    const sum = async (urls: string[]) =>
      (await Promise.all(urls.map((u) => wireBytes(`${baseUrl}${u}`)))).reduce(
        (n, r) => n + r.bytes,
        0,
      );
    results.push({
      path,
      htmlBytes: (await wireBytes(`${baseUrl}${path}`)).bytes,
      cssBytes: await sum(css),
      jsBytes: await sum(js),
    });
  }
  return results;
}

export function formatWeights(weights: PageWeight[]): string {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = weights.map(
    (w) =>
      `${w.path.padEnd(12)} html ${kib(w.htmlBytes).padStart(9)}  css ${kib(w.cssBytes).padStart(9)}  js ${kib(w.jsBytes).padStart(8)}  total ${kib(w.htmlBytes + w.cssBytes + w.jsBytes)}`,
  );
  const css = Math.max(...weights.map((w) => w.cssBytes));
  rows.push(
    `stylesheets ${kib(css)} compressed against a budget of ${kib(STYLESHEET_BUDGET_BYTES)}: ${css <= STYLESHEET_BUDGET_BYTES ? 'within' : 'OVER'}`,
  );
  return rows.join('\n');
}
