/**
 * A CSV table with a header row, as spreadsheets export it, read into one object per
 * row keyed by the column names (lower case, spaces as `_`), for connectors that
 * receive CSV documents (an e-mailed order sheet). UTF-8 (with or without a BOM) or,
 * when the bytes are not UTF-8, Windows-1252 (what Excel writes); the delimiter is
 * whichever of `,` `;` or tab the header line uses most. Rows are RFC 4180 (quoted
 * cells may hold delimiters and line breaks).
 */
import { readCsv } from '../mapping/layout/csv-reader.js';

export interface CsvTable {
  columns: string[];
  /** One object per data row; `line` is where the row starts in the file. */
  rows: Array<{ line: number; cells: Record<string, string> }>;
  /** Each names the line and what is wrong. */
  problems: string[];
}

export interface CsvTableOptions {
  delimiter?: ',' | ';' | '\t';
  /** Rows beyond this are a problem, not read (default 10,000). */
  maxRows?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252 bytes 0x80–0x9F (€, curly quotes, dashes, …); the rest is Latin-1. Spelt
 * out because some Node releases decode 'windows-1252' as Latin-1 (0x80 → U+0080).
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export function readCsvTable(bytes: Buffer, options: CsvTableOptions = {}): CsvTable {
  const text = decode(bytes);
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const read = readCsv(text, { delimiter, quote: '"', header: true, quoteAll: false });
  const problems = read.problems.map((p) => `line ${p.line}: ${p.message}`);
  const [header, ...data] = read.rows;
  if (!header) return { columns: [], rows: [], problems: [...problems, 'the file has no header row'] };
  const columns = header.cells.map(columnName);
  const maxRows = options.maxRows ?? 10_000;
  if (data.length > maxRows) problems.push(`the file has ${data.length} rows; at most ${maxRows} are read`);
  const rows = data.slice(0, maxRows).map((row) => {
    if (row.cells.length > columns.length) problems.push(`line ${row.line}: ${row.cells.length} cells but the header names ${columns.length} columns`);
    return { line: row.line, cells: Object.fromEntries(columns.map((column, i) => [column, row.cells[i] ?? ''])) };
  });
  return { columns, rows, problems };
}

function decode(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return utf8.decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

function guessDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (character: string) => firstLine.split(character).length - 1;
  const candidates = [',', ';', '\t'] as const;
  return candidates.reduce((best, candidate) => (count(candidate) > count(best) ? candidate : best), ',');
}

/** `Unit Price` → `unit_price`. */
function columnName(cell: string): string {
  return cell.trim().toLowerCase().replace(/\s+/g, '_');
}
