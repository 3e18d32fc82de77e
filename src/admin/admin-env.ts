/**
 * What the console's middleware leaves on the request context for pages: who is logged
 * in, the session's CSRF token (embedded in every form), the CSP nonce of the page's
 * inline style, and how many orders are on the watch list (for the navigation).
 */
import type { Principal } from '../auth/roles.js';

export interface AdminVariables {
  principal: Principal;
  csrf: string;
  nonce: string;
  /** Orders on the watch list, for roles that may see it (absent otherwise). */
  watchCount?: number;
}

export interface AdminEnv {
  Variables: AdminVariables;
}
