/**
 * What the console's middleware leaves on the request context for pages: who is logged
 * in, the session's CSRF token (embedded in every form) and the CSP nonce of the page's
 * inline style.
 */
import type { Principal } from '../auth/roles.js';

export interface AdminVariables {
  principal: Principal;
  csrf: string;
  nonce: string;
}

export interface AdminEnv {
  Variables: AdminVariables;
}
