/**
 * Retrying an upload that failed for a passing reason (network error, 5xx, no MQTT receipt in
 * time): exponential backoff with jitter from the kiosk's Rng, never shorter than a
 * Retry-After the hub asked for, and a bounded number of attempts per batch.
 */
import type { Rng } from './prng.js';

export interface RetryPolicy {
  /** Tries per batch within one sync(), the first included; default 5. */
  attempts: number;
  /** Delay before the 2nd try; doubled each time; default 100 ms. */
  baseMs: number;
  /** Longest delay; default 5 000 ms. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 100, maxMs: 5_000 };

/** The wait before try number `attempt + 1` (attempt counts from 1): half to all of the capped exponential. */
export function backoffDelay(attempt: number, policy: RetryPolicy, rng: Rng, retryAfterMs?: number): number {
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(capped * (0.5 + rng.next() / 2));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.maxMs * 4));
}
