/**
 * State of the hub → storefront callback receiver: every accepted callback,
 * duplicate suppression by Idempotency-Key, the latest applied state per order
 * (only a newer statusVersion replaces it) and injected failures.
 */
import { Notifier, waitUntil } from '../shared/wait.js';
import type { CallbackListener, HubCallbackBody, ReceivedCallback } from './types.js';

export class CallbackReceiver {
  readonly #received: ReceivedCallback[] = [];
  readonly #seenKeys = new Set<string>();
  readonly #latest = new Map<string, HubCallbackBody>();
  readonly #listeners = new Set<CallbackListener>();
  readonly #changed = new Notifier();
  #failures: number[] = [];

  failNext(count: number, status: number): void {
    for (let i = 0; i < count; i += 1) this.#failures.push(status);
  }

  /** The status of the next injected failure, consumed. */
  takeFailure(): number | undefined {
    return this.#failures.shift();
  }

  /** Records a verified callback and reports how it was treated. */
  record(idempotencyKey: string, timestamp: number, body: HubCallbackBody): ReceivedCallback {
    const duplicate = this.#seenKeys.has(idempotencyKey);
    this.#seenKeys.add(idempotencyKey);
    const current = this.#latest.get(body.hubOrderId);
    const stale = !duplicate && current !== undefined && body.statusVersion <= current.statusVersion;
    const applied = !duplicate && !stale;
    if (applied) this.#latest.set(body.hubOrderId, body);
    const callback: ReceivedCallback = { receivedAt: new Date().toISOString(), idempotencyKey, timestamp, body, duplicate, stale, applied };
    this.#received.push(callback);
    for (const listener of this.#listeners) listener(callback);
    this.#changed.notify();
    return callback;
  }

  all(): ReceivedCallback[] {
    return [...this.#received];
  }

  latest(hubOrderId: string): HubCallbackBody | undefined {
    return this.#latest.get(hubOrderId);
  }

  onCallback(listener: CallbackListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  waitFor(predicate: (callback: ReceivedCallback) => boolean, timeoutMs: number): Promise<ReceivedCallback> {
    return waitUntil(() => this.#received.find(predicate), (listener) => this.#changed.subscribe(listener), timeoutMs, 'a matching callback');
  }
}
