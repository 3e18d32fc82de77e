/**
 * RFC 4180 quoting of one CSV field: a field that contains the delimiter, the quote
 * character, CR or LF is written between quotes with every quote doubled; with
 * `quoteAll` every field is, and so is a field its caller says must be (the only cell of
 * a row when it is blank). Also the defaults of the `csv` block.
 */
import type { CsvOptions } from '../mapping-file-types.js';
import { describeCharacter, type CharacterCheck } from './text-encoding.js';

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

/**
 * Problems with the settings that the schema cannot see, each with the key it is about:
 * a quote character equal to the delimiter makes every cell ambiguous, and a delimiter or
 * quote the file's encoding cannot hold would be written as another character.
 */
export function csvSettingsProblems(settings: CsvSettings, check: CharacterCheck): Array<{ key: 'delimiter' | 'quote'; message: string }> {
  const problems: Array<{ key: 'delimiter' | 'quote'; message: string }> = [];
  for (const key of ['delimiter', 'quote'] as const) {
    const bad = check.find(settings[key]);
    if (bad !== undefined) problems.push({ key, message: `the ${key} ${describeCharacter(bad)} ${check.reason(bad)}` });
  }
  if (settings.quote === settings.delimiter) {
    problems.push({ key: 'quote', message: `the quote character ${JSON.stringify(settings.quote)} must differ from the delimiter` });
  }
  return problems;
}

/** `force` quotes the field even when nothing in it needs quoting. */
export type CsvQuoter = (text: string, force?: boolean) => string;

export function compileCsvQuoter(settings: CsvSettings): CsvQuoter {
  const special = new RegExp(`[${escapeClass(settings.delimiter + settings.quote)}\\r\\n]`);
  const quotes = new RegExp(escapeClass(settings.quote), 'g');
  const doubled = settings.quote + settings.quote;
  return (text, force = false) => {
    if (!settings.quoteAll && !force && !special.test(text)) return text;
    return settings.quote + text.replace(quotes, doubled) + settings.quote;
  };
}

function escapeClass(characters: string): string {
  return characters.replace(/[\\\]\[^$.*+?(){}|\/-]/g, '\\$&');
}
