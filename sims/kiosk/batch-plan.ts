/**
 * Which orders go in which upload: the orders still to send, plus (at `duplicateRate`) some the
 * hub already holds as deliberate duplicates, shuffled within and across batches (or in seq
 * order), cut into batches of at most `batchSize`.
 */
import type { Rng } from './prng.js';
import type { KioskOrder } from './types.js';

export interface BatchPlanOptions {
  batchSize: number;
  shuffle: boolean;
  /** Per order to send, the chance that one already-held order is sent again with it. */
  duplicateRate: number;
}

export interface Batch {
  orders: KioskOrder[];
  /** The seqs in this batch that were sent again on purpose (the hub holds them). */
  duplicates: number[];
}

export function planBatches(toSend: readonly KioskOrder[], held: readonly KioskOrder[], options: BatchPlanOptions, rng: Rng): Batch[] {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${options.batchSize}`);
  const sending = new Set(toSend.map((order) => order.seq));
  const pool = held.filter((order) => !sending.has(order.seq));
  const duplicates = new Set<number>();
  if (options.duplicateRate > 0 && pool.length > 0) {
    for (let i = 0; i < toSend.length && duplicates.size < pool.length; i += 1) {
      if (rng.chance(options.duplicateRate)) duplicates.add(rng.pick(pool).seq);
    }
  }
  const extra = pool.filter((order) => duplicates.has(order.seq));
  const all = options.shuffle ? rng.shuffle([...toSend, ...extra]) : [...toSend, ...extra].sort((a, b) => a.seq - b.seq);
  const batches: Batch[] = [];
  for (let start = 0; start < all.length; start += options.batchSize) {
    const orders = all.slice(start, start + options.batchSize);
    batches.push({ orders, duplicates: orders.filter((order) => duplicates.has(order.seq)).map((order) => order.seq) });
  }
  return batches;
}
