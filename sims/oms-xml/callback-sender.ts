/**
 * Delivers status callbacks to the hub: signs the exact body with
 * `X-OMS-Signature: sha256=<hex>`, retries network errors and any answer but
 * 2xx and 401 (a refused signature, per the protocol) with doubling backoff, keeps updates of one order in order, and can send
 * every callback twice to exercise duplicate suppression. The signed POST with
 * its retries (`deliverSigned`) is shared with the stock feed.
 */
import { hmacHex } from '../shared/hmac.js';
import { Notifier, sleep, waitUntil } from '../shared/wait.js';
import { renderStatusDocument } from './xml-render.js';
import type { CallbackRecord, StatusUpdate } from './types.js';

/** Where and how a signed document is POSTed, and how often it is tried. */
export interface SignedPostOptions {
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

export type CallbackSenderOptions = SignedPostOptions;

/** The outcome of one delivery, updated after every attempt. */
export interface DeliveryState {
  /** HTTP status of the last attempt; 0 after a network error or timeout. */
  httpStatus: number;
  attempts: number;
  delivered: boolean;
  lastError?: string;
}

export function signOmsBody(body: string, secret: string): string {
  return `sha256=${hmacHex(secret, body)}`;
}

/**
 * POSTs `body` signed with `X-OMS-Signature` until a 2xx or a 401 comes back,
 * the attempts are used up or the signal aborts; backoff doubles from
 * `baseDelayMs` up to `maxDelayMs`. Never throws: the outcome is in `state`.
 */
export async function deliverSigned(body: string, options: SignedPostOptions, state: DeliveryState, onAttempt?: () => void): Promise<void> {
  const { attempts, baseDelayMs, maxDelayMs, signal } = options;
  for (let attempt = 1; attempt <= attempts && !signal.aborted; attempt += 1) {
    state.attempts = attempt;
    await attemptSigned(body, options, state);
    onAttempt?.();
    if (state.delivered || state.httpStatus === 401) return;
    if (attempt < attempts) await sleep(Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs), signal);
  }
}

async function attemptSigned(body: string, options: SignedPostOptions, state: DeliveryState): Promise<void> {
  const { url, secret, timeoutMs, signal } = options;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8', 'x-oms-signature': signOmsBody(body, secret) },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    await response.arrayBuffer();
    state.httpStatus = response.status;
    state.delivered = response.ok;
    if (!response.ok) state.lastError = `HTTP ${response.status}`;
    else delete state.lastError;
  } catch (error) {
    state.httpStatus = 0;
    state.lastError = error instanceof Error ? error.message : String(error);
  }
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
    const record: CallbackRecord = {
      eventId: update.eventId, sequence: update.sequence, status: update.status, hubOrderId: update.hubOrderId,
      httpStatus: 0, attempts: 0, delivered: false, duplicate,
    };
    this.#records.push(record);
    await deliverSigned(renderStatusDocument(update), this.#options, record, () => this.#changed.notify());
  }
}
