import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkI18n } from '../scripts/check-i18n.js';

// The catalogue check bites: a small tree (test/fixtures/i18n) with planted faults fails with
// exactly those, written out here by hand; the real tree passes.
const FIXTURE = path.join(import.meta.dirname, 'fixtures/i18n');

describe('message catalogues (npm run lint:i18n)', () => {
  it('finds keys missing in en, missing keys, unlisted dynamic keys and unused keys', () => {
    const nl = {
      'page.title': 'Titel',
      'page.level.low': 'Laag',
      'page.unused': 'Nergens',
      'page.onlyDutch': 'Alleen Nederlands',
    };
    const en = { 'page.title': 'Title', 'page.level.low': 'Low', 'page.unused': 'Nowhere' };
    const report = checkI18n(
      FIXTURE,
      { nl, en },
      { 'page.level.': ['page.level.'], 'old.': ['old.'] },
    );
    expect(report.problems.sort()).toEqual(
      [
        'missing in en.ts: page.onlyDutch',
        'missing key page.gone (src/server/page.tsx)',
        'missing key page.alsoGone (src/server/page.tsx)',
        'dynamic key `page.kind.${…}` is not in DYNAMIC_PREFIXES (scripts/check-i18n.ts)',
        'DYNAMIC_PREFIXES lists old., which no template in src/ builds any more',
        'unused key page.unused',
        'unused key page.onlyDutch',
      ].sort(),
    );
    expect(report.unused).toEqual(['page.unused', 'page.onlyDutch']);
  });

  it('passes on the real catalogues', () => {
    expect(checkI18n().problems).toEqual([]);
  });
});
