import type { Db } from '../db/create-db.js';
import { asPlatform } from '../db/tenancy.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { categoryLabel } from '../../domain/annual-report.js';
import { vocabLabel } from '../../domain/labels.js';
import type { Lang } from '../../domain/taxonomy.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../domain/suppression.js';
import {
  NATIONAL_MIN_INSTITUTIONS,
  suppressAcross,
  type NationalCell,
} from '../../domain/national-suppression.js';
import { translator } from '../../i18n/i18n.js';
import {
  listInstitutionCounts,
  listInstitutionThresholds,
  OVERVIEW_DIMENSIONS,
  type OverviewDimension,
} from './overview.queries.js';

/**
 * The platform operator's national overview (issue 22, decision 040): for one year, each
 * institution's number of reports and the national breakdowns — counts only, after small-cell
 * suppression within each institution (its own threshold) and across institutions (a national
 * figure from fewer than three institutions, and whatever would let the total give a hidden
 * figure away). Never a case, never an institution's own breakdown.
 */
export interface OverviewColumn {
  /** False: the column could not be protected and shows nothing (its total neither). */
  published: boolean;
  rows: { key: string; label: string; cell: NationalCell }[];
  total: number | null;
}

export interface NationalOverview {
  year: number;
  /** The strictest threshold of all institutions: the smallest national figure shown. */
  threshold: number;
  minInstitutions: number;
  institutions: OverviewColumn;
  breakdowns: { dimension: OverviewDimension; column: OverviewColumn }[];
}

/** Keys every breakdown lists even at zero, so that a missing row cannot be read as "hidden". */
const FIXED_KEYS: Partial<Record<OverviewDimension, string[]>> = {
  quarter: ['q1', 'q2', 'q3', 'q4'],
  state: ['open', 'closed'],
};

export async function getNationalOverview(
  db: Db,
  request: { year: number; lang: Lang; actor: AuditActor },
): Promise<NationalOverview> {
  const { year, lang } = request;
  // The operator works across institutions: the platform context, explicitly (decision 036).
  const [institutions, counts] = await asPlatform(() =>
    Promise.all([listInstitutionThresholds(db), listInstitutionCounts(db, year)]),
  );
  const threshold = Math.max(
    DEFAULT_SUPPRESSION_THRESHOLD,
    ...institutions.map((i) => i.threshold),
  );
  const totals = new Map<string, number>();
  for (const c of counts)
    if (c.dimension === 'category')
      totals.set(c.institutionId, (totals.get(c.institutionId) ?? 0) + c.count);

  const perInstitution = suppressAcross(
    institutions.map((i) => ({
      count: totals.get(i.id) ?? 0,
      threshold: i.threshold,
      institutions: 1,
    })),
    1,
  );
  const grandTotal = [...totals.values()].reduce((a, b) => a + b, 0);
  const t = translator(lang);
  const breakdowns = OVERVIEW_DIMENSIONS.map((dimension) => {
    const byKey = new Map<string, { count: number; institutions: number }>(
      (FIXED_KEYS[dimension] ?? []).map((k) => [k, { count: 0, institutions: 0 }]),
    );
    for (const c of counts) {
      if (c.dimension !== dimension || c.count === 0) continue;
      const entry = byKey.get(c.key) ?? { count: 0, institutions: 0 };
      byKey.set(c.key, { count: entry.count + c.count, institutions: entry.institutions + 1 });
    }
    const keys = FIXED_KEYS[dimension] ?? [...byKey.keys()].sort();
    const column = suppressAcross(
      keys.map((k) => ({ ...byKey.get(k)!, threshold })),
      NATIONAL_MIN_INSTITUTIONS,
    );
    // Without the institutions' column there is no national total to protect a column against.
    const published = column.published && perInstitution.published;
    return {
      dimension,
      column: {
        published,
        rows: keys.map((key, i) => ({
          key,
          label: dimensionLabel(dimension, key, lang, t),
          cell: published ? column.cells[i]! : ({ kind: 'hidden' } as const),
        })),
        total: published ? grandTotal : null,
      },
    };
  });
  await asPlatform(() =>
    db.transaction().execute((trx) =>
      recordAudit(trx, {
        type: 'REPORT_GENERATED',
        actor: request.actor,
        detail: { format: 'national', year },
      }),
    ),
  );
  return {
    year,
    threshold,
    minInstitutions: NATIONAL_MIN_INSTITUTIONS,
    institutions: {
      published: perInstitution.published,
      rows: institutions.map((i, n) => ({
        key: i.key,
        label: i.name,
        cell: perInstitution.cells[n]!,
      })),
      total: perInstitution.published ? grandTotal : null,
    },
    breakdowns,
  };
}

function dimensionLabel(
  dimension: OverviewDimension,
  key: string,
  lang: Lang,
  t: ReturnType<typeof translator>,
): string {
  switch (dimension) {
    case 'category':
      return categoryLabel(key, lang);
    case 'reporterRole':
      return vocabLabel('role', key, lang);
    case 'via':
      return vocabLabel('via', key, lang);
    case 'channel':
      return vocabLabel('channel', key, lang);
    case 'quarter':
      return t('overview.quarter', { n: key.slice(1) });
    case 'state':
      return t(key === 'closed' ? 'overview.closed' : 'overview.open');
  }
}
