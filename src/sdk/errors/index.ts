/** The typed errors connectors throw and the pipeline acts on. */
export { HubError, isHubError, type ErrorKind } from './hub-error.js';
export { TransientError } from './transient-error.js';
export { PermanentError } from './permanent-error.js';
export { BadInputError } from './bad-input-error.js';
export { NeedsReviewError } from './needs-review-error.js';
export { UnauthorizedError } from './unauthorized-error.js';
