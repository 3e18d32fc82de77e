/**
 * Compiles `when` / `filter` conditions into predicates over a scope. The schema has
 * already guaranteed each condition has exactly one operator, so this only dispatches.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ConditionSpec } from './mapping-file-types.js';
import { compileInputPointer, type Scope } from './scope.js';
import { isEmpty } from './values.js';

export type Predicate = (scope: Scope) => boolean;

export function compileCondition(spec: ConditionSpec): Predicate {
  if (spec.all) return allOf(spec.all.map(compileCondition));
  if (spec.any) return anyOf(spec.any.map(compileCondition));
  if (spec.not) return negate(compileCondition(spec.not));
  const pointer = compileInputPointer(spec.path ?? '');
  const test = compileTest(spec);
  return (scope) => test(pointer.read(scope));
}

function compileTest(spec: ConditionSpec): (value: unknown) => boolean {
  if (spec.exists !== undefined) {
    const wanted = spec.exists;
    return (value) => (value !== undefined && value !== null) === wanted;
  }
  if (spec.notEmpty !== undefined) {
    const wanted = spec.notEmpty;
    return (value) => !isEmptyCollection(value) === wanted;
  }
  if (spec.in !== undefined) return isOneOf(spec.in);
  return isEqualTo(spec.equals);
}

function isEqualTo(expected: unknown): (value: unknown) => boolean {
  if (expected === null || typeof expected !== 'object') return (value) => value === expected;
  return (value) => isDeepStrictEqual(value, expected);
}

function isOneOf(candidates: readonly unknown[]): (value: unknown) => boolean {
  const tests = candidates.map(isEqualTo);
  return (value) => tests.some((test) => test(value));
}

/** Empty for `notEmpty`: missing, null, "", [] or {}. */
function isEmptyCollection(value: unknown): boolean {
  if (isEmpty(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0;
  return false;
}

function allOf(predicates: Predicate[]): Predicate {
  return (scope) => predicates.every((predicate) => predicate(scope));
}

function anyOf(predicates: Predicate[]): Predicate {
  return (scope) => predicates.some((predicate) => predicate(scope));
}

function negate(predicate: Predicate): Predicate {
  return (scope) => !predicate(scope);
}
