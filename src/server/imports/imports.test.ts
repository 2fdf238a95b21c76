import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../test/support/test-deps.js';
import { CASE_HEADER } from '../../../test/support/annual-fixture.js';
import { openText, unwrapDataKey } from '../crypto/seal.js';
import { importCases } from './case-import.service.js';
import { importPartnerCounts } from './partner-count-import.js';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps?.dispose());

const header = CASE_HEADER.join(',');
const good = (ref = '', extra: Partial<Record<string, string>> = {}) => {
  const row: Record<string, string> = {
    reference: ref,
    received_on: '2025-03-04',
    channel: 'email',
    via: 'self',
    reporter_role: 'student',
    reporter_gender: 'female',
    org_unit: 'LAW',
    category: 'sexual_violence',
    subtype: 'physical',
    location: '',
    accused_role: 'staff',
    follow_up: 'advice',
    closed_on: '2025-03-10',
    anonymous: '',
    summary: '',
    ...extra,
  };
  return CASE_HEADER.map((c) => row[c]).join(',');
};
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const countCases = async () =>
  (
    await deps.db
      .selectFrom('case')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const importText = (text: string) => importCases(deps.db, deps.keyring, { text });

describe('import cases: refused files write nothing', () => {
  it.each([
    [
      'a bad date',
      csv(header, good('A1'), good('A2', { received_on: '2025-02-30' })),
      /^row 2 \(line 3\): received_on: "2025-02-30" is not a date YYYY-MM-DD$/,
    ],
    [
      'an unknown category',
      csv(header, good(), good(), good('', { category: 'gossip', subtype: '' })),
      /^row 3 \(line 4\): category: unknown category "gossip"$/,
    ],
    [
      'a missing column',
      csv(header.replace(',channel', ''), good().replace(',email', '')),
      /^missing required column: channel$/,
    ],
    [
      'a subtype of another category',
      csv(header, good('', { subtype: 'online_hate' })),
      /^row 1 \(line 2\): subtype: "online_hate" is not a subtype of sexual_violence$/,
    ],
    [
      'closed before received',
      csv(header, good('', { closed_on: '2025-03-01' })),
      /^row 1 \(line 2\): closed_on: 2025-03-01 is before received_on 2025-03-04$/,
    ],
    [
      'an empty required value',
      csv(header, good('', { via: '' })),
      /^row 1 \(line 2\): via: is required$/,
    ],
    [
      'a bad anonymous flag',
      csv(header, good('', { anonymous: 'yes' })),
      /^row 1 \(line 2\): anonymous: expected true or false$/,
    ],
    [
      'a reference twice in the file',
      csv(header, good('X'), good('Y'), good('X')),
      /^row 3 \(line 4\): reference "X" is used twice in the file \(also row 1\)$/,
    ],
    [
      'a control character in a reference',
      csv(header, good('A\u0000B')),
      /^row 1 \(line 2\): reference: must not contain control characters$/,
    ],
    ['an unknown column', csv(`${header},colour`, `${good()},red`), /^unknown column "colour"/],
    [
      'a row with too many fields',
      csv(header, `${good()},extra`),
      /^row 1 \(line 2\): expected 15 fields, found 16$/,
    ],
    ['an unclosed quote', csv(header, good(), `"${good()}`), /^not valid CSV at line 3/],
  ])('refuses %s', async (_what, text, message) => {
    await expect(importText(text)).rejects.toThrow(message);
    expect(await countCases()).toBe(0);
  });
});

describe('import cases', () => {
  it('imports a file with a byte-order mark, quoted fields, generated references and new org units', async () => {
    const text = `\ufeff${csv(header, good('R-1', { summary: '"Vertrouwelijk, met komma\nen regel"', anonymous: 'true' }), good('', { org_unit: 'NEW', follow_up: '', closed_on: '' }), good('', { org_unit: '' }))}`;
    expect(await importText(text)).toEqual({ imported: 3, orgUnitsCreated: 2 });
    const rows = await deps.db.selectFrom('case').selectAll().orderBy('reference').execute();
    expect(
      rows.map((r) => [r.reference, r.source, r.org_unit_key, r.status, r.is_anonymous]),
    ).toEqual([
      ['I2025-0001', 'import', 'NEW', 'received', false],
      ['I2025-0002', 'import', null, 'closed', false],
      ['R-1', 'import', 'LAW', 'closed', true],
    ]);
    const sealed = rows[2]!;
    const key = await deps.db
      .selectFrom('case_key')
      .selectAll()
      .where('case_id', '=', sealed.id)
      .executeTakeFirstOrThrow();
    const dataKey = unwrapDataKey(deps.keyring, sealed.id, key.master_key_id, key.wrapped_key);
    expect(openText(dataKey, sealed.summary!, `case:${sealed.id}:summary`)).toBe(
      'Vertrouwelijk, met komma\nen regel',
    );
    // Cases without a summary get a data key too, so staff can add notes and files later.
    const keyed = await deps.db
      .selectFrom('case_key')
      .select('case_id')
      .where(
        'case_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(keyed).toHaveLength(rows.length);
    const units = await deps.db
      .selectFrom('org_unit')
      .select(['key', 'label_nl', 'label_en'])
      .orderBy('key')
      .execute();
    expect(units).toEqual([
      { key: 'LAW', label_nl: 'LAW', label_en: 'LAW' },
      { key: 'NEW', label_nl: 'NEW', label_en: 'NEW' },
    ]);
    const audit = await deps.db
      .selectFrom('audit_event')
      .select('detail')
      .where('type', '=', 'CASES_IMPORTED')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toEqual({ count: 3, withSummary: 1, orgUnitsCreated: 2 });
  });

  it('refuses a reference the team already has, naming the row', async () => {
    await expect(importText(csv(header, good('NEW-1'), good('R-1')))).rejects.toThrow(
      /^row 2 \(line 3\): reference "R-1" already exists in team students$/,
    );
    expect(await countCases()).toBe(3);
  });

  it('refuses an unknown team', async () => {
    await expect(
      importCases(deps.db, deps.keyring, { text: csv(header, good()), teamKey: 'nope' }),
    ).rejects.toThrow('unknown team: nope');
  });
});

describe('import partner counts', () => {
  const counts = async () =>
    deps.db
      .selectFrom('partner_count')
      .select(['year', 'service', 'category', 'count'])
      .orderBy('service')
      .orderBy('category')
      .execute();

  it('inserts, then replaces counts of the same year, service and category', async () => {
    await importPartnerCounts(deps.db, {
      text: 'year,service,category,count\n2025,study_adviser,,42\n2025,psychologist,,28\n2025,study_adviser,bullying,3\n',
    });
    await importPartnerCounts(deps.db, {
      text: 'year,service,category,count\n2025,study_adviser,,40\n',
    });
    expect(await counts()).toEqual([
      { year: 2025, service: 'psychologist', category: null, count: 28 },
      { year: 2025, service: 'study_adviser', category: 'bullying', count: 3 },
      { year: 2025, service: 'study_adviser', category: null, count: 40 },
    ]);
  });

  it.each([
    [
      'a negative count',
      '2025,study_adviser,,-1',
      /^row 2 \(line 3\): count: expected a whole number ≥ 0$/,
    ],
    [
      'an unknown category',
      '2025,study_adviser,gossip,1',
      /^row 2 \(line 3\): category: unknown category "gossip"$/,
    ],
    ['a bad year', 'twenty,study_adviser,,1', /^row 2 \(line 3\): year: expected a year$/],
  ])('refuses %s', async (_what, line, message) => {
    const text = `year,service,category,count\n2025,psychologist,,99\n${line}\n`;
    await expect(importPartnerCounts(deps.db, { text })).rejects.toThrow(message);
    expect((await counts()).find((c) => c.service === 'psychologist')!.count).toBe(28);
  });
});
