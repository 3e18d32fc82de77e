/**
 * A CSV row: one cell per column in order, RFC 4180 quoting, a missing value as an
 * empty cell. Also the header row, from the column names of the first record that
 * has columns.
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
  return {
    fields,
    line: (values, label, run) => fields.map((field, index) => {
      const value = values[index];
      if (!value) return quote('');
      return quote(clean(signedText(value), `${label} field ${field.name}`, run) ?? '');
    }).join(settings.delimiter),
  };
}

/** The header row; names are checked like values (`header field <name>`). */
export function csvHeader(names: readonly string[], options: CsvWriterOptions, run: RenderRun): string {
  return names.map((name) => options.quote(options.clean(name, `header field ${name}`, run) ?? ''))
    .join(options.settings.delimiter);
}
