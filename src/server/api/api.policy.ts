import type { ApiPrincipal, ApiScope } from './api-tokens.service.js';

/** A token may do exactly what its scopes name; `statistics` never reaches case records. */
export function canUseScope(principal: ApiPrincipal, scope: ApiScope): boolean {
  return principal.scopes.includes(scope);
}
