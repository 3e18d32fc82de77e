/**
 * draftMapping: a first inbound mapping to the canonical order, drafted from one sample
 * payload by the names of its fields (see ./draft/). Every guess is tried on the sample
 * itself, and one the sample refuses is taken back out, so the draft is a valid mapping
 * file that compiles and maps its own sample. What it cannot guess is listed as TODO in
 * the mapping's `description` (the only free text a mapping file has) and returned.
 */
import { CANONICAL_SCHEMA_ID } from '../model/order.js';
import { compileMapping } from './compile-mapping.js';
import { allGuesses, fieldsOf, isGroup, takeOut, targetPattern } from './draft/draft-entries.js';
import { guessFields, type Guesses } from './draft/guess-fields.js';
import type { SampleFormat } from './draft/read-sample.js';
import { MappingError, type MappingProblem } from './mapping-error.js';
import type { DocumentMappingFile } from './mapping-file-types.js';
import { DataFileError } from './read-data-file.js';

export interface DraftOptions {
  id: string;
  /** The sample as the description names it (its path). */
  sampleLabel: string;
  format: SampleFormat;
  /** XML: the root element whose content the sample is. */
  root?: string;
}

export interface DraftGuess {
  /** Canonical pointer (`/lines/*\/sku`). */
  target: string;
  /** Where in the sample it is read (relative to its group). */
  source: string;
  /** The name in the sample it answered to. */
  matched: string;
}

export interface Draft {
  document: DocumentMappingFile;
  guesses: DraftGuess[];
  /** Required canonical fields still to map by hand. */
  todos: string[];
  /** Guesses made with a doubt, to check. */
  checks: string[];
  /** What the draft makes of the sample: the expected output of its golden test. */
  output: Record<string, unknown>;
}

/** Canonical parts no sample name is guessed for. */
const NEVER_DRAFTED = ['/payment', '/fulfilment'];

export function draftMapping(sample: Record<string, unknown>, options: DraftOptions): Draft {
  const guesses = guessFields(sample);
  addFormatChecks(guesses, options);
  for (;;) {
    if (guesses.entries.length === 0) {
      throw new DataFileError(options.sampleLabel, 'nothing in it reads like an order (an id, a date, a currency, lines, totals): is it one order? Write its mapping by hand (mappings/README.md)');
    }
    const document = documentOf(guesses, options);
    const compiled = compileMapping(document, { file: `draft ${options.id}` });
    try {
      const output = compiled.apply(sample);
      checkTotals(output, guesses);
      const made = allGuesses(guesses.entries).map(({ target, source, matched }) => ({ target, source, matched }));
      return { document: documentOf(guesses, options), guesses: made, todos: guesses.todos, checks: guesses.checks, output };
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      takeBackRefused(guesses, error.problems, error);
    }
  }
}

/** Takes out each guess the sample refused, noting a TODO for it. */
function takeBackRefused(guesses: Guesses, problems: readonly MappingProblem[], error: MappingError): void {
  let taken = 0;
  for (const problem of problems) {
    const field = takeOut(guesses.entries, problem.target);
    if (!field) continue;
    taken++;
    guesses.todos.push(`${targetPattern(problem.target)}: guessed from ${field.source} (${field.matched}), but the sample's value is refused (${problem.message}): map it by hand`);
  }
  if (taken === 0) throw error;
}

/** Totals that do not add up on the sample mean one of them reads the wrong amount (before or after discounts). */
function checkTotals(output: Record<string, unknown>, guesses: Guesses): void {
  const totals = output.totals as Record<string, unknown> | undefined;
  const parts = ['subtotal', 'shipping', 'tax', 'discount', 'grandTotal'].map((name) => totals?.[name]);
  if (!parts.every((part): part is number => typeof part === 'number')) return;
  const [subtotal, shipping, tax, discount, grandTotal] = parts as [number, number, number, number, number];
  const sum = subtotal + shipping + tax - discount;
  if (sum === grandTotal) return;
  guesses.checks.push(`/totals: on the sample subtotal + shipping + tax - discount is ${sum}, but grandTotal is ${grandTotal}: one of them reads the wrong amount (before or after discounts?)`);
}

function addFormatChecks(guesses: Guesses, options: DraftOptions): void {
  if (options.format !== 'xml') return;
  const lines = guesses.entries.find((entry) => isGroup(entry) && entry.target === '/lines');
  const element = lines?.source.split('/').at(-1);
  if (element) {
    guesses.checks.push(`XML: <${element}> is read as a list; the connector's parse must read it as one even when an order has a single line (parseXmlSafely(body, { arrays: ['${element}'] })), or such an order is refused`);
  }
}

function documentOf(guesses: Guesses, options: DraftOptions): DocumentMappingFile {
  return {
    id: options.id,
    version: '0.1.0',
    from: `draft from ${options.sampleLabel}`,
    to: CANONICAL_SCHEMA_ID,
    description: describeDraft(guesses, options),
    fields: fieldsOf(guesses.entries),
  };
}

function describeDraft(guesses: Guesses, options: DraftOptions): string {
  const parts = [
    `Drafted by \`hub mapping new\` from ${options.sampleLabel}: every field is a guess by its name in the sample; check each one against the channel's documentation before real orders use it.`,
  ];
  if (options.root) {
    parts.push(`Paths start inside the root element <${options.root}>, as the hub's XML connectors hand a document to its mapping (with the default parser, prefix them with /${options.root}).`);
  }
  if (guesses.todos.length > 0) parts.push(`TODO: ${numbered(guesses.todos)}.`);
  if (guesses.checks.length > 0) parts.push(`Check: ${numbered(guesses.checks)}.`);
  parts.push(`Not drafted (optional): ${[...guesses.skipped, ...NEVER_DRAFTED].join(', ')}.`);
  return parts.join(' ');
}

function numbered(items: readonly string[]): string {
  return items.map((item, index) => `(${index + 1}) ${item}`).join('; ');
}

