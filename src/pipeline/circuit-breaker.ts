/**
 * A circuit breaker per target, kept in Redis so every worker sees the same state.
 * After `failureThreshold` transient failures in a row the breaker opens: the target's
 * queue is held (BullMQ manual rate limit) for a cool-down that doubles each time it
 * re-opens, without using up the jobs' attempts. After the cool-down one trial goes
 * through: success closes the breaker, failure opens it again.
 *
 * Each worker process keeps a short-lived view of the state (BreakerGate), so a job
 * does not read the breaker from Redis every time and a success is only written when
 * it changes something (or once a second, for "last success").
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

export async function recordAttempt(
  runtime: HubRuntime, target: string, policy: BreakerPolicy, outcome: 'success' | 'failure', error = '',
): Promise<'closed' | 'open'> {
  const state = await runtime.redis.hubBreakerRecord(
    runtime.keys.breaker(target), outcome, Date.now(), policy.failureThreshold, policy.cooldownMs, policy.maxCooldownMs, error.slice(0, 500),
  );
  return state === 'open' ? 'open' : 'closed';
}

/** How long a process trusts its view of a breaker before reading it again. */
const VIEW_TTL_MS = 500;
/** A success that changes nothing is still written this often, for the target's "last success". */
const SUCCESS_WRITE_MS = 1000;

/** One worker process's gate in front of a target: its view of the breaker and the writes it must make. */
export class BreakerGate {
  private view: { state: BreakerState; readAt: number } | undefined;
  private successWrittenAt = 0;

  constructor(
    private readonly runtime: HubRuntime,
    private readonly target: string,
    private readonly queueName: string,
    private readonly policy: BreakerPolicy,
  ) {}

  /** Holds the queue and returns the error to throw when the breaker is open and cooling down. */
  async holdIfOpen(): Promise<Error | undefined> {
    const now = Date.now();
    if (!this.view || now - this.view.readAt > VIEW_TTL_MS) this.view = { state: await readBreaker(this.runtime, this.target), readAt: now };
    const { state } = this.view;
    const wait = state.state === 'open' && state.openUntil !== undefined ? state.openUntil - now : 0;
    if (wait <= 0) return undefined;
    await this.runtime.queues.get(this.queueName).rateLimit(wait);
    return Worker.RateLimitError();
  }

  async success(): Promise<void> {
    const now = Date.now();
    const state = this.view?.state;
    const changesNothing = state?.state === 'closed' && state.failures === 0;
    if (changesNothing && now - this.successWrittenAt < SUCCESS_WRITE_MS) return;
    await recordAttempt(this.runtime, this.target, this.policy, 'success');
    this.successWrittenAt = now;
    if (this.view) this.view.state = { ...this.view.state, state: 'closed', failures: 0, lastSuccessAt: now };
  }

  async failure(message: string): Promise<'closed' | 'open'> {
    const state = await recordAttempt(this.runtime, this.target, this.policy, 'failure', message);
    this.view = undefined;
    return state;
  }
}
