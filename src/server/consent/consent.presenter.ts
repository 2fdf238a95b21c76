import type { Keyring } from '../crypto/keyring.js';
import type { CaseSealer } from '../crypto/case-key.js';
import type { listGrantRows, listOverrideRows } from './consent.queries.js';

type GrantRow = Awaited<ReturnType<typeof listGrantRows>>[number];
type OverrideRow = Awaited<ReturnType<typeof listOverrideRows>>[number];

/** The ledger as staff see it (notes decrypted) — and, without notes or names, as the reporter sees it. */
export function presentGrant(r: GrantRow, sealer?: CaseSealer) {
  return {
    id: r.id,
    info: r.info,
    recipientKind: r.recipient_kind,
    recipient: r.recipient,
    purpose: r.purpose,
    obtainedVia: r.obtained_via,
    grantedAt: r.granted_at,
    recordedByName: sealer ? r.recorded_by_name : null,
    note: sealer ? sealer.openOptional(r.note, 'consent-note') : null,
    withdrawnAt: r.withdrawn_at,
    withdrawnVia: r.withdrawn_via,
    shares: [] as { sharedOn: string; recipient: string }[],
  };
}
export type ConsentEntry = ReturnType<typeof presentGrant>;

export function presentOverride(r: OverrideRow, sealer: CaseSealer) {
  return {
    id: r.id,
    info: r.info,
    recipientKind: r.recipient_kind,
    recipient: r.recipient,
    purpose: r.purpose,
    reason: sealer.openText(r.reason, 'override-reason'),
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
    expiresAt: r.expires_at,
  };
}
export type OverrideEntry = ReturnType<typeof presentOverride>;

export type { Keyring };
