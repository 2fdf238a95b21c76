/** The threat evidence log: the case's handlers, and a user the case's handler granted it to (e.g. a communications officer). */
export function canKeepThreatLog(isCaseHandler: boolean, hasGrant: boolean): boolean {
  return isCaseHandler || hasGrant;
}
