/**
 * Turns ajv errors into short (pointer, reason) pairs. Alternatives that all failed
 * (oneOf/anyOf) are reported once, with the `description` of the schema that holds them,
 * instead of once per branch; an alternative is dropped when a more precise error was
 * found deeper inside the same value. Needs ajv's `verbose` option for descriptions.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';

export interface SchemaProblem {
  /** JSON pointer of the offending value. */
  readonly path: string;
  readonly message: string;
}

export function describeAjvErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of withoutBranchNoise(errors)) {
    const problem = { path: error.instancePath, message: describeError(error) };
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

const ALTERNATIVES = new Set(['oneOf', 'anyOf']);

function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((e) => ALTERNATIVES.has(e.keyword));
  const isBranchError = (e: ErrorObject) =>
    alternatives.some((alt) => alt !== e && alt.instancePath === e.instancePath
      && e.schemaPath.startsWith(`${alt.schemaPath}/`));
  const hasDeeperError = (alt: ErrorObject) =>
    errors.some((e) => e.instancePath.startsWith(`${alt.instancePath}/`) && !ALTERNATIVES.has(e.keyword));
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    if (isBranchError(e)) return false;
    return !(ALTERNATIVES.has(e.keyword) && hasDeeperError(e));
  });
}

function describeError(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(error.params.additionalProperty)}"`;
    case 'required':
      return `missing property "${String(error.params.missingProperty)}"`;
    case 'propertyNames':
      return `"${String(error.params.propertyName)}" is not a valid name here${describedBy(error)}`;
    case 'dependentRequired':
      return `"${String(error.params.property)}" also needs "${String(error.params.missingProperty)}"`;
    case 'oneOf':
    case 'anyOf':
      return schemaDescription(error) ?? 'must match one of the allowed forms';
    case 'enum':
      return `must be one of ${JSON.stringify(error.params.allowedValues)}`;
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function describedBy(error: ErrorObject): string {
  const description = schemaDescription(error);
  return description ? ` (${description})` : '';
}

function schemaDescription(error: ErrorObject): string | undefined {
  const parent: unknown = error.parentSchema;
  if (parent !== null && typeof parent === 'object' && 'description' in parent) {
    const description = parent.description;
    if (typeof description === 'string') return description;
  }
  return undefined;
}
