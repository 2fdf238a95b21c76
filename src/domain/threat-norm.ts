/**
 * The universities' collective norm for threats against staff (seeds/003, "Aanpak bedreiging en
 * intimidatie van wetenschappers"): for threats, violence, stalking, theft and burglary the
 * employer files the police report on the employee's behalf. A student is not an employee: a
 * student files the report themself, supported. Pure.
 */
export const COLLECTIVE_NORM_CATEGORIES = [
  'threat',
  'aggression',
  'stalking',
  'theft',
  'burglary',
] as const;

export function promptsCollectiveNorm(category: string): boolean {
  return (COLLECTIVE_NORM_CATEGORIES as readonly string[]).includes(category);
}

/** Staff and PhD candidates are employees; students, externals and unknown reporters are not. */
export function employerMayFileFor(reporterRole: string): boolean {
  return reporterRole === 'staff' || reporterRole === 'phd';
}

/** The communications department's action list (Bijlage 1), worked item by item. */
export const COMMS_ACTIONS = [
  'untag',
  'hide_comments',
  'report_platform',
  'monitor',
  'evidence_log',
] as const;
export type CommsAction = (typeof COMMS_ACTIONS)[number];
