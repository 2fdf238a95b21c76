import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoundaries } from '../scripts/check-boundaries.js';

// The boundary rules bite: a small tree with one planted violation of each rule fails with exactly
// those (written out here by hand), and the real tree passes with its known exceptions.
const FIXTURE = path.join(import.meta.dirname, 'fixtures/boundaries');

describe('import boundaries (npm run lint:boundaries)', () => {
  it('finds each planted violation in the fixture tree', () => {
    const report = checkBoundaries(FIXTURE, []);
    expect(report.problems.sort()).toEqual([
      'domain-is-pure: src/domain/pure.ts → src/server/http/errors.ts',
      'no-feature-folder-cycles: alpha -> beta closes a cycle between feature folders',
      'no-feature-folder-cycles: beta -> alpha closes a cycle between feature folders',
      'no-foreign-queries: src/server/beta/beta.service.ts → src/server/alpha/alpha.queries.ts',
      'no-foreign-routes: src/server/beta/beta.service.ts → src/server/alpha/alpha.routes.ts',
    ]);
  });

  it('accepts a cycle listed as a known exception, and says when a known one is gone', () => {
    const report = checkBoundaries(FIXTURE, ['alpha -> beta', 'beta -> alpha', 'gamma -> alpha']);
    expect(report.problems.filter((p) => p.startsWith('no-feature-folder-cycles'))).toEqual([]);
    expect(report.stale).toEqual(['gamma -> alpha']);
  });

  it('passes on the real tree with its known exceptions', () => {
    const report = checkBoundaries();
    expect(report.problems).toEqual([]);
  });
});
