/**
 * How a pipe is declared: an optional argument with its JSON Schema (checked once at
 * compile time, then trusted), and a factory that turns the argument into a transform.
 * Transforms receive the value and the scope (for `currencyPath` and `lineNumber`) and
 * throw PipeRefusal to refuse a value.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { describeAjvErrors } from '../schema-errors.js';
import type { Scope } from '../scope.js';
import { PipeSetupError } from './pipe-errors.js';

export type Transform = (value: unknown, scope: Scope) => unknown;

/** What a pipe factory may know about the mapping it is compiled into. */
export interface PipeEnv {
  /** Top-level `maps` of the mapping file. */
  readonly maps: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Whether the field is inside an `each` group (for lineNumber). */
  readonly insideEach: boolean;
}

export interface PipeDeclaration<A> {
  /** What the pipe does, in one line (the reference docs print it). */
  readonly description: string;
  /** JSON Schema of the argument; absent means the pipe takes none. */
  readonly argument?: { readonly schema: object; readonly required?: boolean };
  /** Also runs on missing/null/"" values (default, lineNumber); other pipes pass those through. */
  readonly acceptsEmpty?: boolean;
  create(argument: A | undefined, env: PipeEnv): Transform;
}

/** A declared pipe with its argument type erased, ready for the registry. */
export interface Pipe {
  readonly description: string;
  /** The argument's JSON Schema and whether it must be given; undefined for a pipe that takes none. */
  readonly argument: { readonly schema: object; readonly required: boolean } | undefined;
  readonly acceptsEmpty: boolean;
  /** Checks the raw argument from the mapping file and returns the transform, or throws PipeSetupError. */
  build(argument: unknown, env: PipeEnv): Transform;
}

const argumentAjv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true, allowUnionTypes: true });

export function definePipe<A = never>(declaration: PipeDeclaration<A>): Pipe {
  let validate: ValidateFunction<A> | undefined;
  const spec = declaration.argument;
  return {
    description: declaration.description,
    argument: spec && { schema: spec.schema, required: spec.required ?? false },
    acceptsEmpty: declaration.acceptsEmpty ?? false,
    build(argument, env) {
      if (argument === undefined) {
        if (spec?.required) throw new PipeSetupError('needs an argument');
        return declaration.create(undefined, env);
      }
      if (!spec) throw new PipeSetupError('takes no argument; write it as a plain name');
      validate ??= argumentAjv.compile<A>(spec.schema);
      if (!validate(argument)) throw new PipeSetupError(`bad argument: ${describeArgumentErrors(validate.errors ?? [])}`);
      return declaration.create(argument, env);
    },
  };
}

function describeArgumentErrors(errors: readonly ErrorObject[]): string {
  return describeAjvErrors(errors).map(({ path, message }) => (path ? `${path} ${message}` : message)).join('; ');
}
