/**
 * A mapping refused an input. Carries every problem found in one apply, each with the
 * target pointer it was building and the input pointer it read, so a reviewer sees the
 * full list at once. `target`, `source` and the message of the first problem are also
 * on the error itself.
 */

export interface MappingProblem {
  /** Output pointer, e.g. /lines/2/quantity. */
  readonly target: string;
  /** Input pointer(s) read, e.g. /line_items/2/quantity. */
  readonly source: string;
  readonly message: string;
}

export class MappingError extends Error {
  readonly target: string;
  readonly source: string;

  constructor(readonly mappingId: string, readonly problems: readonly MappingProblem[]) {
    super(describeProblems(mappingId, problems));
    this.name = 'MappingError';
    this.target = problems[0]?.target ?? '';
    this.source = problems[0]?.source ?? '';
  }
}

export function describeProblem(mappingId: string, problem: MappingProblem): string {
  const from = problem.source ? ` from ${problem.source}` : '';
  return `${mappingId}: ${problem.target}${from}: ${problem.message}`;
}

function describeProblems(mappingId: string, problems: readonly MappingProblem[]): string {
  if (problems.length === 1) return describeProblem(mappingId, problems[0]!);
  const lines = problems.map((problem) => `  ${describeProblem(mappingId, problem)}`);
  return [`${mappingId}: ${problems.length} problems`, ...lines].join('\n');
}
