/**
 * The faults a test sets on the carrier: a rate limit (a budget of requests, then 429
 * with Retry-After until cleared), an outage (503 until a moment or for a number of
 * calls) and webhook misbehaviour (duplicates, shuffled order, answers "lost" so
 * deliveries are retried). Settings merge: a field left out stays, `null` clears it.
 */
import { FieldError } from '../shared/json-fields.js';
import type { FaultSettings, FaultView, WebhookFaults } from './types.js';

interface RateLimit {
  remaining: number;
  retryAfterSeconds: number;
}

interface Outage {
  untilMs?: number;
  count?: number;
}

export type RateVerdict =
  | { limited: false; remaining?: number }
  | { limited: true; retryAfterSeconds: number };

export class CarrierFaults {
  #rateLimit: RateLimit | null = null;
  #outage: Outage | null = null;
  #webhook = { duplicate: false, shuffle: false, failFirst: 0 };

  set(settings: FaultSettings, nowMs: number): FaultView {
    if (settings.rateLimit !== undefined) this.#rateLimit = settings.rateLimit === null ? null : checkedRateLimit(settings.rateLimit);
    if (settings.outage !== undefined) this.#outage = settings.outage === null ? null : checkedOutage(settings.outage, nowMs);
    if (settings.webhook === null) this.#webhook = { duplicate: false, shuffle: false, failFirst: 0 };
    else if (settings.webhook !== undefined) this.#webhook = { ...this.#webhook, ...checkedWebhook(settings.webhook) };
    return this.view(nowMs);
  }

  view(nowMs: number): FaultView {
    this.#expireOutage(nowMs);
    return {
      rateLimit: this.#rateLimit ? { ...this.#rateLimit } : null,
      outage: this.#outage ? { ...this.#outage } : null,
      webhook: { ...this.#webhook },
    };
  }

  /** For each /v1 call: the outage it runs into (consuming one of a counted outage), or undefined. */
  takeOutage(nowMs: number): { retryAfterSeconds?: number } | undefined {
    this.#expireOutage(nowMs);
    if (!this.#outage) return undefined;
    if (this.#outage.count !== undefined) this.#outage.count -= 1;
    if (this.#outage.untilMs === undefined) return {};
    return { retryAfterSeconds: Math.max(1, Math.ceil((this.#outage.untilMs - nowMs) / 1000)) };
  }

  /** For each authenticated /v1 call: spends one request of the budget, or says it is spent. */
  takeRateLimit(): RateVerdict {
    if (!this.#rateLimit) return { limited: false };
    if (this.#rateLimit.remaining <= 0) return { limited: true, retryAfterSeconds: this.#rateLimit.retryAfterSeconds };
    this.#rateLimit.remaining -= 1;
    return { limited: false, remaining: this.#rateLimit.remaining };
  }

  duplicateWebhooks(): boolean {
    return this.#webhook.duplicate;
  }

  shuffleWebhooks(): boolean {
    return this.#webhook.shuffle;
  }

  /** True (and one fewer left) when this delivery attempt's answer is to be "lost". */
  takeLostAnswer(): boolean {
    if (this.#webhook.failFirst <= 0) return false;
    this.#webhook.failFirst -= 1;
    return true;
  }

  #expireOutage(nowMs: number): void {
    if (!this.#outage) return;
    const overByTime = this.#outage.untilMs !== undefined && nowMs >= this.#outage.untilMs;
    const overByCount = this.#outage.count !== undefined && this.#outage.count <= 0;
    if (overByTime || overByCount) this.#outage = null;
  }
}

function checkedRateLimit(setting: { remaining: number; retryAfterSeconds?: number }): RateLimit {
  const retryAfterSeconds = setting.retryAfterSeconds ?? 1;
  if (!isCount(setting.remaining)) throw new FieldError('rateLimit.remaining must be a whole number ≥ 0');
  if (!isCount(retryAfterSeconds) || retryAfterSeconds < 1) throw new FieldError('rateLimit.retryAfterSeconds must be a whole number ≥ 1');
  return { remaining: setting.remaining, retryAfterSeconds };
}

function checkedOutage(setting: { untilMs?: number; forMs?: number; count?: number }, nowMs: number): Outage {
  const outage: Outage = {};
  if (setting.untilMs !== undefined) {
    if (!isCount(setting.untilMs)) throw new FieldError('outage.untilMs must be a time in epoch milliseconds');
    outage.untilMs = setting.untilMs;
  }
  if (setting.forMs !== undefined) {
    if (!isCount(setting.forMs)) throw new FieldError('outage.forMs must be a whole number of milliseconds');
    outage.untilMs = nowMs + setting.forMs;
  }
  if (setting.count !== undefined) {
    if (!isCount(setting.count) || setting.count < 1) throw new FieldError('outage.count must be a whole number ≥ 1');
    outage.count = setting.count;
  }
  if (outage.untilMs === undefined && outage.count === undefined) throw new FieldError('outage needs untilMs, forMs or count (or null to end it)');
  return outage;
}

function checkedWebhook(setting: WebhookFaults): Partial<{ duplicate: boolean; shuffle: boolean; failFirst: number }> {
  const checked: Partial<{ duplicate: boolean; shuffle: boolean; failFirst: number }> = {};
  if (setting.duplicate !== undefined) checked.duplicate = setting.duplicate === true;
  if (setting.shuffle !== undefined) checked.shuffle = setting.shuffle === true;
  if (setting.failFirst !== undefined) {
    if (!isCount(setting.failFirst)) throw new FieldError('webhook.failFirst must be a whole number ≥ 0');
    checked.failFirst = setting.failFirst;
  }
  return checked;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
