/**
 * What a sink (HTTP or file) has received, and its side of the IPC protocol: per order
 * id the first arrival time, the number of deliveries and the distinct idempotency keys
 * (HTTP: the Idempotency-Key header; files: the file name); the first arrivals in time
 * order, so "how many orders arrived between two timestamps" is a binary search.
 */
import { nowMs, type ChildMessage, type ParentMessage, type SinkReceipt, type SinkTotals } from './protocol.js';

interface Entry {
  firstAt: number;
  count: number;
  keys: Set<string>;
}

export class ReceiptBook {
  private readonly entries = new Map<string, Entry>();
  /** First-arrival times, non-decreasing (appended as they happen). */
  private readonly arrivals: number[] = [];
  requests = 0;
  unidentified = 0;

  /** One delivery of `id` under `key`, read at `at`. */
  record(id: string, key: string, at: number): void {
    const entry = this.entries.get(id);
    if (entry === undefined) {
      // A copy: an id cut out of a request body or file would keep that whole text alive
      // (V8 sliced strings), gigabytes over a full run.
      this.entries.set(ownCopy(id), { firstAt: at, count: 1, keys: new Set([ownCopy(key)]) });
      this.arrivals.push(Math.max(at, this.arrivals.at(-1) ?? at));
    } else {
      entry.count++;
      if (!entry.keys.has(key)) entry.keys.add(ownCopy(key));
    }
  }

  receiptsFor(ids: string[]): { receipts: SinkReceipt[]; missing: string[] } {
    const receipts: SinkReceipt[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) missing.push(id);
      else receipts.push({ id, firstAt: entry.firstAt, count: entry.count, keys: entry.keys.size });
    }
    return { receipts, missing };
  }

  /** Orders whose first delivery fell in [from, to). */
  countBetween(from: number, to: number): number {
    return this.firstIndexAtOrAfter(to) - this.firstIndexAtOrAfter(from);
  }

  private firstIndexAtOrAfter(at: number): number {
    let low = 0;
    let high = this.arrivals.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.arrivals[middle]! < at) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  totals(): SinkTotals {
    let duplicateOrders = 0;
    let resends = 0;
    for (const entry of this.entries.values()) {
      if (entry.keys.size > 1) duplicateOrders++;
      resends += entry.count - 1;
    }
    return { requests: this.requests, uniqueIds: this.entries.size, duplicateOrders, resends, unidentified: this.unidentified };
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }
}

function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Waits until every id has arrived or the timeout passes, then answers with what arrived and what did not. */
async function awaitIds(book: ReceiptBook, seq: number, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  let next = 0;
  while (nowMs() < deadline) {
    while (next < ids.length && book.has(ids[next]!)) next++;
    if (next === ids.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  send({ type: 'receipts', seq, ...book.receiptsFor(ids) });
}

/** Answers the orchestrator's requests (await, window, totals) from `book`; exits when the channel closes. */
export function serveReceipts(book: ReceiptBook): void {
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'await') void awaitIds(book, message.seq, message.ids, message.timeoutMs);
    else if (message.type === 'window') send({ type: 'count', seq: message.seq, count: book.countBetween(message.from, message.to) });
    else if (message.type === 'totals') send({ type: 'totals', seq: message.seq, totals: book.totals() });
  });
  process.on('disconnect', () => process.exit(0));
}

/** Tells the orchestrator the sink is up (and on which port, for an HTTP sink). */
export function announceReady(port?: number): void {
  send(port === undefined ? { type: 'ready' } : { type: 'ready', port });
}
