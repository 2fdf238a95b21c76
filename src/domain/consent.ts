/**
 * Consent rules (pure). A share names what information goes to whom for what purpose; it is
 * allowed only when a consent in the ledger covers exactly that, or an acute-risk override
 * recorded for exactly that share is still in force.
 */
export const CONSENT_INFO = [
  'reporter_identity',
  'accused_identity',
  'case_content',
  'case_documents',
  'anonymised_summary',
] as const;
export type ConsentInfo = (typeof CONSENT_INFO)[number];

export const CONSENT_PURPOSES = [
  'referral',
  'expert_consultation',
  'escalation',
  'export',
  'identity_reveal',
  'police_report',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const RECIPIENT_KINDS = ['role', 'person', 'partner'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const OBTAINED_VIA = ['conversation', 'mailbox', 'email', 'phone', 'in_writing'] as const;
export type ObtainedVia = (typeof OBTAINED_VIA)[number];

/** Who receives: a role (`board`), a person (a staff user id) or an outside partner (`police`). */
export interface Recipient {
  kind: RecipientKind;
  value: string;
}

export interface ShareRequest {
  info: ConsentInfo;
  recipient: Recipient;
  purpose: ConsentPurpose;
}

export interface LedgerEntry {
  info: string;
  recipientKind: string;
  recipient: string;
  purpose: string;
  withdrawnAt: Date | null;
}

export interface OverrideEntry extends Omit<LedgerEntry, 'withdrawnAt'> {
  expiresAt: Date;
}

function sameShare(e: Omit<LedgerEntry, 'withdrawnAt'>, r: ShareRequest): boolean {
  return (
    e.info === r.info &&
    e.recipientKind === r.recipient.kind &&
    e.recipient === r.recipient.value &&
    e.purpose === r.purpose
  );
}

/** A consent that is not withdrawn and names exactly this information, recipient and purpose. */
export function isCoveredByConsent(ledger: readonly LedgerEntry[], request: ShareRequest): boolean {
  return ledger.some((e) => e.withdrawnAt === null && sameShare(e, request));
}

export function isCoveredByOverride(
  overrides: readonly OverrideEntry[],
  request: ShareRequest,
  now: Date,
): boolean {
  return overrides.some((o) => o.expiresAt.getTime() > now.getTime() && sameShare(o, request));
}

/** How long an acute-risk override covers the share it names. */
export const OVERRIDE_HOURS = 24;
