/**
 * A request that the case's rules refuse (a status change outside the machine, an adviser who
 * may not be assigned): the one rule error (http/rule-error.ts), under the case's earlier name.
 */
export { RuleError as CaseRuleError } from '../http/rule-error.js';
