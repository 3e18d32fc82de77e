/**
 * A CSV row: one cell per column in order, RFC 4180 quoting, a missing value as an
 * empty cell. Also the header row, from the column names of the first record that
 * has columns. A row of one blank cell is written quoted (`""`), because a reader skips
 * a blank line: unquoted, the row would be lost.
 */
import type { CleanText } from './character-policy.js';
import type { CsvQuoter, CsvSettings } from './csv-quote.js';
import type { LayoutField } from './layout-field.js';
import { signedText, type RecordWriter } from './record-writer.js';
import type { RenderRun } from './render-run.js';

export interface CsvWriterOptions {
  readonly settings: CsvSettings;
  readonly quote: CsvQuoter;
  readonly clean: CleanText;
}

export function compileCsvWriter(fields: readonly LayoutField[], options: CsvWriterOptions): RecordWriter {
  const { settings, quote, clean } = options;
  const lone = fields.length === 1;
  return {
    fields,
    line: (values, label, run) => fields.map((field, index) => {
      const value = values[index];
      const text = value ? clean(signedText(value), `${label} field ${field.name}`, run) ?? '' : '';
      return quote(text, lone && isBlank(text));
    }).join(settings.delimiter),
  };
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The header row; names are checked like values (`header field <name>`). */
export function csvHeader(names: readonly string[], options: CsvWriterOptions, run: RenderRun): string {
  return names.map((name) => {
    const text = options.clean(name, `header field ${name}`, run) ?? '';
    return options.quote(text, names.length === 1 && isBlank(text));
  }).join(options.settings.delimiter);
}
