/**
 * The `type` of a layout field turns its value (after the pipe) into what is written:
 * - text: the text of a scalar;
 * - integer: an exact integer (numbers, integer text, or an aggregate's BigInt); a negative
 *   number is refused unless the field is `signed`;
 * - date, time: the UTC instant in `format` (default `YYYYMMDD` for dates, `HHmmss` for times).
 * The result keeps the sign apart from the digits so fixed-width padding can put zeros after it.
 */
import type { FieldType, LayoutFieldSpec } from '../mapping-file-types.js';
import { compileDatePattern, parseTime } from '../pipes/date-pipes.js';
import { toInteger } from '../pipes/number-pipes.js';
import { PipeRefusal } from '../pipes/pipe-errors.js';
import { toText } from '../pipes/text-pipes.js';

export interface TypedValue {
  /** What is written, without the sign of a negative number. */
  readonly text: string;
  readonly negative: boolean;
  /** For integer fields: the exact value (what aggregates add up); a BigInt only beyond 2^53. */
  readonly integer?: number | bigint;
}

export type ConvertValue = (value: unknown) => TypedValue;

const DEFAULT_FORMATS: Partial<Record<FieldType, string>> = { date: 'YYYYMMDD', time: 'HHmmss' };

/** Aggregates are integers unless the field says otherwise. */
export function fieldTypeOf(spec: LayoutFieldSpec): FieldType {
  return spec.type ?? (spec.aggregate ? 'integer' : 'text');
}

export function compileFieldType(spec: LayoutFieldSpec): ConvertValue {
  const type = fieldTypeOf(spec);
  if (type === 'integer') return integerValue(spec.signed === true);
  if (type === 'text') return (value) => ({ text: toText(value), negative: false });
  const format = compileDatePattern(spec.format ?? DEFAULT_FORMATS[type] ?? 'YYYYMMDD');
  return (value) => ({ text: format(new Date(parseTime(value).instant)), negative: false });
}

/** How many characters a date or time pattern always writes (for years 1000 to 9999). */
export function patternWidth(spec: LayoutFieldSpec): number | undefined {
  const type = fieldTypeOf(spec);
  if (type !== 'date' && type !== 'time') return undefined;
  return compileDatePattern(spec.format ?? DEFAULT_FORMATS[type] ?? 'YYYYMMDD')(new Date(Date.UTC(2000, 0, 1))).length;
}

function integerValue(signed: boolean): ConvertValue {
  return (value) => {
    const integer = typeof value === 'bigint' ? value : toInteger(value);
    const negative = integer < 0;
    if (negative && !signed) throw new PipeRefusal(`${integer} is negative and the field is not signed`);
    return { text: (negative ? -integer : integer).toString(), negative, integer };
  };
}
