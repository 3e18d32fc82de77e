/**
 * The pipe registry and the pipeline compiler: resolves each step of a field's `pipe`
 * to a transform once, at compile time, and returns one function that runs them in order.
 * Steps that do not accept empty values let missing/null/"" pass through untouched, so
 * `optional` and `default` decide what happens to a missing value. `describePipes` lists
 * every pipe with its one-line description and argument, for the reference docs.
 */
import type { PipeStep } from '../mapping-file-types.js';
import type { Scope } from '../scope.js';
import { isEmpty } from '../values.js';
import { countryPipes } from './country-pipe.js';
import { datePipes } from './date-pipes.js';
import { entriesPipes } from './entries-pipe.js';
import { lookupPipes } from './lookup-pipes.js';
import { moneyPipes } from './money-pipes.js';
import { numberPipes } from './number-pipes.js';
import type { Pipe, PipeEnv, Transform } from './pipe-definition.js';
import { PipeSetupError } from './pipe-errors.js';
import { phonePipes } from './phone-pipe.js';
import { textPipes } from './text-pipes.js';

const PIPES: ReadonlyMap<string, Pipe> = new Map(Object.entries({
  ...textPipes, ...numberPipes, ...moneyPipes, ...phonePipes, ...datePipes, ...countryPipes, ...lookupPipes, ...entriesPipes,
}));

export const PIPE_NAMES: readonly string[] = [...PIPES.keys()].sort();

/** One pipe as the reference docs describe it. */
export interface PipeDoc {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the argument, and whether it must be given; undefined when the pipe takes none. */
  readonly argument: { readonly schema: object; readonly required: boolean } | undefined;
  /** Runs on missing, null and "" values too (the others let those pass untouched). */
  readonly acceptsEmpty: boolean;
}

/** Every pipe by name, with what it does and takes. */
export function describePipes(): PipeDoc[] {
  return PIPE_NAMES.map((name) => {
    const pipe = PIPES.get(name)!;
    return { name, description: pipe.description, argument: pipe.argument, acceptsEmpty: pipe.acceptsEmpty };
  });
}

/** Runs the compiled steps of one field; throws PipeRefusal when a step refuses the value. */
export type Pipeline = (value: unknown, scope: Scope) => unknown;

/** Reports a compile problem at step `index` of the pipe list. */
export type StepProblem = (index: number, message: string) => void;

interface Stage { readonly transform: Transform; readonly acceptsEmpty: boolean }

const passThrough: Pipeline = (value) => value;

export function compilePipeline(steps: readonly PipeStep[], env: PipeEnv, onProblem: StepProblem): Pipeline {
  const stages: Stage[] = [];
  steps.forEach((step, index) => {
    const stage = compileStep(step, env, (message) => onProblem(index, message));
    if (stage) stages.push(stage);
  });
  if (stages.length === 0) return passThrough;
  return (value, scope) => {
    let current = value;
    for (const stage of stages) {
      if (!stage.acceptsEmpty && isEmpty(current)) continue;
      current = stage.transform(current, scope);
    }
    return current;
  };
}

function compileStep(step: PipeStep, env: PipeEnv, onProblem: (message: string) => void): Stage | undefined {
  const [name, argument] = typeof step === 'string' ? [step, undefined] : firstEntry(step);
  const pipe = PIPES.get(name);
  if (!pipe) {
    onProblem(`unknown pipe "${name}" (known: ${PIPE_NAMES.join(', ')})`);
    return undefined;
  }
  try {
    return { transform: pipe.build(argument, env), acceptsEmpty: pipe.acceptsEmpty };
  } catch (error) {
    if (!(error instanceof PipeSetupError)) throw error;
    onProblem(`${name}: ${error.message}`);
    return undefined;
  }
}

function firstEntry(step: Readonly<Record<string, unknown>>): [string, unknown] {
  const [entry] = Object.entries(step);
  return entry ?? ['', undefined];
}
