/**
 * Compiles one field of a render layout (a fixed-width field or a CSV column) into its
 * typed value for a record: the value comes from the ordinary field machinery (source,
 * default, pipe, optional, when) or from an aggregate over the records written so far,
 * and is then converted by the field's type. Problems name the record and the field
 * (the record scope's targetBase is `record 3 (O) field `).
 */
import { reportCompileProblem, type CompileContext } from '../compile-context.js';
import { compileCondition } from '../conditions.js';
import { compileField } from '../compile-field.js';
import type { FieldType, LayoutFieldSpec } from '../mapping-file-types.js';
import { PipeRefusal } from '../pipes/pipe-errors.js';
import { compilePipeline } from '../pipes/pipe-registry.js';
import { OMIT, type Evaluate, type Run, type Scope } from '../scope.js';
import { compileAggregate, type Tally } from './aggregates.js';
import { compileFieldType, fieldTypeOf, type TypedValue } from './field-type.js';
import type { RecordCatalog } from './record-catalog.js';

export interface LayoutField {
  readonly name: string;
  readonly type: FieldType;
  readonly spec: LayoutFieldSpec;
  /** The typed value in this record, or undefined when the field is left out or was refused (problem recorded). */
  value(scope: Scope, run: Run, tally: Tally): TypedValue | undefined;
}

type ValueOf = (scope: Scope, run: Run, tally: Tally) => unknown;

export function compileLayoutField(spec: LayoutFieldSpec, at: string, context: CompileContext, catalog: RecordCatalog): LayoutField {
  const valueOf = spec.aggregate ? aggregateValue(spec, at, context, catalog) : plainValue(compileField(spec, spec.name, at, context));
  const convert = compileFieldType(spec);
  return {
    name: spec.name,
    type: fieldTypeOf(spec),
    spec,
    value: (scope, run, tally) => {
      const raw = valueOf(scope, run, tally);
      if (raw === OMIT) return undefined;
      try {
        return convert(raw);
      } catch (error) {
        if (!(error instanceof PipeRefusal)) throw error;
        run.problems.push({ target: scope.targetBase + spec.name, source: '', message: error.message });
        return undefined;
      }
    },
  };
}

function plainValue(evaluate: Evaluate): ValueOf {
  return (scope, run) => evaluate(scope, run);
}

function aggregateValue(spec: LayoutFieldSpec, at: string, context: CompileContext, catalog: RecordCatalog): ValueOf {
  const read = compileAggregate(spec.aggregate ?? {}, catalog);
  if (typeof read === 'string') reportCompileProblem(context, `${at}/aggregate`, `${read} (field ${spec.name})`);
  const when = spec.when ? compileCondition(spec.when) : undefined;
  const pipeline = compilePipeline(spec.pipe ?? [], context, (index, message) =>
    reportCompileProblem(context, `${at}/pipe/${index}`, `${message} (field ${spec.name})`));
  return (scope, run, tally) => {
    if (typeof read === 'string' || (when && !when(scope))) return OMIT;
    const total = read(tally);
    try {
      return pipeline(Number.isSafeInteger(Number(total)) ? Number(total) : total, scope);
    } catch (error) {
      if (!(error instanceof PipeRefusal)) throw error;
      run.problems.push({ target: scope.targetBase + spec.name, source: '', message: error.message });
      return OMIT;
    }
  };
}
