/** A failure that may pass by itself (network, timeout, 5xx, 429): retried with backoff. */
import { HubError } from './hub-error.js';

export class TransientError extends HubError {
  readonly kind = 'transient' as const;
  /** Wait at least this long before the next try (e.g. from Retry-After). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { code?: string; hint?: string; cause?: unknown; retryAfterMs?: number } = {}) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}
