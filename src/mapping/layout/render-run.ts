/**
 * The state of writing one layout file: the lines so far, what apply() shows of each
 * record, the problems (every one, so a refusal lists them all), the warnings
 * (truncations, replaced characters) and the tally that aggregates read.
 */
import type { Run } from '../scope.js';
import { newTally, type Tally } from './aggregates.js';

export interface WrittenRecord {
  /** 1-based record number in the file (the line number, not counting a CSV header). */
  readonly number: number;
  readonly record: string;
  /** The field values after pipe and type, before padding and encoding. */
  readonly values: Record<string, string | number>;
}

export interface RenderRun extends Run {
  readonly lines: string[];
  /** Filled only when `keepValues` is set (apply); rendering does not need it. */
  readonly records: WrittenRecord[];
  readonly keepValues: boolean;
  readonly warnings: string[];
  readonly tally: Tally;
}

export function newRenderRun(keepValues: boolean): RenderRun {
  return { problems: [], lines: [], records: [], keepValues, warnings: [], tally: newTally() };
}

/** `record 3 (O)`: how problems and warnings name a record. */
export function recordLabel(number: number, name: string): string {
  return `record ${number} (${name})`;
}
