/**
 * Input that was read but is doubtful: a person must look before it becomes an order
 * (an OCR field below its confidence threshold, totals that disagree, an unknown
 * customer). Unlike plain bad input it carries what was read (`data`), which the review
 * page shows beside the original and a reviewer corrects.
 */
import { BadInputError } from './bad-input-error.js';

export class NeedsReviewError extends BadInputError {
  /** Every reason, each on its own, naming the field and what is wrong. */
  readonly reasons: string[];
  /** What was read, as the connector's plain data: kept on the order for the reviewer. */
  readonly data: unknown;

  constructor(reasons: string[], data: unknown, options: { code?: string; hint?: string } = {}) {
    super(reasons.join('; '), { code: options.code ?? 'NEEDS_REVIEW', hint: options.hint ?? 'check the doubtful fields against the original, correct them and accept, or reject with a reason', status: 422 });
    this.reasons = reasons;
    this.data = data;
  }
}
