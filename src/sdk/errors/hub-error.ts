/**
 * Base of the typed errors that decide what the pipeline does with a failure.
 * `kind` is what matters: transient → retry with backoff, permanent → dead letter
 * at once, bad_input → review queue or a 4xx answer, unauthorized → 401.
 */
export type ErrorKind = 'transient' | 'permanent' | 'bad_input' | 'unauthorized';

export abstract class HubError extends Error {
  abstract readonly kind: ErrorKind;
  /** Machine-readable code, e.g. `OMS_REJECTED`, `BAD_SIGNATURE`. */
  readonly code: string;
  /** What a person should do about it; shown in dead letters and problem answers. */
  readonly hint: string | undefined;

  constructor(message: string, options: { code?: string; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'ERROR';
    this.hint = options.hint;
  }
}

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}
