/**
 * Writes stock files to the outbox: `STOCK_<yyyymmddhhmmss>_<sequence>_SNAPSHOT.csv`
 * or `…_DELTA.csv`, named when asked (so names sort in the order of the changes) and
 * queued behind the other outbox files. The time in the name is when the file is
 * written; `as_of` when the stock had these values (the same unless a test writes a
 * late delta).
 */
import { compactTimestamp } from './fixed-width.js';
import type { OutboxWriter } from './outbox-writer.js';
import { asWritten, renderStockCsv } from './stock-csv.js';
import type { SftpOmsStore } from './store.js';
import type { StockFile, StockFileKind, StockItem } from './types.js';

export interface StockFilesOptions {
  writer: OutboxWriter;
  store: SftpOmsStore;
  doneFiles: boolean;
}

export function stockFileName(kind: StockFileKind, sequence: number, at: Date): string {
  return `STOCK_${compactTimestamp(at)}_${String(sequence).padStart(6, '0')}_${kind.toUpperCase()}.csv`;
}

/** Resolves with the file once it (and its done file) is written. */
export async function writeStockFile(options: StockFilesOptions, kind: StockFileKind, items: StockItem[], asOf?: string): Promise<StockFile> {
  const now = new Date();
  const sequence = options.store.nextStockSequence();
  const written = items.map(asWritten);
  const time = asOf ?? now.toISOString();
  const file: StockFile = { name: stockFileName(kind, sequence, now), kind, sequence, asOf: time, items: written, content: renderStockCsv(written, time) };
  await options.writer.write(file.name, Buffer.from(file.content, 'utf8'), options.doneFiles);
  options.store.recordStockFile(file);
  return file;
}
