/**
 * One target under load: runs load phases through the load generator (order numbers
 * never repeat within a target), waits for the accepted orders at the sink (HTTP or
 * file), asks the sink how many orders first arrived in a time window, and keeps the
 * tally of accepted, lost, duplicated and resent orders over everything it ran.
 */
import type { IpcChild } from './ipc-child.js';
import type { LoadResult, LoadSpec, SinkReceipt, SinkTotals } from './protocol.js';
import type { Settings } from './settings.js';
import type { RunningTarget } from './targets.js';

export interface Checked {
  receipts: Map<string, SinkReceipt>;
  missing: number;
}

export interface Tally {
  accepted: number;
  /** Accepted but not delivered within the drain timeout. */
  lost: number;
  /** Delivered under more than one idempotency key (HTTP header, or file name). */
  duplicated: number;
  /** Deliveries beyond the first (same key), e.g. retries after a timeout. */
  resends: number;
}

export class Session {
  private nextOrder = 0;
  readonly tally: Tally = { accepted: 0, lost: 0, duplicated: 0, resends: 0 };

  constructor(readonly target: RunningTarget, private readonly loadgen: IpcChild, private readonly sink: IpcChild, private readonly settings: Settings) {}

  /** One load phase: closed loop (optionally up to `maxOrders`) or open loop at `rate` orders/s. */
  async load(mode: LoadSpec['mode'], durationMs: number, options: { rate?: number; maxOrders?: number } = {}): Promise<LoadResult> {
    const spec: LoadSpec = {
      url: this.target.intakeUrl(this.settings.payload), kind: this.target.kind, mode, connections: this.settings.connections,
      rate: options.rate ?? 0, durationMs, orderBase: this.nextOrder, secret: this.target.secret,
      requestTimeoutMs: this.settings.requestTimeoutMs, payload: this.settings.payload, maxOrders: options.maxOrders ?? 0,
    };
    const reply = await this.loadgen.request({ type: 'run', spec });
    if (reply.type !== 'result') throw new Error(`load generator answered ${reply.type}`);
    this.nextOrder += reply.result.sent;
    return reply.result;
  }

  /** Waits until every order accepted in `results` reached the sink (or the drain timeout), and tallies them. */
  async drain(results: LoadResult[]): Promise<Checked> {
    const ids = results.flatMap((result) => result.acceptedAt.map(([id]) => id));
    const reply = await this.sink.request({ type: 'await', ids, timeoutMs: this.settings.drainTimeoutMs });
    if (reply.type !== 'receipts') throw new Error(`sink answered ${reply.type}`);
    const checked = { receipts: new Map(reply.receipts.map((r) => [r.id, r])), missing: reply.missing.length };
    this.tally.accepted += ids.length;
    this.tally.lost += checked.missing;
    for (const receipt of checked.receipts.values()) {
      if (receipt.keys > 1) this.tally.duplicated++;
      this.tally.resends += receipt.count - 1;
    }
    return checked;
  }

  /** Orders whose first delivery fell in [from, to). */
  async delivered(from: number, to: number): Promise<number> {
    const reply = await this.sink.request({ type: 'window', from, to });
    if (reply.type !== 'count') throw new Error(`sink answered ${reply.type}`);
    return reply.count;
  }

  async sinkTotals(): Promise<SinkTotals> {
    const reply = await this.sink.request({ type: 'totals' });
    if (reply.type !== 'totals') throw new Error(`sink answered ${reply.type}`);
    return reply.totals;
  }
}

/** Delivered minus accepted time for every order of `result` that arrived at the sink. */
export function acceptToDelivered(result: LoadResult, checked: Checked): number[] {
  const values: number[] = [];
  for (const [id, acceptedAt] of result.acceptedAt) {
    const receipt = checked.receipts.get(id);
    if (receipt !== undefined) values.push(receipt.firstAt - acceptedAt);
  }
  return values;
}

/** Orders delivered per second from `startedAt` to the last delivery among `checked`. */
export function clearingRate(startedAt: number, checked: Checked): number {
  let last = startedAt;
  for (const receipt of checked.receipts.values()) last = Math.max(last, receipt.firstAt);
  return checked.receipts.size / Math.max(0.001, (last - startedAt) / 1000);
}
