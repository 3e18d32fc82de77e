/**
 * Test and demo controls for stock: read it, set one SKU×DC (a delivery arrived, a
 * count was corrected) with a delta file, write a snapshot on demand, and write a late
 * delta that leaves the simulator's own stock alone.
 */
import { StockError, type StockBook } from '../shared/stock-book.js';
import { writeStockFile, type StockFilesOptions } from './stock-files.js';
import type { OmsSftpSim, StockFile, StockItem } from './types.js';

export type StockControls = Pick<OmsSftpSim, 'stock' | 'setStock' | 'writeStockSnapshot' | 'writeStockDelta' | 'stockFiles'>;

export function createStockControls(stock: StockBook | undefined, files: StockFilesOptions): StockControls {
  const requireStock = (): StockBook => {
    if (!stock) throw new StockError('this OMS simulator keeps no stock (start it with the stock option)', 'not-configured');
    return stock;
  };
  return {
    stock: () => stock?.items() ?? [],
    setStock(item) {
      const saved = requireStock().set(item);
      return settledQuietly(writeStockFile(files, 'delta', [saved]));
    },
    async writeStockSnapshot() {
      return writeStockFile(files, 'snapshot', requireStock().items());
    },
    async writeStockDelta(items, options = {}) {
      if (options.asOf !== undefined && Number.isNaN(Date.parse(options.asOf))) throw new StockError(`asOf "${options.asOf}" is not a time`);
      return writeStockFile(files, 'delta', items.map(checked), options.asOf === undefined ? undefined : new Date(options.asOf).toISOString());
    },
    stockFiles: () => files.store.stockFiles(),
  };
}

function checked(item: StockItem): StockItem {
  if (!item.sku || !item.dc || !Number.isInteger(item.onHand) || item.onHand < 0) {
    throw new StockError(`a stock item needs a sku, a dc and a whole onHand >= 0, got ${JSON.stringify(item)}`);
  }
  return { ...item };
}

/** The same promise, marked as handled (a failed write is in the log). */
function settledQuietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
