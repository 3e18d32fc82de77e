/**
 * What a compiled field sees while a mapping runs: the document root, the current
 * value (the element inside `each`), the element's position, the enclosing scope, and
 * the pointers of the current value in the input and the output (only used to word
 * error messages).
 * Also: the shared run state where problems are collected, and compiled input pointers.
 */
import type { MappingProblem } from './mapping-error.js';
import { parsePointer, readSegments } from './json-pointer.js';

export interface Scope {
  readonly root: unknown;
  readonly current: unknown;
  /** 0-based position in the enclosing `each` output, -1 outside any `each`. */
  readonly index: number;
  /** Input pointer of `current` ('' at the root). */
  readonly sourceBase: string;
  /** Output pointer of the object being built ('' at the root); for layouts, the record and `field `. */
  readonly targetBase: string;
  /** The scope of the enclosing element (inside each/with and nested records), read with `^/...`. */
  readonly parent?: Scope;
}

/** Problems of one apply, collected so that one error can list them all. */
export interface Run {
  readonly problems: MappingProblem[];
}

/** Returned by a compiled field that writes nothing (omitted, or refused with a problem recorded). */
export const OMIT: unique symbol = Symbol('omit');

/** A compiled field or group: its value for a scope, or OMIT. */
export type Evaluate = (scope: Scope, run: Run) => unknown;

export function rootScope(root: unknown): Scope {
  return { root, current: root, index: -1, sourceBase: '', targetBase: '' };
}

/**
 * A pre-parsed input pointer: relative to the current value, to the root with a leading
 * `$`, or to an enclosing element with a leading `^` (`^^` two levels up).
 */
export interface InputPointer {
  read(scope: Scope): unknown;
  /** The input pointer as it resolves in this scope, for messages. */
  describe(scope: Scope): string;
}

export function compileInputPointer(pointer: string): InputPointer {
  const fromRoot = pointer.startsWith('$');
  const levelsUp = /^\^*/.exec(pointer)?.[0].length ?? 0;
  const relative = fromRoot ? pointer.slice(1) : pointer.slice(levelsUp);
  const segments = parsePointer(relative);
  if (fromRoot) {
    return { read: (scope) => readSegments(scope.root, segments), describe: () => relative || '/' };
  }
  if (levelsUp > 0) {
    return {
      read: (scope) => {
        const outer = ancestor(scope, levelsUp);
        return outer ? readSegments(outer.current, segments) : undefined;
      },
      describe: (scope) => (ancestor(scope, levelsUp)?.sourceBase ?? '') + relative || '/',
    };
  }
  return {
    read: (scope) => readSegments(scope.current, segments),
    describe: (scope) => scope.sourceBase + relative || '/',
  };
}

function ancestor(scope: Scope, levels: number): Scope | undefined {
  let found: Scope | undefined = scope;
  for (let i = 0; i < levels && found; i++) found = found.parent;
  return found;
}
