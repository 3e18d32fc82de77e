/**
 * What a record kind needs to be written, whatever the format: its compiled fields, and
 * a function that turns their typed values into one line of text (a fixed-width record
 * or a CSV row), recording problems and warnings in the run under the record's label.
 */
import type { TypedValue } from './field-type.js';
import type { LayoutField } from './layout-field.js';
import type { RenderRun } from './render-run.js';

export type FieldValues = ReadonlyArray<TypedValue | undefined>;

export interface RecordWriter {
  readonly fields: readonly LayoutField[];
  /** `label` names the record in messages: `record 3 (O)`. */
  line(values: FieldValues, label: string, run: RenderRun): string;
}

/** The text of a typed value, with its sign. */
export function signedText(value: TypedValue): string {
  return value.negative ? `-${value.text}` : value.text;
}
