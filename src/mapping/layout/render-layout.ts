/**
 * Compiles a render layout (fixed-width or CSV) once: the top-level fields (values added
 * to the input root), the record tree with its writers, the encoding and its character
 * policy, line endings and the CSV header. Rendering walks the input once, collects every
 * problem (throwing one MappingError listing them all) and returns the text, the encoded
 * bytes, the warnings and the record counts. apply() returns what each record held.
 */
import { reportCompileProblem, type CompileContext } from '../compile-context.js';
import { withContext, type ApplyOptions, type MappingBehaviour } from '../mapping-behaviour.js';
import { MappingError } from '../mapping-error.js';
import type { FieldsSpec, RenderLayoutFile, RenderRecordSpec } from '../mapping-file-types.js';
import type { RenderedDocument } from '../rendered-document.js';
import { OMIT, rootScope } from '../scope.js';
import { compileGroup } from '../target-tree.js';
import { isPlainObject } from '../values.js';
import { summedKeys } from './aggregates.js';
import { compileCharacterPolicy } from './character-policy.js';
import { compileCsvQuoter, csvSettings, csvSettingsProblems } from './csv-quote.js';
import { compileCsvWriter, csvHeader, type CsvWriterOptions } from './csv-writer.js';
import { compileFixedWriter } from './fixed-writer.js';
import { catalogRecords } from './record-catalog.js';
import { compileRecordTree, type MakeWriter } from './record-tree.js';
import { newRenderRun, type RenderRun } from './render-run.js';
import { characterCheck, textEncoding } from './text-encoding.js';

export function compileRenderLayout(mapping: RenderLayoutFile, context: CompileContext): MappingBehaviour {
  const fixed = mapping.format === 'fixed-width';
  const encoding = textEncoding(mapping.encoding);
  const check = characterCheck(encoding, fixed);
  const clean = compileCharacterPolicy(check, mapping.unencodable ?? 'error');
  const settings = csvSettings(mapping.csv);
  if (!fixed) for (const { key, message } of csvSettingsProblems(settings, check)) reportCompileProblem(context, `/csv/${key}`, message);
  const csv: CsvWriterOptions = { settings, quote: compileCsvQuoter(settings), clean };
  const makeWriter: MakeWriter = fixed
    ? (spec, fields, at, recordContext) => compileFixedWriter(spec, fields, at, recordContext, {
      recordLength: mapping.recordLength, overflow: mapping.overflow ?? 'error', clean, check,
    })
    : (_spec, fields) => compileCsvWriter(fields, csv);
  const catalog = catalogRecords(mapping.records, '/records', (at, message) => reportCompileProblem(context, at, message));
  const writeRecords = compileRecordTree(mapping.records, '/records', { context, catalog, summed: summedKeys(catalog), makeWriter });
  const prepare = compilePrepare(mapping.fields, context);
  const header = !fixed && settings.header ? headerNames(mapping.records) : undefined;
  const written = [...catalog].filter(([, entry]) => entry.fields.size > 0).map(([name]) => name);

  const run = (input: unknown, options: ApplyOptions | undefined, keepValues = false): { run: RenderRun; lines: string[] } => {
    const state = newRenderRun(keepValues);
    writeRecords(rootScope(prepare(withContext(input, options?.context), state)), state);
    const lines = header ? [csvHeader(header, csv, state), ...state.lines] : state.lines;
    if (state.problems.length > 0) throw new MappingError(mapping.id, state.problems);
    return { run: state, lines };
  };

  const lineEnding = mapping.lineEnding ?? '\n';
  const finalNewline = mapping.finalNewline ?? true;
  const contentType = `${fixed ? 'text/plain' : 'text/csv'}; charset=${encoding.charset}`;
  return {
    apply: (input, options) => ({ records: run(input, options, true).run.records }),
    render: (input, options): RenderedDocument => {
      const { run: state, lines } = run(input, options);
      const body = lines.join(lineEnding) + (finalNewline && lines.length > 0 ? lineEnding : '');
      return {
        body,
        contentType,
        bytes: encoding.encode(body),
        warnings: state.warnings,
        stats: { records: Object.fromEntries(written.map((name) => [name, state.tally.counts.get(name) ?? 0])) },
      };
    },
  };
}

/** Top-level fields of a layout: built once from the input and added to its root. */
function compilePrepare(fields: FieldsSpec, context: CompileContext): (input: unknown, run: RenderRun) => unknown {
  if (Object.keys(fields).length === 0) return (input) => input;
  const build = compileGroup(fields, '/fields', context);
  return (input, run) => {
    const built = build(rootScope(input), run);
    if (built === OMIT || !isPlainObject(built) || !isPlainObject(input)) return input;
    return { ...input, ...built };
  };
}

/** The CSV header: the column names of the first record (depth first) that has columns. */
function headerNames(records: readonly RenderRecordSpec[]): string[] | undefined {
  for (const record of records) {
    if (record.columns) return record.columns.map((column) => column.name);
    const nested = headerNames(record.records ?? []);
    if (nested) return nested;
  }
  return undefined;
}
