import type { Deps } from '../../src/server/bootstrap.js';

/** How often each idempotency key occurs among stored cases, with its reference and audit events. */
export async function censusByKey(deps: Deps, keys: string[]) {
  const rows = keys.length
    ? await deps.db
        .selectFrom('case')
        .leftJoin('audit_event', (j) => j.onRef('audit_event.case_id', '=', 'case.id').on('audit_event.type', '=', 'CASE_CREATED'))
        .select(['case.idempotency_key', 'case.reference', 'audit_event.id as audit_id'])
        .where('case.idempotency_key', 'in', keys)
        .execute()
    : [];
  const byKey = new Map<string, { references: string[]; auditEvents: number }>();
  for (const r of rows) {
    const entry = byKey.get(r.idempotency_key!) ?? { references: [], auditEvents: 0 };
    entry.references.push(r.reference);
    if (r.audit_id !== null) entry.auditEvents++;
    byKey.set(r.idempotency_key!, entry);
  }
  return byKey;
}
