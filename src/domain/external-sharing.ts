/**
 * The escalation ladder and the rule for sharing outside the institution (pure).
 * Horizontal first (discuss with the person concerned, collegial consultation), then vertical
 * (scale up, multidisciplinary consultation, the board).
 */
export const ESCALATION_STEPS = ['discuss_with_person', 'collegial_consultation', 'scale_up', 'mdo', 'board'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];
export const HORIZONTAL_STEPS: readonly EscalationStep[] = ['discuss_with_person', 'collegial_consultation'];

export function isVertical(step: EscalationStep): boolean {
  return !HORIZONTAL_STEPS.includes(step);
}

/** A vertical step comes after at least one horizontal step, unless the risk is acute. */
export function canRecordStep(step: EscalationStep, earlier: readonly EscalationStep[], isAcute: boolean): boolean {
  return !isVertical(step) || isAcute || earlier.some((s) => !isVertical(s));
}

/** Weighing framework 2 and the board's consent, or an acute-risk override with its reason. */
export interface ExternalShareFacts {
  allOptionsUsed: boolean;
  consentEffortsMade: boolean;
  necessaryForRisk: boolean;
  boardConsentOn: string | null;
  acuteReason: string | null;
}

export type ExternalShareBasis = 'framework2_board' | 'acute_override';

/** Which basis allows the share, or undefined when the share must be refused. */
export function findExternalShareBasis(f: ExternalShareFacts): ExternalShareBasis | undefined {
  if (f.acuteReason && f.acuteReason.trim().length > 0) return 'acute_override';
  if (f.allOptionsUsed && f.consentEffortsMade && f.necessaryForRisk && f.boardConsentOn) return 'framework2_board';
  return undefined;
}
