/** Who keeps a team's privacy statement text, its register exports and its breach register. */
export const PRIVACY_ROLES = ['administrator', 'safety_coordinator'] as const;
