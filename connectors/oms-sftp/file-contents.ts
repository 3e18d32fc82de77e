/**
 * What one file from the OMS's outbox holds: stock or status events. The layout says
 * what its rows are: rows of the record `stock` (mappings/oms-stock-csv.json) are stock,
 * rows of any other record (the ACK file's `A`, the status file's `status`) are status
 * rows. The file name then gives a stock file its kind, time and sequence; a file
 * with only a header row is stock when its name is a stock file name.
 * A file whose rows and name disagree is bad input, and goes to quarantine.
 */
import { BadInputError, type ParsedFile, type StatusEventIn, type StockUpdate } from '../../src/sdk/index.js';
import { rowsToEvents } from './rows-to-events.js';
import { rowsToStock } from './rows-to-stock.js';
import { readStockFileName, STOCK_FILE_NAME_FORMAT } from './stock-file-name.js';

/** The record name that marks a stock row in a parse layout. */
export const STOCK_RECORD = 'stock';

export interface FileContents {
  events: StatusEventIn[];
  stock: StockUpdate[];
}

type Row = ParsedFile['rows'][number];

export function contentsOf(fileName: string, rows: Row[]): FileContents {
  const stockName = readStockFileName(fileName);
  const isStock = rows.length > 0 ? rows[0]!.record === STOCK_RECORD : stockName !== undefined;
  const stray = rows.find((row) => (row.record === STOCK_RECORD) !== isStock);
  if (stray) {
    throw new BadInputError(`${fileName} line ${stray.line}: a ${stray.record} row among ${isStock ? 'stock' : 'status'} rows; a file holds one or the other`, {
      code: 'MIXED_FILE',
    });
  }
  if (!isStock) return { events: rowsToEvents(fileName, rows), stock: [] };
  if (!stockName) {
    throw new BadInputError(`${fileName} holds stock rows but is not named ${STOCK_FILE_NAME_FORMAT}, so it is neither a snapshot nor a delta`, {
      code: 'STOCK_FILE_NAME', hint: 'rename the file, or map this file name to a status layout in mappings.files',
    });
  }
  return { events: [], stock: rowsToStock(fileName, stockName, rows) };
}
