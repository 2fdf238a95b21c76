/**
 * Lighthouse scores of the public pages on a phone profile, as the browser-journey phase of CI
 * checks them (e2e/lighthouse.e2e.test.ts): the real server with demo data, Debian's Chromium.
 * Run alone with `npx tsx bench/lighthouse.ts`; `npm run bench` prints it after the engines.
 */
import { fileURLToPath } from 'node:url';
import { formatScores, lighthouseScores, type PageScores } from '../e2e/support/lighthouse.js';
import { startServer } from '../test/support/server.js';

export async function benchLighthouse(): Promise<PageScores[]> {
  const server = await startServer({ args: ['--demo'] });
  try {
    return await lighthouseScores(server.url);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`Lighthouse (mobile):\n${formatScores(await benchLighthouse())}\n`);
}
