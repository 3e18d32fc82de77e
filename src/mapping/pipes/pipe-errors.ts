/**
 * The two ways a pipe says no:
 * - PipeSetupError at compile time (bad argument, unknown table): a mapping-file problem;
 * - PipeRefusal at apply time (a value it cannot convert): a mapping problem for that field.
 */

export class PipeSetupError extends Error {
  override readonly name = 'PipeSetupError';
}

export class PipeRefusal extends Error {
  override readonly name = 'PipeRefusal';
}
