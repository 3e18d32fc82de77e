/**
 * Retry delays: exponential with full jitter, capped, and never shorter than what
 * the far side asked for (Retry-After).
 */
import type { RetryPolicy } from '../config/hub-config.js';

export function retryDelayMs(attemptsMade: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
