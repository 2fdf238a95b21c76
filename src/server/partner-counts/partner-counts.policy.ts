import type { Role } from '../../domain/roles.js';

/** Partner services register counts; coordinators (and advisers writing the report) read them. */
export const REGISTER_ROLES: readonly Role[] = ['partner_service'];
export const READ_ROLES: readonly Role[] = [
  'partner_service',
  'safety_coordinator',
  'confidential_adviser',
];
