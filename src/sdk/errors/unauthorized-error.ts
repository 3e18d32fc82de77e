/** A request whose signature, timestamp or credentials do not check out: answered 401, nothing stored. */
import { HubError } from './hub-error.js';

export class UnauthorizedError extends HubError {
  readonly kind = 'unauthorized' as const;
}
