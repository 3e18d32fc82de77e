/**
 * The source of a field, the one place its value comes from:
 * path, first (first non-empty of several), concat (non-empty values joined), const,
 * each (one object per array element, optionally filtered), with (one object built from
 * a nested input object), or nothing (a field made by its pipe alone, e.g. lineNumber).
 */
import type { CompileContext } from './compile-context.js';
import { compileCondition, type Predicate } from './conditions.js';
import type { FieldSpec, FieldsSpec } from './mapping-file-types.js';
import { toText } from './pipes/text-pipes.js';
import { PipeRefusal } from './pipes/pipe-errors.js';
import { compileInputPointer, OMIT, type Evaluate, type Run, type Scope } from './scope.js';
import { isEmpty, isPlainObject, literal, quote } from './values.js';

export interface FieldSource {
  /** The raw value; may throw PipeRefusal. `target` is the field's output pointer in this scope. */
  read(scope: Scope, run: Run, target: string): unknown;
  /** The input pointer(s) read, for messages; '' when the value comes from the mapping itself. */
  describe(scope: Scope): string;
}

export function compileSource(spec: FieldSpec, at: string, context: CompileContext): FieldSource {
  if (spec.path !== undefined) return pathSource(spec.path);
  if (spec.first !== undefined) return firstSource(spec.first);
  if (spec.concat !== undefined) return concatSource(spec.concat, spec.separator ?? ' ');
  if (spec.each !== undefined) return eachSource(spec, spec.each, at, context);
  if (spec.with !== undefined) return withSource(spec.with, spec.fields ?? {}, at, context);
  if ('const' in spec) return constSource(spec.const);
  return NO_SOURCE;
}

const NO_SOURCE: FieldSource = { read: () => undefined, describe: () => '' };

function constSource(value: unknown): FieldSource {
  const make = literal(value);
  return { read: make, describe: () => '' };
}

function pathSource(path: string): FieldSource {
  const pointer = compileInputPointer(path);
  return { read: (scope) => pointer.read(scope), describe: (scope) => pointer.describe(scope) };
}

function firstSource(paths: readonly string[]): FieldSource {
  const pointers = paths.map(compileInputPointer);
  return {
    read: (scope) => {
      for (const pointer of pointers) {
        const value = pointer.read(scope);
        if (!isEmpty(value)) return value;
      }
      return undefined;
    },
    describe: (scope) => {
      const found = pointers.find((pointer) => !isEmpty(pointer.read(scope)));
      return found ? found.describe(scope) : pointers.map((pointer) => pointer.describe(scope)).join(' | ');
    },
  };
}

function concatSource(paths: readonly string[], separator: string): FieldSource {
  const pointers = paths.map(compileInputPointer);
  return {
    read: (scope) => {
      const parts: string[] = [];
      for (const pointer of pointers) {
        const value = pointer.read(scope);
        if (!isEmpty(value)) parts.push(toText(value));
      }
      return parts.length === 0 ? undefined : parts.join(separator);
    },
    describe: (scope) => pointers.map((pointer) => pointer.describe(scope)).join(' + '),
  };
}

function eachSource(spec: FieldSpec, path: string, at: string, context: CompileContext): FieldSource {
  const pointer = compileInputPointer(path);
  const filter: Predicate | undefined = spec.filter ? compileCondition(spec.filter) : undefined;
  const element = context.compileGroup(spec.fields ?? {}, `${at}/fields`, { ...context, insideEach: true });
  return {
    describe: (scope) => pointer.describe(scope),
    read: (scope, run, target) => {
      const items = pointer.read(scope);
      if (isEmpty(items)) return undefined;
      if (!Array.isArray(items)) throw new PipeRefusal(`${quote(items)} is not a list`);
      const sourceBase = pointer.describe(scope);
      const out: unknown[] = [];
      items.forEach((item: unknown, i) => {
        const child: Scope = {
          root: scope.root, current: item, index: out.length, parent: scope,
          sourceBase: `${sourceBase}/${i}`, targetBase: `${target}/${out.length}`,
        };
        if (filter && !filter(child)) return;
        out.push(objectOrEmpty(element(child, run)));
      });
      return out;
    },
  };
}

function withSource(path: string, fields: FieldsSpec, at: string, context: CompileContext): FieldSource {
  const pointer = compileInputPointer(path);
  const group: Evaluate = context.compileGroup(fields, `${at}/fields`, context);
  return {
    describe: (scope) => pointer.describe(scope),
    read: (scope, run, target) => {
      const value = pointer.read(scope);
      if (isEmpty(value)) return undefined;
      if (!isPlainObject(value)) throw new PipeRefusal(`${quote(value)} is not an object`);
      const child: Scope = { ...scope, current: value, parent: scope, sourceBase: pointer.describe(scope), targetBase: target };
      const built = group(child, run);
      return built === OMIT ? undefined : built;
    },
  };
}

function objectOrEmpty(value: unknown): unknown {
  return value === OMIT ? {} : value;
}
