import { describe, expect, it } from 'vitest';
import { buildAnnualReport, percentOf, type GroupedCount } from './annual-report.js';
import { deriveRelation } from './taxonomy.js';

const g = (
  year: number,
  dimension: GroupedCount['dimension'],
  key: string | null,
  count: number,
  key2: string | null = null,
): GroupedCount => ({
  year,
  dimension,
  key,
  key2,
  count,
});

function build(counts: GroupedCount[], lang: 'nl' | 'en' = 'nl') {
  return buildAnnualReport({
    team: 'students',
    year: 2025,
    lang,
    counts,
    orgUnits: [{ key: 'LAW', labelNl: 'Rechten', labelEn: 'Law' }],
    partnerCounts: [
      { service: 'study_adviser', category: null, count: 42 },
      { service: 'psychologist', category: null, count: 28 },
    ],
  });
}

describe('percentOf', () => {
  it('rounds half up in exact arithmetic', () => {
    expect(percentOf(1, 8)).toBe(13); // 12.5
    expect(percentOf(13, 104)).toBe(13); // 12.5
    expect(percentOf(25, 104)).toBe(24); // 24.04
    expect(percentOf(1, 200)).toBe(1); // 0.5
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(104, 104)).toBe(100);
  });
  it('is 0 when the total is 0', () => {
    expect(percentOf(0, 0)).toBe(0);
  });
});

describe('buildAnnualReport', () => {
  const counts = [
    g(2025, 'total', null, 8),
    g(2024, 'total', null, 4),
    g(2025, 'category', 'bullying', 3),
    g(2025, 'category', 'sexual_violence', 3),
    g(2025, 'category', 'other', 2),
    g(2024, 'category', 'stalking', 4),
    g(2025, 'category', 'threat', 0),
    g(2025, 'subtype', 'sexual_violence', 2, 'physical'),
    g(2025, 'subtype', 'sexual_violence', 1, null),
    g(2025, 'orgUnit', null, 5),
    g(2025, 'orgUnit', 'LAW', 3),
    g(2025, 'followUp', null, 6),
    g(2025, 'followUp', 'advice', 2),
    g(2025, 'relation', 'staff', 3, 'student'),
    g(2025, 'relation', 'student', 2, 'phd'),
    g(2025, 'relation', 'external', 2, 'external'),
    g(2025, 'relation', 'student', 1, 'unknown'),
    g(2023, 'category', 'bullying', 99),
  ];

  it('computes shares of each year against its own total and sorts by count, then key', () => {
    const r = build(counts);
    expect(r).toMatchObject({
      team: 'students',
      year: 2025,
      total: 8,
      previousYear: 2024,
      previousTotal: 4,
    });
    expect(
      r.byCategory.map((e) => [e.key, e.count, e.percent, e.previousCount, e.previousPercent]),
    ).toEqual([
      ['bullying', 3, 38, 0, 0],
      ['sexual_violence', 3, 38, 0, 0],
      ['other', 2, 25, 0, 0],
      ['stalking', 0, 0, 4, 100],
    ]);
  });

  it('lists subtypes with counts, leaving out cases without a subtype', () => {
    expect(build(counts).byCategory[1]!.subtypes).toEqual([
      { key: 'physical', label: 'Fysiek', count: 2 },
    ]);
  });

  it('keys an empty org unit as undefined and an empty follow-up as open', () => {
    const r = build(counts);
    expect(r.byOrgUnit.map((e) => [e.key, e.label])).toEqual([
      ['undefined', 'Ongedefinieerd'],
      ['LAW', 'Rechten'],
    ]);
    expect(r.byFollowUp.map((e) => [e.key, e.label, e.count])).toEqual([
      ['open', 'Nog open', 6],
      ['advice', 'Advies', 2],
    ]);
  });

  it('derives relations from the two roles and sums them', () => {
    expect(build(counts).byRelation.map((e) => [e.key, e.count])).toEqual([
      ['student_staff', 5],
      ['unknown', 3],
    ]);
  });

  it('gives English labels with lang en', () => {
    const r = build(counts, 'en');
    expect(r.byCategory[0]!.label).toBe('Bullying');
    expect(r.byOrgUnit.map((e) => e.label)).toEqual(['Undefined', 'Law']);
    expect(r.byFollowUp[0]!.label).toBe('Still open');
  });

  it('reports partner counts apart, sorted by service', () => {
    const r = build(counts);
    expect(r.partnerCounts.map((p) => p.service)).toEqual(['psychologist', 'study_adviser']);
    expect(r.total).toBe(8);
  });

  it('gives zeros and empty lists for a year without cases', () => {
    const r = build([]);
    expect(r.total).toBe(0);
    expect(r.byCategory).toEqual([]);
  });
});

describe('deriveRelation', () => {
  it.each([
    ['student', 'student', 'student_student'],
    ['student', 'staff', 'student_staff'],
    ['staff', 'student', 'student_staff'],
    ['phd', 'student', 'student_staff'],
    ['student', 'external', 'student_external'],
    ['external', 'student', 'student_external'],
    ['staff', 'phd', 'staff_staff'],
    ['external', 'phd', 'staff_external'],
    ['external', 'external', 'unknown'],
    ['unknown', 'student', 'unknown'],
    ['staff', 'unknown', 'unknown'],
  ] as const)('%s reporting %s is %s', (reporter, accused, relation) => {
    expect(deriveRelation(reporter, accused)).toBe(relation);
  });
});
