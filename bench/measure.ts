/**
 * One measurement of one target (hub or floor): warm-up, closed-loop saturation with
 * its drain (delivered orders/s, Redis commands per order), then open-loop phases at
 * fixed arrival rates (ingest latency, accept-to-delivered latency), checking every
 * accepted order against the sink for loss and duplicates.
 */
import type { Redis } from 'ioredis';
import type { IpcChild } from './ipc-child.js';
import type { LoadResult, LoadSpec, SinkReceipt } from './protocol.js';
import { commandCounts, commandDelta } from './redis-stats.js';
import { percentile } from './stats.js';
import type { RunningTarget } from './targets.js';

export interface Settings {
  warmupMs: number;
  saturationMs: number;
  openMs: number;
  connections: number;
  drainTimeoutMs: number;
  requestTimeoutMs: number;
  /** Open-loop rates as fractions of the floor's saturation rate. */
  fractions: number[];
}

export interface OpenFigures {
  fraction: number;
  rate: number;
  achievedRate: number;
  ingestP50: number;
  ingestP99: number;
  deliveredP50: number;
  deliveredP99: number;
  errors: number;
  maxScheduleLagMs: number;
}

export interface TargetFigures {
  kind: RunningTarget['kind'];
  saturation: { ordersPerSec: number; accepted: number; errors: number; ingestP50: number; ingestP99: number; statuses: Record<string, number> };
  deliveredPerSec: number;
  redisCommandsPerOrder: number;
  redisTopCommands: Record<string, number>;
  open: OpenFigures[];
  rssMb: number;
  peakRssMb: number;
  accepted: number;
  /** Accepted but not delivered within the drain timeout. */
  lost: number;
  /** Delivered under more than one Idempotency-Key. */
  duplicated: number;
  /** Deliveries beyond the first (same key), e.g. retries after a timeout. */
  resends: number;
  bodyBytes: LoadResult['bodyBytes'];
}

interface Checked {
  receipts: Map<string, SinkReceipt>;
  missing: number;
}

async function load(loadgen: IpcChild, spec: LoadSpec): Promise<LoadResult> {
  const reply = await loadgen.request({ type: 'run', spec });
  if (reply.type !== 'result') throw new Error(`load generator answered ${reply.type}`);
  return reply.result;
}

async function deliveries(sink: IpcChild, result: LoadResult, timeoutMs: number): Promise<Checked> {
  const reply = await sink.request({ type: 'await', ids: result.acceptedAt.map(([id]) => id), timeoutMs });
  if (reply.type !== 'receipts') throw new Error(`sink answered ${reply.type}`);
  return { receipts: new Map(reply.receipts.map((r) => [r.id, r])), missing: reply.missing.length };
}

/** Delivered minus accepted time for every order that arrived at the sink. */
function acceptToDelivered(result: LoadResult, checked: Checked): number[] {
  const values: number[] = [];
  for (const [id, acceptedAt] of result.acceptedAt) {
    const receipt = checked.receipts.get(id);
    if (receipt !== undefined) values.push(receipt.firstAt - acceptedAt);
  }
  return values;
}

export async function measureTarget(
  target: RunningTarget, loadgen: IpcChild, sink: IpcChild, redis: Redis, settings: Settings, floorRate: number | undefined,
): Promise<TargetFigures> {
  let phase = 0;
  const spec = (mode: LoadSpec['mode'], durationMs: number, rate = 0): LoadSpec => ({
    url: target.ingestUrl, kind: target.kind, mode, connections: settings.connections, rate, durationMs,
    orderBase: ++phase * 10_000_000, secret: target.secret, requestTimeoutMs: settings.requestTimeoutMs,
  });
  let lost = 0;
  let duplicated = 0;
  let resends = 0;
  let accepted = 0;
  const tally = (result: LoadResult, checked: Checked): void => {
    accepted += result.accepted;
    lost += checked.missing;
    for (const receipt of checked.receipts.values()) {
      if (receipt.keys > 1) duplicated++;
      resends += receipt.count - 1;
    }
  };

  const warmup = await load(loadgen, spec('closed', settings.warmupMs));
  tally(warmup, await deliveries(sink, warmup, settings.drainTimeoutMs));

  const before = await commandCounts(redis);
  const saturation = await load(loadgen, spec('closed', settings.saturationMs));
  const saturationChecked = await deliveries(sink, saturation, settings.drainTimeoutMs);
  const commands = commandDelta(before, await commandCounts(redis));
  tally(saturation, saturationChecked);
  const lastDelivery = Math.max(...[...saturationChecked.receipts.values()].map((r) => r.firstAt));
  const saturationSeconds = (saturation.endedAt - saturation.startedAt) / 1000;
  const ordersPerSec = saturation.accepted / saturationSeconds;

  const open: OpenFigures[] = [];
  for (const fraction of settings.fractions) {
    const rate = Math.max(1, Math.round(fraction * (floorRate ?? ordersPerSec)));
    const result = await load(loadgen, spec('open', settings.openMs, rate));
    const checked = await deliveries(sink, result, settings.drainTimeoutMs);
    tally(result, checked);
    const endToEnd = acceptToDelivered(result, checked);
    open.push({
      fraction, rate, achievedRate: result.accepted / ((result.endedAt - result.startedAt) / 1000),
      ingestP50: percentile(result.latenciesMs, 50), ingestP99: percentile(result.latenciesMs, 99),
      deliveredP50: percentile(endToEnd, 50), deliveredP99: percentile(endToEnd, 99),
      errors: result.errors, maxScheduleLagMs: result.maxScheduleLagMs,
    });
  }

  const top = Object.entries(commands.byCommand).sort((a, b) => b[1] - a[1]).slice(0, 12);
  return {
    kind: target.kind,
    saturation: {
      ordersPerSec, accepted: saturation.accepted, errors: saturation.errors, statuses: saturation.statuses,
      ingestP50: percentile(saturation.latenciesMs, 50), ingestP99: percentile(saturation.latenciesMs, 99),
    },
    deliveredPerSec: saturationChecked.receipts.size / ((lastDelivery - saturation.startedAt) / 1000),
    redisCommandsPerOrder: commands.total / Math.max(1, saturation.accepted),
    redisTopCommands: Object.fromEntries(top.map(([name, calls]) => [name, calls / Math.max(1, saturation.accepted)])),
    open,
    ...target.memory(),
    accepted, lost, duplicated, resends,
    bodyBytes: saturation.bodyBytes,
  };
}
