/** A refused mapping file: every problem with the file, the JSON pointer in it and the reason. */

export interface MappingFileProblem {
  /** The mapping file, or `<inline mapping>` when compiled from memory. */
  readonly file: string;
  /** JSON pointer into the mapping file, e.g. /fields/~1lines/fields/~1quantity/pipe/0. */
  readonly path: string;
  readonly message: string;
}

export class MappingFileError extends Error {
  readonly file: string;

  constructor(readonly problems: readonly MappingFileProblem[]) {
    super(problems.map(formatMappingFileProblem).join('\n'));
    this.name = 'MappingFileError';
    this.file = problems[0]?.file ?? '<inline mapping>';
  }
}

export function formatMappingFileProblem(problem: MappingFileProblem): string {
  return `${problem.file} ${problem.path || '/'}: ${problem.message}`;
}
