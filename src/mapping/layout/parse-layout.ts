/**
 * Compiles a parse layout (`"direction": "parse"`, fixed-width or CSV) once: the fields
 * every record has, the records, the encoding and the CSV settings, plus the checks a
 * schema cannot make (a slice past `expectLength`, column names without a header row, a
 * quote character equal to the delimiter or one the encoding cannot hold).
 * Parsing never throws for bad data: every problem is collected with its line; a broken
 * layout is a MappingFileError when it is compiled.
 */
import { reportCompileProblem, type CompileContext } from '../compile-context.js';
import { escapeSegment } from '../json-pointer.js';
import type { MappingBehaviour } from '../mapping-behaviour.js';
import { MappingError } from '../mapping-error.js';
import { MappingFileError } from '../mapping-file-error.js';
import type { ParseFieldsSpec, ParseLayoutFile } from '../mapping-file-types.js';
import { csvSettings, csvSettingsProblems, type CsvSettings } from './csv-quote.js';
import { readCsvRecords } from './csv-rows-reader.js';
import { readFixedWidth } from './fixed-reader.js';
import { compileParseFields } from './parse-fields.js';
import { compileParseRecord } from './parse-record.js';
import type { ParsedLayout } from './parsed-layout.js';
import { characterCheck, textEncoding } from './text-encoding.js';

type ReadText = (text: string, badLines: readonly number[]) => ParsedLayout;

export function compileParseLayout(mapping: ParseLayoutFile, context: CompileContext): MappingBehaviour {
  const encoding = textEncoding(mapping.encoding);
  const settings = csvSettings(mapping.csv);
  const shared = compileParseFields(mapping.fields, '/fields', context);
  const records = mapping.records.map((spec, i) => compileParseRecord(spec, `/records/${i}`, shared, context));
  if (mapping.format === 'csv') {
    checkColumnNames(mapping, settings, context);
    const check = characterCheck(encoding, false);
    for (const { key, message } of csvSettingsProblems(settings, check)) reportCompileProblem(context, `/csv/${key}`, message);
  } else {
    checkExpectedLengths(mapping, context);
  }
  const read: ReadText = mapping.format === 'csv'
    ? (text, badLines) => readCsvRecords(text, badLines, { settings, records, sharedColumns: shared.columnNames, encodingLabel: encoding.label })
    : (text, badLines) => readFixedWidth(text, badLines, records, encoding.label);
  const parse = (bytes: Buffer): ParsedLayout => {
    const decoded = encoding.decode(bytes);
    return read(decoded.text, decoded.badLines);
  };
  return {
    parse,
    apply: (input) => {
      const parsed = Buffer.isBuffer(input) ? parse(input) : typeof input === 'string' ? read(input, []) : undefined;
      if (!parsed) throw new MappingError(mapping.id, [{ target: '/', source: '', message: 'a parse layout reads a file: give it bytes or text' }]);
      return { rows: parsed.rows, problems: parsed.problems };
    },
    render: () => {
      throw new MappingFileError([{ file: context.file, path: '/direction', message: 'a parse layout reads files; it cannot render' }]);
    },
  };
}

/** Every field of the layout with where it is in the file: the shared ones, then each record's. */
function allFields(mapping: ParseLayoutFile): Array<{ at: string; fields: ParseFieldsSpec }> {
  return [
    { at: '/fields', fields: mapping.fields },
    ...mapping.records.map((record, i) => ({ at: `/records/${i}/fields`, fields: record.fields ?? {} })),
  ];
}

function checkColumnNames(mapping: ParseLayoutFile, settings: CsvSettings, context: CompileContext): void {
  if (settings.header) return;
  const needsHeader = 'names a column, which needs "csv": { "header": true } (or use a 1-based column number)';
  for (const { at, fields } of allFields(mapping)) {
    for (const [target, spec] of Object.entries(fields)) {
      if (typeof spec.column === 'string') reportCompileProblem(context, `${at}/${escapeSegment(target)}/column`, `field ${target} ${needsHeader}`);
    }
  }
  mapping.records.forEach((record, i) => {
    if (typeof record.match?.column === 'string') reportCompileProblem(context, `/records/${i}/match/column`, `the match of record ${record.name} ${needsHeader}`);
  });
}

function checkExpectedLengths(mapping: ParseLayoutFile, context: CompileContext): void {
  const shared = mapping.fields;
  mapping.records.forEach((record, i) => {
    const limit = record.expectLength;
    if (limit === undefined) return;
    for (const [at, fields] of [['/fields', shared], [`/records/${i}/fields`, record.fields ?? {}]] as const) {
      for (const [target, spec] of Object.entries(fields)) {
        const end = (spec.start ?? 0) + (spec.length ?? 0) - 1;
        if (end > limit) {
          reportCompileProblem(context, `${at}/${escapeSegment(target)}`, `field ${target} (columns ${spec.start}-${end}) ends after the expectLength ${limit} of record ${record.name}`);
        }
      }
    }
  });
}
