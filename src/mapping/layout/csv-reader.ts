/**
 * Reads CSV text (RFC 4180) into rows of cells with the line each row starts on:
 * quoted cells may hold the delimiter, doubled quotes and line breaks; rows end with
 * LF or CRLF; blank lines (no cell but one unquoted blank one) are skipped, and a quoted
 * blank cell alone on its line (`""`) is a row. A malformed row (a quoted cell that is never
 * closed, text after a closing quote, a quote inside an unquoted cell) is a problem
 * for its line and is skipped; reading goes on with the next line.
 */
import type { CsvSettings } from './csv-quote.js';

export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

export interface CsvReadResult {
  readonly rows: CsvRow[];
  readonly problems: Array<{ line: number; message: string }>;
}

class RowProblem extends Error {}

/** A cursor over the text that counts lines as it passes line breaks. */
interface Cursor {
  readonly text: string;
  at: number;
  line: number;
}

export function readCsv(text: string, settings: CsvSettings): CsvReadResult {
  const cursor: Cursor = { text, at: 0, line: 1 };
  const result: CsvReadResult = { rows: [], problems: [] };
  while (cursor.at < text.length) {
    const line = cursor.line;
    try {
      const quoted = text[cursor.at] === settings.quote;
      const cells = readRow(cursor, settings);
      if (!(cells.length === 1 && !quoted && cells[0]!.trim() === '')) result.rows.push({ line, cells });
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      result.problems.push({ line, message: error.message });
      skipRestOfLine(cursor);
    }
  }
  return result;
}

function readRow(cursor: Cursor, settings: CsvSettings): string[] {
  const cells: string[] = [];
  for (;;) {
    cells.push(cursor.text[cursor.at] === settings.quote ? readQuoted(cursor, settings) : readPlain(cursor, settings));
    if (cursor.text[cursor.at] === settings.delimiter) {
      cursor.at++;
      continue;
    }
    endOfRow(cursor);
    return cells;
  }
}

function readQuoted(cursor: Cursor, settings: CsvSettings): string {
  const { text } = cursor;
  let value = '';
  cursor.at++;
  for (;;) {
    const next = text.indexOf(settings.quote, cursor.at);
    if (next === -1) throw new RowProblem('a quoted cell is not closed');
    const chunk = text.slice(cursor.at, next);
    cursor.line += countLineBreaks(chunk);
    value += chunk;
    cursor.at = next + 1;
    if (text[cursor.at] !== settings.quote) break;
    value += settings.quote;
    cursor.at++;
  }
  if (!isCellEnd(cursor, settings)) throw new RowProblem(`unexpected text after a closing ${settings.quote}`);
  return value;
}

function readPlain(cursor: Cursor, settings: CsvSettings): string {
  const start = cursor.at;
  while (!isCellEnd(cursor, settings)) {
    if (cursor.text[cursor.at] === settings.quote) throw new RowProblem(`a ${settings.quote} inside a cell that does not start with one`);
    cursor.at++;
  }
  return cursor.text.slice(start, cursor.at);
}

function isCellEnd(cursor: Cursor, settings: CsvSettings): boolean {
  const character = cursor.text[cursor.at];
  return character === undefined || character === settings.delimiter || character === '\n'
    || (character === '\r' && cursor.text[cursor.at + 1] === '\n');
}

function endOfRow(cursor: Cursor): void {
  if (cursor.text[cursor.at] === '\r') cursor.at++;
  if (cursor.text[cursor.at] === '\n') {
    cursor.at++;
    cursor.line++;
  }
}

function skipRestOfLine(cursor: Cursor): void {
  const next = cursor.text.indexOf('\n', cursor.at);
  cursor.at = next === -1 ? cursor.text.length : next + 1;
  cursor.line++;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
