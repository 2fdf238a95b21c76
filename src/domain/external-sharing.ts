/**
 * The escalation ladder and the rule for sharing outside the institution (pure), as seeds/004
 * describes the careful process: talk with the person concerned → collegial consultation →
 * Afwegingskader 1 → Afwegingskader 2 → the board → share. A rung is passed when it is done or,
 * for the first three, skipped with a recorded reason. Scaling up and the multidisciplinary
 * consultation (zorgoverleg) are vertical steps recorded beside the ladder, after the horizontal
 * rungs. ('board' stays a stored step value of earlier records; the board now answers a request.)
 */
export const ESCALATION_STEPS = [
  'discuss_with_person',
  'collegial_consultation',
  'scale_up',
  'mdo',
  'board',
  'hearing_accused',
] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];
/** The steps a handler records by hand (the board's step is its answer to a request); wederhoor belongs to the formal path, beside the ladder. */
export const RECORDABLE_STEPS = [
  'discuss_with_person',
  'collegial_consultation',
  'scale_up',
  'mdo',
  'hearing_accused',
] as const;
export type RecordableStep = (typeof RECORDABLE_STEPS)[number];
export const HORIZONTAL_STEPS: readonly EscalationStep[] = [
  'discuss_with_person',
  'collegial_consultation',
  'hearing_accused',
];

export const LADDER = [
  'discuss_with_person',
  'collegial_consultation',
  'framework1',
  'framework2',
  'board',
  'share',
] as const;
export type Rung = (typeof LADDER)[number];
/** The rungs that may be skipped with a reason. Afwegingskader 2 and the board may not: they are the gate to a share. */
export const SKIPPABLE_RUNGS = [
  'discuss_with_person',
  'collegial_consultation',
  'framework1',
] as const;
export type SkippableRung = (typeof SKIPPABLE_RUNGS)[number];

export function isVertical(step: EscalationStep): boolean {
  return !HORIZONTAL_STEPS.includes(step);
}

export interface LadderFacts {
  done: ReadonlySet<Rung>;
  skipped: ReadonlySet<Rung>;
}
export type RungState = 'done' | 'skipped' | 'current' | 'todo';

/** Each rung with its state; the first rung neither done nor skipped is the current one. */
export function ladderStates(f: LadderFacts): { rung: Rung; state: RungState }[] {
  let currentSeen = false;
  return LADDER.map((rung) => {
    if (f.done.has(rung)) return { rung, state: 'done' as const };
    if (f.skipped.has(rung)) return { rung, state: 'skipped' as const };
    const state = currentSeen ? ('todo' as const) : ('current' as const);
    currentSeen = true;
    return { rung, state };
  });
}

/** Where the case stands: the first rung neither done nor skipped (undefined when all passed). */
export function currentRung(f: LadderFacts): Rung | undefined {
  return ladderStates(f).find((r) => r.state === 'current')?.rung;
}

/** The first earlier rung that blocks working on `rung` (neither done nor skipped), or undefined. */
export function blockingRung(rung: Rung, f: LadderFacts): Rung | undefined {
  return LADDER.slice(0, LADDER.indexOf(rung)).find((r) => !f.done.has(r) && !f.skipped.has(r));
}

/** The ladder rung a recorded step works on; scaling up and zorgoverleg come after the horizontal rungs; wederhoor is on no rung. */
export function rungOfStep(step: RecordableStep): Rung | undefined {
  if (step === 'hearing_accused') return undefined;
  return step === 'discuss_with_person' || step === 'collegial_consultation' ? step : 'framework1';
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
  if (f.allOptionsUsed && f.consentEffortsMade && f.necessaryForRisk && f.boardConsentOn)
    return 'framework2_board';
  return undefined;
}
