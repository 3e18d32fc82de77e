/**
 * A timed phase of a rate benchmark (bench:kiosk, bench:x12): `concurrency` loops POST
 * one request after another for `ms`, each request carrying some orders; an answer the
 * phase does not accept (by default: a status of 300 or more) counts as an error. Gives
 * orders per second over the phase and the request latencies. Also the baseline phase's
 * requests: signed Shopify webhooks, one new order each.
 */
import { performance } from 'node:perf_hooks';
import { OrderFactory } from './order-bodies.js';
import { percentile } from './stats.js';

export interface PhaseResult { orders: number; requests: number; errors: number; perSecond: number; p50: number; p99: number }

/** One request of a loop: its bytes, headers and how many orders it carries. */
export type NextRequest = () => { path: string; body: string; headers: Record<string, string>; orders: number };

/** Whether an answer is what the phase expects. */
export type Accept = (status: number, body: string) => boolean;

const SUCCESS: Accept = (status) => status < 300;

export async function postFor(base: string, next: NextRequest, concurrency: number, ms: number, accept: Accept = SUCCESS): Promise<PhaseResult> {
  const latencies: number[] = [];
  let orders = 0;
  let errors = 0;
  const t0 = performance.now();
  const loop = async (): Promise<void> => {
    while (performance.now() - t0 < ms) {
      const request = next();
      const sent = performance.now();
      try {
        const response = await fetch(`${base}${request.path}`, { method: 'POST', body: request.body, headers: request.headers });
        if (!accept(response.status, await response.text())) errors++;
        else {
          latencies.push(performance.now() - sent);
          orders += request.orders;
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - t0) / 1000;
  return { orders, requests: latencies.length, errors, perSecond: orders / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Signed Shopify webhooks to `/in/web-shop`, one new order each: the baseline phase of a rate benchmark. */
export function webhookRequests(secret: string): NextRequest {
  const factory = new OrderFactory(secret);
  let n = 0;
  return () => {
    const request = factory.make(++n);
    return { path: '/in/web-shop', body: request.body.toString('utf8'), headers: request.headers, orders: 1 };
  };
}
