/**
 * Names of stock files ("OMS flat files v1", docs/protocols.md):
 * `STOCK_<yyyymmddhhmmss>_<sequence>_SNAPSHOT.csv` and `…_DELTA.csv`. The time is when
 * the OMS wrote the file (UTC) and the sequence counts every stock file it wrote, so the
 * names sort in the order the files were written: a delta after the snapshot before it.
 */
import type { StockUpdate } from '../../src/sdk/index.js';

export interface StockFileName {
  kind: StockUpdate['kind'];
  /** When the OMS wrote the file, as an ISO instant. */
  writtenAt: string;
  sequence: number;
}

export const STOCK_FILE_NAME_FORMAT = 'STOCK_<yyyymmddhhmmss>_<sequence>_SNAPSHOT.csv (or _DELTA.csv)';

const STOCK_FILE_NAME = /^STOCK_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_(\d{1,9})_(SNAPSHOT|DELTA)\.[A-Za-z0-9]+$/;

/** What the name says, or undefined when it is not a stock file name (or its time is impossible). */
export function readStockFileName(name: string): StockFileName | undefined {
  const match = STOCK_FILE_NAME.exec(name);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, sequence, kind] = match;
  const writtenAt = `${year}-${month}-${day}T${hour}:${minute}:${second}.000Z`;
  const time = new Date(writtenAt);
  if (Number.isNaN(time.getTime()) || time.toISOString() !== writtenAt) return undefined;
  return { kind: kind === 'SNAPSHOT' ? 'snapshot' : 'delta', writtenAt, sequence: Number(sequence) };
}
