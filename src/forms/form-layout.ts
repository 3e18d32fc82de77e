/**
 * Form layouts: where each field of one of our printable order forms is, as data
 * (`mappings/forms/*.json`). Everything is in millimetres from the top-left corner of
 * the page. The same layout drives rendering the blank form, aligning a scanned page to
 * it (the four registration squares), decoding its mark (form id, version, page) and
 * reading each field's zone.
 */
import { readFile } from 'node:fs/promises';

/** What a field may hold: `digits` 0-9, `alnum` A-Z and 0-9, `text` printed words. */
export type FieldCharset = 'digits' | 'alnum' | 'text';

export interface BoxedField {
  name: string;
  label: string;
  kind: 'boxes';
  charset: 'digits' | 'alnum';
  /** Top-left corner of the first box. */
  xMm: number;
  yMm: number;
  boxes: number;
  boxWidthMm: number;
  boxHeightMm: number;
  /** Implied decimal places of an amount written in boxes (`002490` with 2 → `24.90`). */
  decimals?: number;
  required: boolean;
}

export interface TextField {
  name: string;
  label: string;
  kind: 'text';
  charset: 'text';
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
  required: boolean;
}

export type FormField = BoxedField | TextField;

/** The order lines: `rows` rows of the same columns, `rowPitchMm` apart, the first at `yMm`. */
export interface LineTable {
  yMm: number;
  rows: number;
  rowPitchMm: number;
  /** Columns of one row; their `yMm` is 0 (relative to the row). */
  columns: BoxedField[];
}

/**
 * The machine-readable mark: a strip of `bits` cells, black = 1, read left to right:
 * 4 sync bits `1010`, form number (8), version (6), page (4), page count (4), and a
 * CRC-6 over those 22 data bits (form-mark.ts), which catches every one- and two-cell misread.
 */
export interface MarkStrip {
  xMm: number;
  yMm: number;
  cellWidthMm: number;
  cellHeightMm: number;
  bits: 32;
}

export interface FormLayout {
  id: string;
  /** Number carried in the mark (1-255). */
  formNumber: number;
  version: number;
  title: string;
  page: { widthMm: number; heightMm: number };
  /** Solid black squares (top-left corners) the reader aligns a scanned page by: TL, TR, BL, BR. */
  registration: { sizeMm: number; marks: [[number, number], [number, number], [number, number], [number, number]] };
  mark: MarkStrip;
  /** Fields of every page (the customer block). */
  fields: FormField[];
  lines: LineTable;
  /** Fields after the lines (the order total). */
  footer: FormField[];
  /** Pages of one copy of the form; each repeats the header and carries `lines.rows` lines. */
  pages: number;
}

export async function loadFormLayout(file: string): Promise<FormLayout> {
  return JSON.parse(await readFile(file, 'utf8')) as FormLayout;
}

/** Every field zone of one page, line fields named `lines.<row>.<column>` (row from 1). */
export function pageFields(layout: FormLayout): FormField[] {
  const rows: FormField[] = [];
  for (let row = 0; row < layout.lines.rows; row++) {
    for (const column of layout.lines.columns) {
      rows.push({ ...column, name: `lines.${row + 1}.${column.name}`, yMm: layout.lines.yMm + row * layout.lines.rowPitchMm + column.yMm });
    }
  }
  return [...layout.fields, ...rows, ...layout.footer];
}
