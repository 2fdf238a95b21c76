import type { Role } from '../../domain/roles.js';

/** Aggregates after small-cell suppression: the board, and the team's coordinators. */
export const STATISTICS_ROLES: readonly Role[] = ['board', 'safety_coordinator'];
