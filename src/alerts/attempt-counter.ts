/**
 * Per-target delivery attempts and failures per minute, for `failure_rate` alerts.
 * Counted by the workers next to the circuit breaker (only steps that talk to the
 * target) and written with their other statistics once a second (see StatsBuffer);
 * best effort: a failed write never fails a job.
 *
 * Key: `P:alert-attempts:<target>:<minute since epoch>`, hash `a` (attempts) and
 * `f` (failures), expiring after the longest window a rule may ask for.
 */
import type { ChainableCommander } from 'ioredis';
import type { HubRedis } from '../store/connection.js';

const MINUTE_MS = 60_000;
/** The longest `windowMs` of a failure_rate rule (6 h), plus a minute of slack. */
const KEEP_S = 6 * 3600 + 60;

function bucketKey(prefix: string, target: string, minute: number): string {
  return `${prefix}:alert-attempts:${target}:${minute}`;
}

/** Queues `attempts` (of which `failures` failed) at `target` during `minute` onto a transaction. */
export function queueTargetAttempts(multi: ChainableCommander, prefix: string, target: string, minute: number, attempts: number, failures: number): void {
  const key = bucketKey(prefix, target, minute);
  multi.hincrby(key, 'a', attempts);
  if (failures > 0) multi.hincrby(key, 'f', failures);
  multi.expire(key, KEEP_S);
}

/** Attempts and failures of the whole minutes covering the last `windowMs` (the current minute included). */
export async function readTargetAttempts(
  redis: HubRedis, prefix: string, target: string, windowMs: number, now: number,
): Promise<{ attempts: number; failures: number }> {
  const last = Math.floor(now / MINUTE_MS);
  const minutes = Math.max(1, Math.round(windowMs / MINUTE_MS));
  const pipeline = redis.pipeline();
  for (let m = last - minutes + 1; m <= last; m++) pipeline.hmget(bucketKey(prefix, target, m), 'a', 'f');
  let attempts = 0;
  let failures = 0;
  for (const [error, reply] of (await pipeline.exec()) ?? []) {
    if (error) throw error;
    const [a, f] = reply as Array<string | null>;
    attempts += Number(a ?? 0);
    failures += Number(f ?? 0);
  }
  return { attempts, failures };
}
