/**
 * Reads the rows of a CSV file with the records of a parse layout: the header row (when
 * the layout has one) names the columns, and a column the layout reads that the header
 * does not have is a problem of the header line (no rows are read then); a row whose
 * number of cells differs from the header's, that no record matches, or that starts on a
 * line whose bytes were not valid in the encoding is a problem; any other row is read by
 * the first record that matches it.
 */
import type { CsvSettings } from './csv-quote.js';
import { readCsv, type CsvRow } from './csv-reader.js';
import { csvRowView } from './line-view.js';
import type { ParseRecord } from './parse-record.js';
import type { ParsedLayout, ParseProblem } from './parsed-layout.js';

export interface CsvReadSetup {
  readonly settings: CsvSettings;
  readonly records: readonly ParseRecord[];
  /** Header names the fields every record has read. */
  readonly sharedColumns: readonly string[];
  readonly encodingLabel: string;
}

export function readCsvRecords(text: string, badLines: readonly number[], setup: CsvReadSetup): ParsedLayout {
  const read = readCsv(text, setup.settings);
  const out: ParsedLayout = { rows: [], problems: [...read.problems] };
  const bad = new Set(badLines);
  for (const line of badLines) out.problems.push({ line, message: `the line is not valid ${setup.encodingLabel}` });
  const rows = read.rows.filter((row) => !bad.has(row.line));
  const headerRow = setup.settings.header ? rows.shift() : undefined;
  const header = headerRow ? headerIndex(headerRow) : undefined;
  if (headerRow && header) {
    const missing = missingColumns(header, setup);
    out.problems.push(...missing.map((name) => ({ line: headerRow.line, message: `the header has no column ${JSON.stringify(name)}` })));
    if (missing.length > 0) return sorted(out);
  }
  for (const row of rows) readRow(row, header, headerRow?.cells.length, setup.records, out);
  return sorted(out);
}

function readRow(row: CsvRow, header: ReadonlyMap<string, number> | undefined, width: number | undefined, records: readonly ParseRecord[], out: ParsedLayout): void {
  if (width !== undefined && row.cells.length !== width) {
    out.problems.push({ line: row.line, message: `the row has ${row.cells.length} cells, the header has ${width}` });
    return;
  }
  const view = csvRowView(row, header);
  const record = records.find((candidate) => candidate.matches(view));
  if (!record) {
    out.problems.push({ line: row.line, message: 'no record matches this row' });
    return;
  }
  record.read(view, row.line, out);
}

/** Name → 0-based position; the first of two equal names wins. */
function headerIndex(row: CsvRow): Map<string, number> {
  const index = new Map<string, number>();
  row.cells.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return index;
}

function missingColumns(header: ReadonlyMap<string, number>, setup: CsvReadSetup): string[] {
  const wanted = new Set([...setup.sharedColumns, ...setup.records.flatMap((record) => record.columnNames)]);
  return [...wanted].filter((name) => !header.has(name));
}

function sorted(out: ParsedLayout): ParsedLayout {
  out.problems.sort((a: ParseProblem, b: ParseProblem) => a.line - b.line);
  return out;
}
