/** A failure that retrying will not fix (the receiver refused the order): dead-lettered at once. */
import { HubError } from './hub-error.js';

export class PermanentError extends HubError {
  readonly kind = 'permanent' as const;
}
