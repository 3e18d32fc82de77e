/**
 * Compiles one field spec into an evaluator: `when` decides whether the field exists,
 * the source gives the raw value, `default` fills a missing one, the pipeline converts it,
 * and `optional` decides whether a still-missing value is omitted or a "required" problem.
 * Refusals are recorded as problems (target, source, message) and the field is omitted,
 * so one apply reports every problem instead of the first.
 */
import { reportCompileProblem, type CompileContext } from './compile-context.js';
import { compileCondition } from './conditions.js';
import { compileSource, type FieldSource } from './field-sources.js';
import type { FieldSpec } from './mapping-file-types.js';
import { compilePipeline } from './pipes/pipe-registry.js';
import { PipeRefusal } from './pipes/pipe-errors.js';
import { OMIT, type Evaluate, type Run, type Scope } from './scope.js';
import { isEmpty, literal } from './values.js';

/**
 * @param target the field's key, an output pointer relative to the object being built
 * @param at JSON pointer of the field spec in the mapping file
 */
export function compileField(spec: FieldSpec, target: string, at: string, context: CompileContext): Evaluate {
  const when = spec.when ? compileCondition(spec.when) : undefined;
  const source = compileSource(spec, at, context);
  const pipeline = compilePipeline(spec.pipe ?? [], context, (index, message) =>
    reportCompileProblem(context, `${at}/pipe/${index}`, `${message} (field ${target})`));
  const fallback = spec.default === undefined ? undefined : literal(spec.default);
  const optional = spec.optional === true;

  return (scope, run) => {
    if (when && !when(scope)) return OMIT;
    const output = scope.targetBase + target;
    try {
      let value = source.read(scope, run, output);
      if (fallback && isEmpty(value)) value = fallback();
      value = pipeline(value, scope);
      if (!isEmpty(value)) return value;
      if (!optional) record(run, scope, output, source, 'required value is missing');
      return OMIT;
    } catch (error) {
      if (!(error instanceof PipeRefusal)) throw error;
      record(run, scope, output, source, error.message);
      return OMIT;
    }
  };
}

function record(run: Run, scope: Scope, target: string, source: FieldSource, message: string): void {
  run.problems.push({ target, source: source.describe(scope), message });
}
