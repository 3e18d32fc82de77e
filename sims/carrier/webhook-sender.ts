/**
 * Delivers `tracking.updated` webhooks: each POST signed afresh (`ParcelCo-Signature`),
 * retried on any answer but 2xx and on network errors with doubling backoff. First
 * attempts go out one at a time in the order the events happened, retries on their
 * own. The webhook faults act here: two copies of each webhook, webhooks collected for
 * a short window and sent in another order, answers "lost" so a delivered webhook is
 * sent again.
 */
import { Notifier, sleep, waitUntil } from '../shared/wait.js';
import { derange } from './derange.js';
import type { CarrierFaults } from './faults.js';
import type { WebhookBody, WebhookDelivery } from './types.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

export interface WebhookSenderOptions {
  url: string | (() => string);
  secret: string;
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** While webhooks are shuffled, how long they are collected before being sent. */
  shuffleWindowMs: number;
  faults: CarrierFaults;
  /** Aborted when the simulator closes: stops retries and requests in flight. */
  signal: AbortSignal;
}

interface Job {
  delivery: WebhookDelivery;
  body: string;
}

export class WebhookSender {
  readonly #options: WebhookSenderOptions;
  readonly #deliveries: WebhookDelivery[] = [];
  readonly #queue: Job[] = [];
  readonly #changed = new Notifier();
  #unfinished = 0;
  #draining = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: WebhookSenderOptions) {
    this.#options = options;
  }

  /** Queues the webhook (twice while duplicates are on); the body is fixed now, for every attempt and copy. */
  send(webhook: WebhookBody): void {
    const body = JSON.stringify(webhook);
    const copies = this.#options.faults.duplicateWebhooks() ? 2 : 1;
    for (let copy = 1; copy <= copies; copy += 1) {
      const delivery: WebhookDelivery = {
        webhookId: webhook.id, trackingNumber: webhook.data.trackingNumber, code: webhook.data.event.code,
        copy, attempts: 0, httpStatus: 0, delivered: false,
      };
      this.#deliveries.push(delivery);
      this.#queue.push({ delivery, body });
      this.#unfinished += 1;
    }
    this.#schedule();
  }

  deliveries(): WebhookDelivery[] {
    return this.#deliveries.map((delivery) => ({ ...delivery }));
  }

  settled(timeoutMs: number): Promise<void> {
    const probe = (): true | undefined => (this.#unfinished === 0 ? true : undefined);
    return waitUntil(probe, (listener) => this.#changed.subscribe(listener), timeoutMs, 'webhooks to settle').then(() => undefined);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#draining || this.#timer || this.#options.signal.aborted) return;
    const wait = this.#options.faults.shuffleWebhooks() ? this.#options.shuffleWindowMs : 0;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#drain();
    }, wait);
  }

  /** First attempts, one at a time, in queue order (or shuffled); failures go on retrying in the background. */
  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0 && !this.#options.signal.aborted) {
        const batch = this.#queue.splice(0);
        for (const job of this.#options.faults.shuffleWebhooks() ? derange(batch) : batch) {
          await this.#attempt(job);
          if (job.delivery.delivered || this.#options.attempts <= 1) this.#finish();
          else void this.#retry(job);
        }
      }
    } finally {
      this.#draining = false;
      if (this.#queue.length > 0) this.#schedule();
    }
  }

  async #retry(job: Job): Promise<void> {
    const { attempts, baseDelayMs, maxDelayMs, signal } = this.#options;
    for (let attempt = 2; attempt <= attempts && !signal.aborted; attempt += 1) {
      await sleep(Math.min(baseDelayMs * 2 ** (attempt - 2), maxDelayMs), signal);
      if (signal.aborted) break;
      await this.#attempt(job);
      if (job.delivery.delivered) break;
    }
    this.#finish();
  }

  async #attempt(job: Job): Promise<void> {
    const { url, secret, timeoutMs, signal, faults } = this.#options;
    const delivery = job.delivery;
    delivery.attempts += 1;
    const answerLost = faults.takeLostAnswer();
    try {
      const response = await fetch(typeof url === 'function' ? url() : url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(secret, job.body), 'user-agent': 'ParcelCo-Webhooks/1.0' },
        body: job.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.arrayBuffer();
      delivery.httpStatus = response.status;
      delivery.delivered = response.ok && !answerLost;
      if (delivery.delivered) delete delivery.lastError;
      else delivery.lastError = answerLost ? 'answer lost (simulated failure): will retry' : `HTTP ${response.status}`;
    } catch (error) {
      delivery.httpStatus = 0;
      delivery.lastError = error instanceof Error ? error.message : String(error);
    }
    this.#changed.notify();
  }

  #finish(): void {
    this.#unfinished -= 1;
    this.#changed.notify();
  }
}
