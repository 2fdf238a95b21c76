import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCases } from '../../src/server/imports/case-import.service.js';
import { ImportError } from '../../src/server/imports/csv-table.js';
import { createTestDeps } from '../support/test-deps.js';
import { nastyString } from './fuzz-inputs.js';

/**
 * FUZZ_RUNS (default 10,000) generated CSV files at the case import: each is imported whole
 * or rejected with an ImportError and leaves nothing behind — no other error, no partial import.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

type Deps = Awaited<ReturnType<typeof createTestDeps>>;
let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps?.dispose());

const VALID: Record<string, string> = {
  reference: '',
  received_on: '2025-03-14',
  channel: 'email',
  via: 'self',
  reporter_role: 'student',
  reporter_gender: 'female',
  org_unit: 'LAW',
  category: 'sexual_violence',
  subtype: 'physical',
  location: 'online',
  accused_role: 'staff',
  follow_up: 'advice',
  closed_on: '2025-04-01',
  anonymous: 'false',
  summary: 'Een samenvatting, met "quotes".',
};
const COLUMNS = Object.keys(VALID);
/** Values that are valid in some column and not in others, or only nearly valid. */
const LIKELY = [
  '',
  '2024-02-29',
  '2024-02-30',
  '2025-13-01',
  '2025-01-01',
  'R-1',
  'R-1',
  'true',
  'TRUE',
  'phd',
  'unknown',
  'verbal_online',
  'other',
  'phone',
  'citizen',
  'non_binary',
  'campus',
  'open',
  'new_unit',
  'ÉÜ',
  ' LAW ',
];

const field = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

const csvFile = fc
  .record({
    header: fc.oneof(
      { weight: 8, arbitrary: fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length }) },
      { weight: 1, arbitrary: fc.shuffledSubarray(COLUMNS) },
      {
        weight: 1,
        arbitrary: fc.array(fc.oneof(fc.constantFrom(...COLUMNS), fc.string({ maxLength: 10 })), {
          maxLength: 17,
        }),
      },
    ),
    rows: fc.array(
      fc.oneof(
        { weight: 2, arbitrary: fc.constant<Record<string, string>>({}) },
        {
          weight: 2,
          arbitrary: fc.dictionary(
            fc.constantFrom(...COLUMNS),
            fc.oneof(nastyString, fc.constantFrom(...LIKELY)),
            { maxKeys: 3 },
          ),
        },
      ),
      { maxLength: 6 },
    ),
    lineEnd: fc.constantFrom('\r\n', '\n', '\r'),
    bom: fc.boolean(),
    raw: fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    ),
  })
  .map(({ header, rows, lineEnd, bom, raw }) => {
    // The import reads files as UTF-8 (readFileSync), so a lone surrogate cannot reach it: round-trip like a file.
    if (raw !== undefined) return Buffer.from(raw, 'utf8').toString('utf8');
    const lines = [
      header.map(field).join(','),
      ...rows.map((mut) => header.map((c) => field(mut[c] ?? VALID[c] ?? '')).join(',')),
    ];
    return Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join(lineEnd)}${lineEnd}`, 'utf8').toString(
      'utf8',
    );
  });

async function snapshot() {
  const { rows } = await sql<{
    cases: number;
    keys: number;
    units: number;
    events: number;
    counter: number;
  }>`
    SELECT (SELECT count(*) FROM "case")::int AS cases, (SELECT count(*) FROM case_key)::int AS keys,
      (SELECT count(*) FROM org_unit)::int AS units, (SELECT count(*) FROM audit_event)::int AS events,
      (SELECT sum(case_counter) FROM team)::int AS counter`.execute(deps.db);
  return rows[0]!;
}

describe('fuzzing the case import', () => {
  it(`imports ${RUNS} generated CSV files all or nothing, failing only with an ImportError`, async () => {
    let imported = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(csvFile, async (text) => {
        const before = await snapshot();
        try {
          const result = await importCases(deps.db, deps.keyring, { text });
          const after = await snapshot();
          expect(after.cases).toBe(before.cases + result.imported);
          expect(after.events).toBe(before.events + 1);
          imported++;
        } catch (err) {
          if (!(err instanceof ImportError)) throw err;
          expect(err.message.length).toBeGreaterThan(0);
          const after = await snapshot();
          expect({ ...after, counter: 0 }).toEqual({ ...before, counter: 0 });
          rejected++;
        }
      }),
      { numRuns: RUNS },
    );
    if (process.env.FUZZ_VERBOSE) console.log({ imported, rejected });
    expect(imported + rejected).toBe(RUNS);
    expect(imported).toBeGreaterThan(RUNS / 50); // the generator does reach the writing path
  });
});
