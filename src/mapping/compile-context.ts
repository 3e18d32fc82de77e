/**
 * What the compiler carries while it walks a mapping file: where it is (for problems
 * that name the file and a JSON pointer in it), the value tables, whether it is inside
 * an `each`, which target names are allowed, and the list of problems found so far.
 */
import type { MappingFileProblem } from './mapping-file-error.js';
import type { FieldsSpec } from './mapping-file-types.js';
import type { Evaluate } from './scope.js';

export type TargetNames = 'json' | 'xml';

export interface CompileContext {
  readonly file: string;
  readonly maps: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly insideEach: boolean;
  readonly targetNames: TargetNames;
  readonly problems: MappingFileProblem[];
  /**
   * Compiles a nested group of fields into an evaluator that returns an object, or OMIT
   * when every field was omitted. Injected so that fields and groups can nest without
   * the modules importing each other.
   */
  readonly compileGroup: (fields: FieldsSpec, at: string, context: CompileContext) => Evaluate;
}

export function reportCompileProblem(context: CompileContext, at: string, message: string): void {
  context.problems.push({ file: context.file, path: at, message });
}
