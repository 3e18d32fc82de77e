/**
 * Compiles the fields of a parse record. Each line is first cut into raw text values
 * (slices or columns), placed at the fields' own target pointers; the fields are then
 * ordinary mapping fields that read their raw value there (`path` = the target), so
 * pipe, default, optional, when and const work as in any mapping, and a `when` condition
 * tests the raw text of another field by its target (`{ "path": "/type", "equals": "Y" }`).
 */
import type { CompileContext } from '../compile-context.js';
import { parsePointer } from '../json-pointer.js';
import type { FieldSpec, FieldsSpec, ParseFieldSpec, ParseFieldsSpec } from '../mapping-file-types.js';
import type { Evaluate } from '../scope.js';
import { compileGroup } from '../target-tree.js';
import { isPlainObject } from '../values.js';
import { columnLocator, sliceLocator, type LineView, type Locator } from './line-view.js';

export interface LocatedField {
  readonly target: string;
  readonly segments: readonly string[];
  readonly locator: Locator;
}

export interface ParseFields {
  readonly targets: readonly string[];
  readonly located: readonly LocatedField[];
  /** Builds the row object from the raw tree (the scope's current value). */
  readonly build: Evaluate;
  /** Header names these fields read (CSV). */
  readonly columnNames: readonly string[];
}

export function compileParseFields(fields: ParseFieldsSpec, at: string, context: CompileContext): ParseFields {
  const entries = Object.entries(fields);
  const located: LocatedField[] = [];
  const converted: Record<string, FieldSpec> = {};
  const columnNames: string[] = [];
  for (const [target, spec] of entries) {
    const locator = locatorOf(spec);
    if (locator) located.push({ target, segments: parsePointer(target), locator });
    if (typeof spec.column === 'string') columnNames.push(spec.column);
    converted[target] = asFieldSpec(target, spec);
  }
  const build = compileGroup(converted satisfies FieldsSpec, at, context);
  return { targets: entries.map(([target]) => target), located, build, columnNames };
}

function locatorOf(spec: ParseFieldSpec): Locator | undefined {
  if (spec.start !== undefined) return sliceLocator(spec.start, spec.length ?? 1);
  if (spec.column !== undefined) return columnLocator(spec.column);
  return undefined;
}

/** A located field reads its raw value at its own target; const and pipe-only fields stay as written. */
function asFieldSpec(target: string, spec: ParseFieldSpec): FieldSpec {
  const { start, length, column, ...rest } = spec;
  return start !== undefined || column !== undefined ? { ...rest, path: target } : rest;
}

/** The raw values of one line at their targets; a missing value leaves its key out. */
export function rawTree(groups: ReadonlyArray<readonly LocatedField[]>, view: LineView): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const located of groups) {
    for (const { segments, locator } of located) {
      const value = locator.read(view);
      if (value !== undefined) setAt(tree, segments, value);
    }
  }
  return tree;
}

function setAt(tree: Record<string, unknown>, segments: readonly string[], value: string): void {
  let node = tree;
  for (const segment of segments.slice(0, -1)) {
    // Own keys only: under a target such as /constructor/x, node.constructor is Object's,
    // not a place to put the value (which was then lost).
    const next = Object.hasOwn(node, segment) ? node[segment] : {};
    if (!isPlainObject(next)) return;
    node[segment] = next;
    node = next;
  }
  const last = segments.at(-1);
  if (last !== undefined) node[last] = value;
}
