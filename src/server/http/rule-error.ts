import type { MessageKey } from '../../i18n/i18n.js';

/**
 * The one rule error: a request that a rule of the case refuses (a status change outside the
 * machine, an adviser who may not be assigned, names left in an anonymised text). The route shows
 * its message beside the form field it concerns and answers 422; it is not an AppError because
 * nothing failed — the person can correct the input.
 */
export class RuleError extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: MessageKey,
    /** A value the message names (the escalation ladder's blocking rung). */
    readonly detail?: string,
  ) {
    super(messageKey);
    this.name = 'RuleError';
  }
}
