/**
 * Redis memory per order. With the target's intake running alone (nothing consumes),
 * N orders are ingested: used_memory delta ÷ N is the memory per in-flight order. Then
 * one worker process starts and delivers them all: used_memory against the state
 * before the ingest, ÷ N, is what stays per order after completion; the keys under
 * the target's prefix, grouped by pattern (redis-memory.ts), say what it is made of.
 * The target keeps its worker afterwards (scale-out goes on from there).
 */
import type { Redis } from 'ioredis';
import { keyClasses, settledUsedMemory, type KeyClass } from './redis-memory.js';
import type { Session } from './session.js';
import type { Settings } from './settings.js';
import type { SplitTarget } from './targets.js';

export interface MemoryFigures {
  /** Orders accepted while nothing consumed (N). */
  orders: number;
  usedMemory: { before: number; inFlight: number; after: number };
  inFlightBytesPerOrder: number;
  afterBytesPerOrder: number;
  /** Key classes under the target's prefix after completion, with bytes ÷ N. */
  classes: Array<KeyClass & { bytesPerOrder: number }>;
  /** Sum of the classes' MEMORY USAGE ÷ N. */
  classesBytesPerOrder: number;
}

export async function measureMemory(session: Session, target: SplitTarget, redis: Redis, settings: Settings): Promise<MemoryFigures> {
  if (target.workers() !== 0) throw new Error('memory per in-flight order needs the intake alone');
  const before = await settledUsedMemory(redis);
  const result = await session.load('closed', settings.drainTimeoutMs, { maxOrders: settings.memoryOrders });
  const inFlight = await settledUsedMemory(redis);
  await target.addWorker();
  await session.drain([result]);
  const after = await settledUsedMemory(redis);
  const orders = Math.max(1, result.accepted);
  const classes = (await keyClasses(redis, target.prefix)).map((c) => ({ ...c, bytesPerOrder: c.bytes / orders }));
  return {
    orders: result.accepted,
    usedMemory: { before, inFlight, after },
    inFlightBytesPerOrder: (inFlight - before) / orders,
    afterBytesPerOrder: (after - before) / orders,
    classes,
    classesBytesPerOrder: classes.reduce((sum, c) => sum + c.bytes, 0) / orders,
  };
}
