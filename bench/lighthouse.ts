/**
 * The public pages' weight as sent (page-weight.ts) and their Lighthouse scores on a phone
 * profile, as the browser-journey phase of CI checks them (e2e/lighthouse.e2e.test.ts): the
 * real server with demo data, Debian's Chromium.
 * Run alone with `npx tsx bench/lighthouse.ts`; `npm run bench` prints it after the engines.
 */
import { fileURLToPath } from 'node:url';
import { formatScores, lighthouseScores, type PageScores } from '../e2e/support/lighthouse.js';
import { startServer } from '../test/support/server.js';
import { formatWeights, pageWeights, type PageWeight } from './page-weight.js';

/** Lighthouse scores and page weights of the public pages, on one server with demo data. */
export async function benchLighthouse(): Promise<{ scores: PageScores[]; weights: PageWeight[] }> {
  const server = await startServer({ args: ['--demo'], embedded: true }); // its own embedded PostgreSQL, as an installation has
  try {
    return { weights: await pageWeights(server.url), scores: await lighthouseScores(server.url) };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { scores, weights } = await benchLighthouse();
  process.stdout.write(
    `Page weight (as sent):\n${formatWeights(weights)}\nLighthouse (mobile):\n${formatScores(scores)}\n`,
  );
}
