/**
 * Delivers status callbacks to the hub: signs the exact body with
 * `X-OMS-Signature: sha256=<hex>`, retries network errors and any answer but
 * 2xx and 401 (a refused signature, per the protocol) with doubling backoff, keeps updates of one order in order, and can send
 * every callback twice to exercise duplicate suppression.
 */
import { hmacHex } from '../shared/hmac.js';
import { Notifier, sleep, waitUntil } from '../shared/wait.js';
import { renderStatusDocument } from './xml-render.js';
import type { CallbackRecord, StatusUpdate } from './types.js';

export interface CallbackSenderOptions {
  url: string;
  secret: string;
  attempts: number;
  baseDelayMs: number;
  /** Backoff never grows past this. */
  maxDelayMs: number;
  timeoutMs: number;
  /** Aborted when the simulator closes: stops retries and in-flight requests. */
  signal: AbortSignal;
}

export function signOmsBody(body: string, secret: string): string {
  return `sha256=${hmacHex(secret, body)}`;
}

export class CallbackSender {
  readonly #options: CallbackSenderOptions;
  readonly #records: CallbackRecord[] = [];
  readonly #chains = new Map<string, Promise<void>>();
  readonly #changed = new Notifier();
  #inFlight = 0;
  #duplicate = false;

  constructor(options: CallbackSenderOptions) {
    this.#options = options;
  }

  duplicateCallbacks(on: boolean): void {
    this.#duplicate = on;
  }

  records(): CallbackRecord[] {
    return this.#records.map((record) => ({ ...record }));
  }

  /** Queues the update behind earlier updates of the same order. */
  send(update: StatusUpdate): void {
    const copies = this.#duplicate ? [false, true] : [false];
    this.#inFlight += 1;
    const previous = this.#chains.get(update.hubOrderId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        for (const duplicate of copies) await this.#deliver(update, duplicate);
      })
      .finally(() => {
        this.#inFlight -= 1;
        if (this.#chains.get(update.hubOrderId) === next) this.#chains.delete(update.hubOrderId);
        this.#changed.notify();
      });
    this.#chains.set(update.hubOrderId, next);
  }

  settled(timeoutMs: number): Promise<void> {
    const probe = (): true | undefined => (this.#inFlight === 0 ? true : undefined);
    return waitUntil(probe, (listener) => this.#changed.subscribe(listener), timeoutMs, 'callbacks to settle').then(() => undefined);
  }

  async #deliver(update: StatusUpdate, duplicate: boolean): Promise<void> {
    const { attempts, baseDelayMs, maxDelayMs, signal } = this.#options;
    const record: CallbackRecord = {
      eventId: update.eventId, sequence: update.sequence, status: update.status, hubOrderId: update.hubOrderId,
      httpStatus: 0, attempts: 0, delivered: false, duplicate,
    };
    this.#records.push(record);
    const body = renderStatusDocument(update);
    for (let attempt = 1; attempt <= attempts && !signal.aborted; attempt += 1) {
      record.attempts = attempt;
      await this.#attempt(record, body);
      this.#changed.notify();
      if (record.delivered || record.httpStatus === 401) return;
      if (attempt < attempts) await sleep(Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs), signal);
    }
  }

  async #attempt(record: CallbackRecord, body: string): Promise<void> {
    const { url, secret, timeoutMs, signal } = this.#options;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/xml; charset=utf-8', 'x-oms-signature': signOmsBody(body, secret) },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.arrayBuffer();
      record.httpStatus = response.status;
      record.delivered = response.ok;
      if (!response.ok) record.lastError = `HTTP ${response.status}`;
      else delete record.lastError;
    } catch (error) {
      record.httpStatus = 0;
      record.lastError = error instanceof Error ? error.message : String(error);
    }
  }
}
