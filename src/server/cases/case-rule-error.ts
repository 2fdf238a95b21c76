import type { MessageKey } from '../../i18n/i18n.js';

/**
 * A request that the case's rules refuse (a status change outside the machine, an adviser who
 * may not be assigned): the route shows it on the case page with the field it concerns.
 */
export class CaseRuleError extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey);
    this.name = 'CaseRuleError';
  }
}
