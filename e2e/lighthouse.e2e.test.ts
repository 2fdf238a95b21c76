import { describe, expect, it } from 'vitest';
import { formatScores, lighthouseScores, CATEGORIES } from './support/lighthouse.js';
import { useJourney } from './support/use-journey.js';

// --demo: two teams and the faculties, so the intake's first page is the team choice it is in production.
const j = useJourney({ args: ['--demo'] });

describe('Lighthouse on a phone (issue 25)', () => {
  it('scores every public page at least 98 on performance, accessibility, best practices and SEO', async () => {
    const results = await lighthouseScores(j.server.url);
    process.stdout.write(`Lighthouse (mobile):\n${formatScores(results)}\n`);
    for (const r of results) {
      for (const c of CATEGORIES)
        expect(
          r.scores[c],
          `${r.path} ${c}; not passing: ${r.failed.join(', ')}`,
        ).toBeGreaterThanOrEqual(98);
    }
  }, 300_000);
});
