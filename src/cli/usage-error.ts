/**
 * A command used wrongly or pointed at something that is not there (a bad id, a folder
 * that exists already, a missing file): `hub` prints the message, which says what to do,
 * and exits with 1.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
