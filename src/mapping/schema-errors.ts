/**
 * Turns ajv errors into short (pointer, reason) pairs. Alternatives that all failed
 * (oneOf/anyOf) are reported once, with the `description` of the schema that holds them,
 * instead of once per branch; an alternative is dropped when a more precise error was
 * found deeper inside the same value; a bad key is reported once, at the key.
 * Needs ajv's `verbose` option for descriptions.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { escapeSegment } from './json-pointer.js';

export interface SchemaProblem {
  /** JSON pointer of the offending value. */
  readonly path: string;
  readonly message: string;
}

export function describeAjvErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of withoutBranchNoise(errors)) {
    const problem = { path: pointerOf(error), message: describeError(error) };
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
    if (e.keyword === 'if' || e.propertyName !== undefined) return false;
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
      return `"${String(error.params.propertyName)}" is not a valid key${describedBy(error)}`;
    case 'dependentRequired':
      return `"${String(error.params.property)}" also needs "${String(error.params.missingProperty)}"`;
    case 'oneOf':
    case 'anyOf':
      return schemaDescription(error) ?? 'must match one of the allowed forms';
    case 'pattern': {
      const description = schemaDescription(error);
      return description ? `must be ${description}` : error.message ?? 'is invalid';
    }
    case 'enum':
      return `must be one of ${JSON.stringify(error.params.allowedValues)}${because(error)}`;
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}${because(error)}`;
    case 'not':
      return schemaDescription(error) ?? error.message ?? 'is invalid';
    default:
      return error.message ?? 'is invalid';
  }
}

/** Where the problem is; for a bad key, the key itself. */
function pointerOf(error: ErrorObject): string {
  if (error.keyword !== 'propertyNames') return error.instancePath;
  return `${error.instancePath}/${escapeSegment(String(error.params.propertyName))}`;
}

/** For propertyNames the description sits on the keyword's own schema. */
function describedBy(error: ErrorObject): string {
  const description = descriptionOf(error.schema);
  return description ? `: must be ${description}` : '';
}

/** For const and enum, a description next to the keyword says why: ` (a number is never truncated)`. */
function because(error: ErrorObject): string {
  const description = schemaDescription(error);
  return description ? ` (${description})` : '';
}

/** For oneOf/anyOf/not the description sits on the schema holding the keyword. */
function schemaDescription(error: ErrorObject): string | undefined {
  return descriptionOf(error.parentSchema);
}

function descriptionOf(schema: unknown): string | undefined {
  if (schema !== null && typeof schema === 'object' && 'description' in schema) {
    const description = schema.description;
    if (typeof description === 'string') return description;
  }
  return undefined;
}
