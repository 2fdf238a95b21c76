import type { Deps } from '../../src/server/bootstrap.js';
import { browserKeyFor } from '../../src/server/http/csrf.js';
import { intakeKeyHash } from '../../src/server/intake/receipt.js';
import type { IntakeSession } from './intake-client.js';

/**
 * How often each idempotency key (sent from one browser session) occurs among stored cases, with
 * its reference and audit events. The case keeps only a keyed hash of key and browser (decision 022).
 */
export async function censusByKey(deps: Deps, session: IntakeSession, keys: string[]) {
  const seed = /(?:^|; )mp_csrf=([^;]+)/.exec(session.cookie)?.[1] ?? '';
  const browserKey = browserKeyFor(deps.keyring, seed);
  const keyOf = new Map(
    keys.map((k) => [intakeKeyHash(deps.keyring, browserKey, k).toString('hex'), k]),
  );
  const rows = keys.length
    ? await deps.db
        .selectFrom('case')
        .leftJoin('audit_event', (j) =>
          j
            .onRef('audit_event.case_id', '=', 'case.id')
            .on('audit_event.type', '=', 'CASE_CREATED'),
        )
        .select(['case.intake_key_hash', 'case.reference', 'audit_event.id as audit_id'])
        .where(
          'case.intake_key_hash',
          'in',
          keys.map((k) => intakeKeyHash(deps.keyring, browserKey, k)),
        )
        .execute()
    : [];
  const byKey = new Map<string, { references: string[]; auditEvents: number }>();
  for (const r of rows) {
    const key = keyOf.get(r.intake_key_hash!.toString('hex'))!;
    const entry = byKey.get(key) ?? { references: [], auditEvents: 0 };
    entry.references.push(r.reference);
    if (r.audit_id !== null) entry.auditEvents++;
    byKey.set(key, entry);
  }
  return byKey;
}
