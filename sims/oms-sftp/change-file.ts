/**
 * Reads a change file (`CHG_<changeId>.csv`, "Change files" in docs/protocols.md):
 * UTF-8 CSV with a header row, one row per operation, every row naming the same change
 * and order. Columns are found by their header names; amounts stay decimal text until
 * the order's currency is known. Problems are short codes that fit a status file's
 * reason, e.g. `UNREADABLE line 3 op "SPLIT_LINE"`.
 */
import { readCsvRows } from './csv-rows.js';
import type { OmsSftpShipTo } from './types.js';

export type ChangeOperation =
  | { op: 'SET_QUANTITY'; lineNumber: number; quantity: number }
  | { op: 'CHANGE_SKU'; lineNumber: number; sku: string; unitPrice?: string; description?: string }
  | { op: 'ADD_LINE'; lineNumber: number; sku: string; quantity: number; unitPrice: string; description: string }
  | { op: 'CHANGE_ADDRESS'; shipTo: OmsSftpShipTo }
  | { op: 'CANCEL_LINE'; lineNumber: number }
  | { op: 'CANCEL_ORDER'; reason: string };

export interface ChangeFile {
  changeId: string;
  omsOrderNumber: string;
  hubOrderId: string;
  operations: ChangeOperation[];
}

export type ChangeFileReading =
  | { readable: true; change: ChangeFile }
  | { readable: false; reason: string; changeId?: string; omsOrderNumber?: string; hubOrderId?: string };

type Cells = (column: string) => string;

class ChangeFileProblem extends Error {}

export function parseChangeFile(content: Buffer): ChangeFileReading {
  let rows: string[][];
  try {
    rows = readCsvRows(content.toString('utf8'));
  } catch (error) {
    return { readable: false, reason: `UNREADABLE ${(error as Error).message}` };
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0) return { readable: false, reason: 'UNREADABLE no operations' };
  const cellsOf = (row: string[]): Cells => (column) => (row[header.indexOf(column)] ?? '').trim();
  const first = cellsOf(body[0]!);
  const refs = { changeId: first('change_id'), omsOrderNumber: first('oms_order_number'), hubOrderId: first('hub_order_id') };
  const known = Object.fromEntries(Object.entries(refs).filter(([, value]) => value !== ''));
  try {
    if (!refs.changeId) throw new ChangeFileProblem('line 2 no change_id');
    if (!refs.omsOrderNumber && !refs.hubOrderId) throw new ChangeFileProblem('line 2 no order');
    const operations = body.map((row, index) => {
      const cells = cellsOf(row);
      const line = index + 2;
      if (cells('change_id') !== refs.changeId) throw new ChangeFileProblem(`line ${line} another change_id`);
      return operationOf(cells, line);
    });
    return { readable: true, change: { ...refs, operations } };
  } catch (error) {
    if (!(error instanceof ChangeFileProblem)) throw error;
    return { readable: false, reason: `UNREADABLE ${error.message}`, ...known };
  }
}

function operationOf(cells: Cells, line: number): ChangeOperation {
  const op = cells('op').toUpperCase();
  const whole = (column: string): number => {
    const text = cells(column);
    if (!/^\d+$/.test(text)) throw new ChangeFileProblem(`line ${line} ${column} "${text}"`);
    return Number(text);
  };
  const text = (column: string): string => {
    const value = cells(column);
    if (value === '') throw new ChangeFileProblem(`line ${line} no ${column}`);
    return value;
  };
  const optional = (column: string): string | undefined => cells(column) || undefined;
  const decimal = (column: string): string => {
    const value = cells(column);
    if (!/^\d+(\.\d+)?$/.test(value)) throw new ChangeFileProblem(`line ${line} ${column} "${value}"`);
    return value;
  };
  const optionalDecimal = (column: string): string | undefined => (cells(column) === '' ? undefined : decimal(column));
  switch (op) {
    case 'SET_QUANTITY': return { op, lineNumber: whole('line_number'), quantity: whole('quantity') };
    case 'CHANGE_SKU': return withOptional({ op, lineNumber: whole('line_number'), sku: text('sku') }, { unitPrice: optionalDecimal('unit_price'), description: optional('description') });
    case 'ADD_LINE': return { op, lineNumber: whole('line_number'), sku: text('sku'), quantity: whole('quantity'), unitPrice: decimal('unit_price'), description: cells('description') };
    case 'CHANGE_ADDRESS': return { op, shipTo: shipToOf(cells) };
    case 'CANCEL_LINE': return { op, lineNumber: whole('line_number') };
    case 'CANCEL_ORDER': return { op, reason: cells('reason') };
    default: throw new ChangeFileProblem(`line ${line} op "${op}"`);
  }
}

function shipToOf(cells: Cells): OmsSftpShipTo {
  return {
    name: cells('ship_to_name'), street1: cells('ship_to_street1'), street2: cells('ship_to_street2'), city: cells('ship_to_city'),
    region: cells('ship_to_region'), postalCode: cells('ship_to_postal_code'), country: cells('ship_to_country'),
  };
}

/** The operation with only the optional fields that have a value. */
function withOptional<T extends object>(base: T, extra: Record<string, string | undefined>): T {
  return { ...base, ...Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)) };
}
