/**
 * seeds/004 discusses cases "desnoods anoniem": an expert-team consultation needs no consent
 * from the reporter when nothing in it identifies them — the detector finds nothing at all (a
 * finding confirmed as harmless still counts: an e-mail address identifies) and the adviser
 * confirms it. Anything identifying still needs the reporter's consent. Pure.
 */
export function mayConsultWithoutConsent(
  findingCount: number,
  adviserConfirmsNothingIdentifies: boolean,
): boolean {
  return adviserConfirmsNothingIdentifies && findingCount === 0;
}
