/**
 * How a parse layout looks at one line: a fixed-width line by position (1-based start
 * and length, counted in characters) or a CSV row by column (a header name, or a
 * 1-based number). A locator is compiled once per field; a slice or cell that is empty
 * or only spaces is a missing value, so `default` and `optional` work as in any mapping.
 */
import type { CsvRow } from './csv-reader.js';
import { characterCount } from './fixed-cell.js';

export interface LineView {
  /** Exactly as written, '' past the end of the line. */
  slice(start: number, length: number): string;
  /** The cell, or undefined when the row has no such column. */
  cell(column: string | number): string | undefined;
}

export interface Locator {
  /** For messages: `columns 41-54`, `column "status"`. */
  readonly label: string;
  read(view: LineView): string | undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function fixedLineView(text: string): LineView {
  const characters = SURROGATE.test(text) ? [...text] : undefined;
  return {
    slice: (start, length) => (characters
      ? characters.slice(start - 1, start - 1 + length).join('')
      : text.slice(start - 1, start - 1 + length)),
    cell: () => undefined,
  };
}

export function lineLength(text: string): number {
  return characterCount(text);
}

/** `header` maps names to 0-based positions (undefined when the file has no header row). */
export function csvRowView(row: CsvRow, header: ReadonlyMap<string, number> | undefined): LineView {
  return {
    slice: () => '',
    cell: (column) => {
      const index = typeof column === 'number' ? column - 1 : header?.get(column);
      return index === undefined ? undefined : row.cells[index];
    },
  };
}

export function sliceLocator(start: number, length: number): Locator {
  const label = length === 1 ? `column ${start}` : `columns ${start}-${start + length - 1}`;
  return { label, read: (view) => present(view.slice(start, length)) };
}

export function columnLocator(column: string | number): Locator {
  const label = typeof column === 'number' ? `column ${column}` : `column ${JSON.stringify(column)}`;
  return { label, read: (view) => present(view.cell(column)) };
}

function present(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}
