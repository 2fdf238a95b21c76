/**
 * Risk assessment (pure): weighing framework 1, acute-risk indicators and the indicators for
 * stalking, threats, worrying behaviour and domestic or honour-related violence give a
 * suggested level; the adviser chooses the level with reasoning. Also the re-assessment term.
 */
export const RISK_LEVELS = ['low', 'medium', 'high', 'acute'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Weighing framework 1: safety of the person, of other students and staff, of the environment. */
export const FRAMEWORK1_QUESTIONS = ['person', 'others', 'environment'] as const;
export type Framework1Question = (typeof FRAMEWORK1_QUESTIONS)[number];
export const CONCERN_RATINGS = ['none', 'concern', 'serious'] as const;
export type ConcernRating = (typeof CONCERN_RATINGS)[number];

/** Acute risk: to own safety, to third parties, or a criminal offence — may act at once. */
export const ACUTE_INDICATORS = [
  'acute_own_safety',
  'acute_third_parties',
  'acute_criminal_offence',
] as const;

export const INDICATOR_GROUPS = {
  stalking: [
    'stalking_following',
    'stalking_unwanted_contact',
    'stalking_home_or_work',
    'stalking_escalating',
  ],
  threats: ['threat_explicit', 'threat_weapon', 'threat_online_public', 'threat_repeated'],
  worrying: [
    'worrying_suicidal',
    'worrying_confused',
    'worrying_isolation',
    'worrying_sudden_change',
  ],
  domestic_honour: [
    'dv_partner_violence',
    'dv_children',
    'honour_family_pressure',
    'honour_control',
  ],
} as const;
export type IndicatorGroup = keyof typeof INDICATOR_GROUPS;
export const ALL_INDICATORS: readonly string[] = Object.values(INDICATOR_GROUPS).flat();

/** Indicators that on their own make the risk high. */
const SEVERE_INDICATORS: readonly string[] = [
  'stalking_escalating',
  'threat_weapon',
  'worrying_suicidal',
  'dv_children',
];

export interface RiskAnswers {
  framework1: Record<Framework1Question, ConcernRating>;
  acute: string[];
  indicators: string[];
}

export function rankOf(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/**
 * acute: any acute indicator; high: a serious concern in framework 1, a severe indicator, or
 * three or more indicators; medium: any concern or indicator; low otherwise.
 */
export function suggestRiskLevel(a: RiskAnswers): RiskLevel {
  if (a.acute.some((x) => (ACUTE_INDICATORS as readonly string[]).includes(x))) return 'acute';
  const ratings = FRAMEWORK1_QUESTIONS.map((q) => a.framework1[q]);
  const indicators = a.indicators.filter((x) => ALL_INDICATORS.includes(x));
  if (
    ratings.includes('serious') ||
    indicators.some((x) => SEVERE_INDICATORS.includes(x)) ||
    indicators.length >= 3
  )
    return 'high';
  if (ratings.includes('concern') || indicators.length > 0) return 'medium';
  return 'low';
}

/** The adviser may not go below acute when an acute indicator is ticked: acute risk means acting at once. */
export function isLevelAllowed(chosen: RiskLevel, suggested: RiskLevel): boolean {
  return suggested !== 'acute' || chosen === 'acute';
}

/** Days until the next assessment by level. */
export const REASSESS_DAYS: Record<RiskLevel, number> = { acute: 1, high: 7, medium: 28, low: 90 };

export function defaultReassessOn(level: RiskLevel, today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + REASSESS_DAYS[level]);
  return d.toISOString().slice(0, 10);
}

/** Indicator groups that suggest a police report is the standard (threats, stalking, violence). */
export function suggestsPoliceReport(a: RiskAnswers): boolean {
  return (
    a.acute.includes('acute_criminal_offence') ||
    a.indicators.some(
      (x) => x.startsWith('stalking_') || x.startsWith('threat_') || x === 'dv_partner_violence',
    )
  );
}
