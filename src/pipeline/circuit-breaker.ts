/**
 * A circuit breaker per target, kept in Redis so every worker sees the same state.
 * After `failureThreshold` transient failures in a row the breaker opens: the target's
 * queue is held (BullMQ manual rate limit) for a cool-down that doubles each time it
 * re-opens, without using up the jobs' attempts. After the cool-down one trial goes
 * through: success closes the breaker, failure opens it again.
 */
import { Worker } from 'bullmq';
import type { HubRuntime } from './runtime.js';

export type { BreakerPolicy } from '../config/hub-config.js';
import type { BreakerPolicy } from '../config/hub-config.js';

export interface BreakerState {
  state: 'closed' | 'open';
  failures: number;
  openUntil: number | undefined;
  lastError: string | undefined;
  lastFailureAt: number | undefined;
  lastSuccessAt: number | undefined;
}

export async function readBreaker(runtime: HubRuntime, target: string): Promise<BreakerState> {
  const hash = await runtime.redis.hgetall(runtime.keys.breaker(target));
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  return {
    state: hash.state === 'open' ? 'open' : 'closed',
    failures: Number(hash.failures ?? 0),
    openUntil: number(hash.openUntil),
    lastError: hash.lastError,
    lastFailureAt: number(hash.lastFailureAt),
    lastSuccessAt: number(hash.lastSuccessAt),
  };
}

/** Holds the queue and returns the error to throw when the breaker is open and cooling down. */
export async function holdIfOpen(runtime: HubRuntime, target: string, queueName: string): Promise<Error | undefined> {
  const state = await readBreaker(runtime, target);
  const wait = state.state === 'open' && state.openUntil !== undefined ? state.openUntil - Date.now() : 0;
  if (wait <= 0) return undefined;
  await runtime.queues.get(queueName).rateLimit(wait);
  return Worker.RateLimitError();
}

export async function recordAttempt(
  runtime: HubRuntime, target: string, policy: BreakerPolicy, outcome: 'success' | 'failure', error = '',
): Promise<'closed' | 'open'> {
  const state = await runtime.redis.hubBreakerRecord(
    runtime.keys.breaker(target), outcome, Date.now(), policy.failureThreshold, policy.cooldownMs, policy.maxCooldownMs, error.slice(0, 500),
  );
  return state === 'open' ? 'open' : 'closed';
}
