/** The expert team by discipline (issue 21): a consultation goes to the disciplines it needs. Pure. */
export const EXPERT_DISCIPLINES = [
  'psychologist',
  'lawyer',
  'spokesperson',
  'hr',
  'security',
] as const;
export type ExpertDiscipline = (typeof EXPERT_DISCIPLINES)[number];

/** A member sees a consultation addressed to one of their disciplines; one addressed to none goes to the whole team. */
export function expertMaySee(
  memberDisciplines: readonly string[],
  consultationDisciplines: readonly string[],
): boolean {
  return (
    consultationDisciplines.length === 0 ||
    consultationDisciplines.some((d) => memberDisciplines.includes(d))
  );
}
