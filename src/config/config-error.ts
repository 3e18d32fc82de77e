/** A refused configuration: every problem with the file, the path in it and the reason. */
export interface ConfigProblem {
  file: string;
  /** JSON pointer into the file, e.g. /instances/web-shop/settings/secret. */
  path: string;
  line?: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where} ${problem.path || '/'}: ${problem.message}`;
}
