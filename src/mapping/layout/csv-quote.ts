/**
 * RFC 4180 quoting of one CSV field: a field that contains the delimiter, the quote
 * character, CR or LF is written between quotes with every quote doubled; with
 * `quoteAll` every field is. Also the defaults of the `csv` block.
 */
import type { CsvOptions } from '../mapping-file-types.js';

export interface CsvSettings {
  readonly delimiter: string;
  readonly quote: string;
  readonly header: boolean;
  readonly quoteAll: boolean;
}

export function csvSettings(options: CsvOptions = {}): CsvSettings {
  return {
    delimiter: options.delimiter ?? ',',
    quote: options.quote ?? '"',
    header: options.header ?? true,
    quoteAll: options.quoteAll ?? false,
  };
}

export type CsvQuoter = (text: string) => string;

export function compileCsvQuoter(settings: CsvSettings): CsvQuoter {
  const special = new RegExp(`[${escapeClass(settings.delimiter + settings.quote)}\\r\\n]`);
  const quotes = new RegExp(escapeClass(settings.quote), 'g');
  const doubled = settings.quote + settings.quote;
  return (text) => {
    if (!settings.quoteAll && !special.test(text)) return text;
    return settings.quote + text.replace(quotes, doubled) + settings.quote;
  };
}

function escapeClass(characters: string): string {
  return characters.replace(/[\\\]\[^$.*+?(){}|\/-]/g, '\\$&');
}
