/**
 * Per-queue throughput, error and latency figures kept in Redis by the worker wrapper,
 * so every API process sees what every worker process did. Written by each worker
 * process's StatsBuffer in one transaction per second; every key expires by itself.
 *
 * Keys (P = the configured Redis prefix, Q = the queue name):
 * - `P:qstats:Q:h:<hour>`   hash, one per hour since the epoch; fields `<minute>:ok` and
 *                            `<minute>:err` count completed and failed attempts of that
 *                            minute since the epoch. Expires after 3 h.
 * - `P:qstats:Q:durations`  list, newest first, of `<epoch ms>:<duration ms>` of the last
 *                            500 attempts (LPUSH + LTRIM). Expires 15 min after the last write.
 * - `P:qstats:Q:last`       hash `okAt`, `errAt`: epoch ms of the last completed and the
 *                            last failed attempt. Expires after 7 days.
 */
import type { ChainableCommander } from 'ioredis';
import type { HubRedis } from '../store/connection.js';

export const RESERVOIR_SIZE = 500;
export const LATENCY_WINDOW_MS = 15 * 60_000;
const MINUTE_MS = 60_000;
const HOUR_BUCKET_TTL_S = 3 * 3600;
const LAST_TTL_S = 7 * 86400;

export interface Attempt {
  at: number;
  durationMs: number;
  ok: boolean;
}

export interface QueueStats {
  /** Completed jobs per minute: over the last minute, and averaged over the last hour (sliding windows). */
  completedPerMinute: { lastMinute: number; lastHour: number };
  /** Failed attempts / all attempts over the last 15 minutes; null when there were none. */
  errorRate15m: number | null;
  attempts15m: number;
  /** Attempt durations of the last 15 minutes (at most the last 500 attempts). */
  latencyMs: { p50: number | null; p95: number | null; samples: number };
  lastOkAt: number | undefined;
  lastErrorAt: number | undefined;
}

export function statsKeys(prefix: string, queue: string) {
  const base = `${prefix}:qstats:${queue}`;
  return {
    hour: (hour: number) => `${base}:h:${hour}`,
    durations: `${base}:durations`,
    last: `${base}:last`,
  };
}

/** Queues the statistics of a queue's finished attempts (oldest first) onto a transaction. */
export function queueAttemptStats(multi: ChainableCommander, prefix: string, queue: string, attempts: Attempt[]): void {
  if (attempts.length === 0) return;
  const keys = statsKeys(prefix, queue);
  const counts = new Map<string, number>();
  let okAt: number | undefined;
  let errAt: number | undefined;
  for (const attempt of attempts) {
    const minute = Math.floor(attempt.at / MINUTE_MS);
    const field = `${Math.floor(minute / 60)}\n${minute}:${attempt.ok ? 'ok' : 'err'}`;
    counts.set(field, (counts.get(field) ?? 0) + 1);
    if (attempt.ok) okAt = Math.max(okAt ?? 0, attempt.at);
    else errAt = Math.max(errAt ?? 0, attempt.at);
  }
  for (const [hourAndField, count] of counts) {
    const [hour, field] = hourAndField.split('\n') as [string, string];
    multi.hincrby(keys.hour(Number(hour)), field, count).expire(keys.hour(Number(hour)), HOUR_BUCKET_TTL_S);
  }
  // LPUSH puts its last argument first: oldest first in, newest at the head.
  const recent = attempts.slice(-RESERVOIR_SIZE).map((a) => `${a.at}:${Math.round(a.durationMs * 1000) / 1000}`);
  multi.lpush(keys.durations, ...recent).ltrim(keys.durations, 0, RESERVOIR_SIZE - 1).expire(keys.durations, LATENCY_WINDOW_MS / 1000);
  multi.hset(keys.last, { ...(okAt !== undefined ? { okAt } : {}), ...(errAt !== undefined ? { errAt } : {}) }).expire(keys.last, LAST_TTL_S);
}

export async function readQueueStats(redis: HubRedis, prefix: string, queue: string, now = Date.now()): Promise<QueueStats> {
  const keys = statsKeys(prefix, queue);
  const minute = Math.floor(now / MINUTE_MS);
  const hours = [...new Set([Math.floor((minute - 60) / 60), Math.floor(minute / 60)])];
  const [buckets, durations, last] = await Promise.all([
    Promise.all(hours.map((h) => redis.hgetall(keys.hour(h)))),
    redis.lrange(keys.durations, 0, -1),
    redis.hgetall(keys.last),
  ]);
  const counts = mergeBuckets(buckets);
  const elapsed = (now % MINUTE_MS) / MINUTE_MS;
  const ok = (m: number) => counts.get(`${m}:ok`) ?? 0;
  const err = (m: number) => counts.get(`${m}:err`) ?? 0;
  const okLast15 = slidingSum(ok, minute, 15, elapsed);
  const errLast15 = slidingSum(err, minute, 15, elapsed);
  const attempts15m = okLast15 + errLast15;
  return {
    completedPerMinute: {
      lastMinute: round(slidingSum(ok, minute, 1, elapsed)),
      lastHour: round(slidingSum(ok, minute, 60, elapsed) / 60),
    },
    errorRate15m: attempts15m > 0 ? round(errLast15 / attempts15m, 3) : null,
    attempts15m: round(attempts15m),
    latencyMs: latency(recentDurations(durations, now - LATENCY_WINDOW_MS)),
    lastOkAt: last.okAt ? Number(last.okAt) : undefined,
    lastErrorAt: last.errAt ? Number(last.errAt) : undefined,
  };
}

/** Completed jobs in each of the last `minutes` whole minutes, oldest first (for charts). */
export async function minuteSeries(redis: HubRedis, prefix: string, queue: string, minutes = 60, now = Date.now()): Promise<number[]> {
  const keys = statsKeys(prefix, queue);
  const current = Math.floor(now / MINUTE_MS);
  const first = current - minutes + 1;
  const hours = [...new Set([Math.floor(first / 60), Math.floor(current / 60)])];
  const counts = mergeBuckets(await Promise.all(hours.map((h) => redis.hgetall(keys.hour(h)))));
  return Array.from({ length: minutes }, (_, i) => counts.get(`${first + i}:ok`) ?? 0);
}

function mergeBuckets(buckets: Array<Record<string, string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const bucket of buckets) for (const [field, value] of Object.entries(bucket)) counts.set(field, Number(value));
  return counts;
}

/**
 * Count over the last `minutes` minutes from per-minute buckets: the current bucket in
 * full, the previous ones in full, and the oldest one weighted by the part of it still
 * inside the window (the usual sliding-window estimate).
 */
export function slidingSum(count: (minute: number) => number, current: number, minutes: number, elapsed: number): number {
  let sum = 0;
  for (let m = current - minutes + 1; m <= current; m++) sum += count(m);
  return sum + count(current - minutes) * (1 - elapsed);
}

function recentDurations(entries: string[], since: number): number[] {
  const durations: number[] = [];
  for (const entry of entries) {
    const [at, ms] = entry.split(':').map(Number);
    if (at !== undefined && ms !== undefined && at >= since && Number.isFinite(ms)) durations.push(ms);
  }
  return durations;
}

/** Nearest-rank percentiles of the sample. */
export function latency(durations: number[]): QueueStats['latencyMs'] {
  if (durations.length === 0) return { p50: null, p95: null, samples: 0 };
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: rank(0.5), p95: rank(0.95), samples: sorted.length };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
