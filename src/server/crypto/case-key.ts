import { open, ROW_BOUND, seal } from './seal.js';

/**
 * THE associated data of case content — the only place it is built (decision 034). A
 * ciphertext opens only in its own case and field; a field of one of a case's many rows
 * (attachments, consultations, advice, MDO items) is bound to its row as well, so rows cannot be
 * swapped within a case by someone who can write the database (issue 15 finding 14, version 2
 * ciphertexts). A field never contains `:row:` and a row id never contains `:`, so a case-and-field
 * string can never equal a row-bound one.
 */
export function caseAad(caseId: string, field: string, rowId?: string): string {
  if (field.includes(':row:')) throw new Error('a sealed field name may not contain ":row:"');
  if (rowId === undefined) return `case:${caseId}:${field}`;
  if (rowId === '' || rowId.includes(':')) throw new Error('a row id may not be empty or hold ":"');
  return `case:${caseId}:${field}:row:${rowId}`;
}

/** Sealing and opening bound to one case (and, for `*Row`, to one of its rows). */
export interface CaseSealer {
  seal(value: string | Buffer, field: string): Buffer;
  open(sealed: Buffer, field: string): Buffer;
  openText(sealed: Buffer, field: string): string;
  openOptional(sealed: Buffer | null, field: string): string | null;
  /** A field of one of the case's rows, sealed as version 2 (bound to the row too). */
  sealRow(value: string | Buffer, field: string, rowId: string): Buffer;
  /**
   * Opens a row's field. Version 2 ciphertexts need their row; a version 1 ciphertext written
   * before row binding opens under the case and field (the migration path: it is re-sealed in
   * its row the next time it is written). A version 2 ciphertext relabelled as version 1 does
   * not open, because its tag covers the row.
   */
  openRow(sealed: Buffer, field: string, rowId: string): Buffer;
  openRowText(sealed: Buffer, field: string, rowId: string): string;
  openRowOptional(sealed: Buffer | null, field: string, rowId: string): string | null;
}

/** A case's ids with its sealing helpers: what a feature that only seals and opens needs (cases/case-context.ts gives it). */
export interface SealedCase extends CaseSealer {
  id: string;
  teamId: string;
}

/**
 * The sealing helpers of a case under its data key. `key` may be a function, so that the key is
 * unwrapped only when something is sealed or opened (cases/case-context.ts).
 */
export function caseSealer(caseId: string, key: Buffer | (() => Buffer)): CaseSealer {
  const k = typeof key === 'function' ? key : () => key;
  const openRow = (sealed: Buffer, field: string, rowId: string) =>
    open(k(), sealed, caseAad(caseId, field, sealed[0] === ROW_BOUND ? rowId : undefined));
  return {
    seal: (value, field) => seal(k(), value, caseAad(caseId, field)),
    open: (sealed, field) => open(k(), sealed, caseAad(caseId, field)),
    openText: (sealed, field) => open(k(), sealed, caseAad(caseId, field)).toString('utf8'),
    openOptional: (sealed, field) =>
      sealed ? open(k(), sealed, caseAad(caseId, field)).toString('utf8') : null,
    sealRow: (value, field, rowId) => seal(k(), value, caseAad(caseId, field, rowId), ROW_BOUND),
    openRow,
    openRowText: (sealed, field, rowId) => openRow(sealed, field, rowId).toString('utf8'),
    openRowOptional: (sealed, field, rowId) =>
      sealed ? openRow(sealed, field, rowId).toString('utf8') : null,
  };
}
