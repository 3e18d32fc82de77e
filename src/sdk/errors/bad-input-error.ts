/** Input that cannot be accepted as it is: answered 4xx at the door, or sent to review later. */
import { HubError } from './hub-error.js';

export class BadInputError extends HubError {
  readonly kind = 'bad_input' as const;
  /** HTTP status to answer when refused at the door (400, 413, 415, 422). */
  readonly status: number;

  constructor(message: string, options: { code?: string; hint?: string; cause?: unknown; status?: number } = {}) {
    super(message, options);
    this.status = options.status ?? 400;
  }
}
