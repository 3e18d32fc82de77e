/**
 * The main measurement of one target (`hub start`, or the floor in one process):
 * warm-up; closed-loop saturation with its drain (ingest throughput, delivered orders/s
 * over burst + drain, Redis commands and Lua script calls per order, CPU-seconds per
 * 1,000 orders of the target and of Redis); open-loop phases at fixed arrival rates
 * (ingest latency p50/p99/p99.9, accept-to-delivered p50/p99); the sustained-delivery
 * window (sustained.ts); RSS. Every accepted order is checked at the sink.
 */
import type { Redis } from 'ioredis';
import { cpuMeter } from './cpu.js';
import type { LoadResult } from './protocol.js';
import { commandCounts, commandDelta, scriptCalls } from './redis-stats.js';
import { acceptToDelivered, clearingRate, type Session } from './session.js';
import type { Settings } from './settings.js';
import { percentile } from './stats.js';
import { sustain, type SustainedFigures } from './sustained.js';
import type { RunningTarget } from './targets.js';

export interface OpenFigures {
  fraction: number;
  rate: number;
  achievedRate: number;
  ingestP50: number;
  ingestP99: number;
  ingestP999: number;
  deliveredP50: number;
  deliveredP99: number;
  errors: number;
  maxScheduleLagMs: number;
}

export interface TargetFigures {
  kind: RunningTarget['kind'];
  name: string;
  saturation: { ordersPerSec: number; accepted: number; errors: number; ingestP50: number; ingestP99: number; statuses: Record<string, number> };
  /** Orders/s from the start of the saturation phase to the last of its deliveries. */
  deliveredPerSec: number;
  sustained: SustainedFigures;
  /** All commands executed (those inside Lua scripts included), per accepted order, over saturation + drain. */
  redisCommandsPerOrder: number;
  /** EVAL/EVALSHA/FCALL calls per accepted order, same span. */
  redisScriptCallsPerOrder: number;
  redisTopCommands: Record<string, number>;
  /** CPU-seconds per 1,000 accepted orders over saturation + drain. */
  cpuPer1000: { target: number; redis: number };
  open: OpenFigures[];
  rssMb: number;
  peakRssMb: number;
  bodyBytes: LoadResult['bodyBytes'];
}

export async function measureTarget(session: Session, redis: Redis, redisPid: number, settings: Settings, floorRate: number | undefined): Promise<TargetFigures> {
  const target = session.target;
  await session.drain([await session.load('closed', settings.warmupMs)]);

  const commandsBefore = await commandCounts(redis);
  const cpu = cpuMeter(() => target.processes.map((p) => p.pid), redisPid);
  const saturation = await session.load('closed', settings.saturationMs);
  const saturationChecked = await session.drain([saturation]);
  const cpuUsed = cpu();
  const commands = commandDelta(commandsBefore, await commandCounts(redis));
  const ordersPerSec = saturation.accepted / ((saturation.endedAt - saturation.startedAt) / 1000);
  const perOrder = (value: number): number => value / Math.max(1, saturation.accepted);

  const open: OpenFigures[] = [];
  for (const fraction of settings.fractions) {
    const rate = Math.max(1, Math.round(fraction * (floorRate ?? ordersPerSec)));
    const result = await session.load('open', settings.openMs, { rate });
    const checked = await session.drain([result]);
    const endToEnd = acceptToDelivered(result, checked);
    open.push({
      fraction, rate, achievedRate: result.accepted / ((result.endedAt - result.startedAt) / 1000),
      ingestP50: percentile(result.latenciesMs, 50), ingestP99: percentile(result.latenciesMs, 99), ingestP999: percentile(result.latenciesMs, 99.9),
      deliveredP50: percentile(endToEnd, 50), deliveredP99: percentile(endToEnd, 99),
      errors: result.errors, maxScheduleLagMs: result.maxScheduleLagMs,
    });
  }

  const sustained = await sustain(session, settings);
  await session.drain(sustained.results);

  const top = Object.entries(commands.byCommand).sort((a, b) => b[1] - a[1]).slice(0, 12);
  return {
    kind: target.kind,
    name: target.name,
    saturation: {
      ordersPerSec, accepted: saturation.accepted, errors: saturation.errors, statuses: saturation.statuses,
      ingestP50: percentile(saturation.latenciesMs, 50), ingestP99: percentile(saturation.latenciesMs, 99),
    },
    deliveredPerSec: clearingRate(saturation.startedAt, saturationChecked),
    sustained: sustained.figures,
    redisCommandsPerOrder: perOrder(commands.total),
    redisScriptCallsPerOrder: perOrder(scriptCalls(commands)),
    redisTopCommands: Object.fromEntries(top.map(([name, calls]) => [name, perOrder(calls)])),
    cpuPer1000: { target: perOrder(cpuUsed.target) * 1000, redis: perOrder(cpuUsed.redis) * 1000 },
    open,
    ...target.memory(),
    bodyBytes: saturation.bodyBytes,
  };
}
