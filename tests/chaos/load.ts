/**
 * The steady load of a chaos run: signed storefront webhooks at a fixed rate, each a
 * new order. Like a real storefront it retries an order that was not acknowledged
 * (an error answer, a reset connection, a time-out), with the same order id, until it
 * is. It keeps the first of the checker's three ledgers: every acknowledgement the hub
 * gave (an order may be acknowledged twice; the hub must name the same order both times),
 * and every answer with its latency, so a scenario can ask how fast refusals were.
 */
import { makeShopifyOrder, sendOrderWebhook } from '../../sims/storefront/index.js';
import { WEBHOOK_SECRET } from '../support/hub.js';

export interface Acknowledgement {
  externalId: string;
  hubOrderId: string;
  at: number;
}

export interface Answer {
  at: number;
  /** HTTP status, or 0 for a network error or time-out. */
  status: number;
  ms: number;
}

export interface LoadOptions {
  url: string;
  /** Orders per second. */
  rate: number;
  /** Order numbers start here (distinct per scenario). */
  firstOrder: number;
  /** Give up on one request after this long; default 5 s. */
  timeoutMs?: number;
}

export interface Load {
  /** Orders offered so far. */
  offered(): number;
  acknowledgements(): Acknowledgement[];
  answers(): Answer[];
  /** Orders not yet acknowledged. */
  pending(): number;
  /** Stops offering new orders; retries go on until every order is acknowledged or `withinMs` passes. */
  finish(withinMs: number): Promise<void>;
}

const RETRY_AFTER_MS = 500;
const MAX_IN_FLIGHT = 200;

export function startLoad(options: LoadOptions): Load {
  const acks: Acknowledgement[] = [];
  const answers: Answer[] = [];
  const unacknowledged = new Set<number>();
  let offered = 0;
  let inFlight = 0;
  let stopped = false;
  let retriesStopped = false;

  async function send(n: number): Promise<void> {
    if (retriesStopped) return;
    if (inFlight >= MAX_IN_FLIGHT) return void setTimeout(() => void send(n), RETRY_AFTER_MS);
    inFlight += 1;
    const began = Date.now();
    let status = 0;
    try {
      const result = await sendOrderWebhook(options.url, makeShopifyOrder(n), {
        style: 'shopify', secret: WEBHOOK_SECRET, timeoutMs: options.timeoutMs ?? 5000,
      });
      status = result.status;
      const hubOrderId = (result.body as { hubOrderId?: string } | undefined)?.hubOrderId;
      if (status >= 200 && status < 300 && hubOrderId) {
        acks.push({ externalId: String(makeShopifyOrder(n).id), hubOrderId, at: Date.now() });
        unacknowledged.delete(n);
      }
    } catch {
      status = 0;
    } finally {
      inFlight -= 1;
    }
    answers.push({ at: began, status, ms: Date.now() - began });
    if (unacknowledged.has(n)) setTimeout(() => void send(n), RETRY_AFTER_MS);
  }

  const began = Date.now();
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - began) / 1000) * options.rate);
    while (!stopped && offered < due) {
      const n = options.firstOrder + offered;
      offered += 1;
      unacknowledged.add(n);
      void send(n);
    }
  }, 20);

  return {
    offered: () => offered,
    acknowledgements: () => [...acks],
    answers: () => [...answers],
    pending: () => unacknowledged.size,
    async finish(withinMs) {
      stopped = true;
      clearInterval(timer);
      const deadline = Date.now() + withinMs;
      while ((unacknowledged.size > 0 || inFlight > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      retriesStopped = true;
    },
  };
}
