/**
 * Messages exchanged over the IPC channel between the orchestrator (bench/run.ts)
 * and its forked children (load generator, HTTP sink, file sink), plus the one clock every process
 * uses: wall-clock milliseconds with sub-millisecond resolution, comparable across
 * processes on the same machine.
 */
import { performance } from 'node:perf_hooks';
import type { PayloadKind } from './payloads.js';

/** Milliseconds since the Unix epoch, with the resolution of performance.now(). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Which server the load generator talks to: the hub's web-shop inbound, or the floor program. */
export type TargetKind = 'hub' | 'floor';

export interface LoadSpec {
  /** Full URL the orders are POSTed to. */
  url: string;
  kind: TargetKind;
  /** closed: `connections` loops, each sends the next order when the last one is answered; open: fixed arrival rate. */
  mode: 'closed' | 'open';
  connections: number;
  /** Orders per second (open loop only). */
  rate: number;
  durationMs: number;
  /** Order numbers start above this, so every order of a target is unique. */
  orderBase: number;
  /** Webhook HMAC secret (hub only). */
  secret: string;
  requestTimeoutMs: number;
  /** What the order bodies look like (default 'shopify-json'); the URL must be the target's intake for that kind. */
  payload?: PayloadKind;
  /** Stop after this many requests were sent (closed loop; unset or 0: only the duration limits). */
  maxOrders?: number;
}

export interface LoadResult {
  mode: 'closed' | 'open';
  startedAt: number;
  endedAt: number;
  sent: number;
  /** Answered 202 with an order id. */
  accepted: number;
  /** Any other status, network error or timeout. */
  errors: number;
  statuses: Record<string, number>;
  /** Ingest latency of accepted requests in ms (open loop: from the scheduled send time). */
  latenciesMs: number[];
  /** [order id, time the 202 was read] for every accepted order. */
  acceptedAt: Array<[string, number]>;
  /** Open loop: how far behind schedule the generator fell at worst, in ms. */
  maxScheduleLagMs: number;
  /** Body sizes in bytes: min, mean, max. */
  bodyBytes: { min: number; mean: number; max: number };
}

export interface SinkReceipt {
  id: string;
  /** Time the first delivery of this id was fully read. */
  firstAt: number;
  /** Deliveries of this id. */
  count: number;
  /** Distinct Idempotency-Key values seen for this id. */
  keys: number;
}

export interface SinkTotals {
  requests: number;
  uniqueIds: number;
  /** Ids delivered under more than one Idempotency-Key: duplicate orders at the OMS. */
  duplicateOrders: number;
  /** Deliveries beyond the first per id (retries with the same key included). */
  resends: number;
  /** Requests without a recognisable order id. */
  unidentified: number;
}

export type ParentMessage =
  | { type: 'run'; seq: number; spec: LoadSpec }
  | { type: 'await'; seq: number; ids: string[]; timeoutMs: number }
  | { type: 'totals'; seq: number }
  /** Orders whose first delivery fell in [from, to) (ms, the shared clock). */
  | { type: 'window'; seq: number; from: number; to: number };

export type ChildMessage =
  | { type: 'ready'; port?: number }
  | { type: 'result'; seq: number; result: LoadResult }
  | { type: 'receipts'; seq: number; receipts: SinkReceipt[]; missing: string[] }
  | { type: 'totals'; seq: number; totals: SinkTotals }
  | { type: 'count'; seq: number; count: number }
  | { type: 'error'; seq: number; message: string };
