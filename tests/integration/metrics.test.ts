/**
 * Observability against a real hub: orders moving through the pipeline show up in
 * `/metrics` (received, dedup hits, stage durations, queue gauges), and a failing OMS
 * shows up in `/queues` as a degraded, then failing, target with the rule that said so
 * and its dead letters counted. The routes are mounted on a tiny app over the hub's runtime.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { metricsRoutes } from '../../src/http/metrics-routes.js';
import type { QueueHealth } from '../../src/pipeline/queue-health.js';
import { eventually } from '../support/hub.js';
import { startWorld, type World } from '../support/world.js';

let world: World;
let app: Hono;

beforeAll(async () => {
  world = await startWorld();
  app = new Hono();
  app.route('/', metricsRoutes(world.hub.hub.runtime));
});

afterAll(async () => {
  await world?.stop();
});

async function scrape(): Promise<string> {
  const response = await app.request('/metrics');
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one sample, e.g. `hub_dedup_hits_total{source="web-shop"}`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

async function queues(): Promise<QueueHealth[]> {
  const response = await app.request('/queues');
  expect(response.status).toBe(200);
  return ((await response.json()) as { queues: QueueHealth[] }).queues;
}

async function omsQueue(): Promise<QueueHealth> {
  return (await queues()).find((q) => q.queue === 'deliver-oms-main')!;
}

/** The OMS queue's health once its statistics count `attempts` (workers write them once a second). */
function omsQueueAfter(attempts: number): Promise<QueueHealth> {
  return eventually(async () => {
    const q = await omsQueue();
    return q.attempts15m >= attempts ? q : undefined;
  }, 5000, `${attempts} delivery attempts in the queue statistics`);
}

async function send(n: number, eventId?: string): Promise<number> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n), eventId ? { eventId } : {});
  return sent.status;
}

const deliverOk = { stage: 'deliver', instance: 'oms-main', outcome: 'ok' };

describe('metrics and queue health of a running hub', () => {
  it('counts received orders, dedup hits and stage durations, and exposes queue gauges', async () => {
    for (const n of [1, 2, 3]) expect(await send(700 + n, `evt-metrics-${n}`)).toBe(202);
    expect(await send(701, 'evt-metrics-1')).toBe(200);
    await world.oms.waitForOrders(3, 15_000);

    const text = await eventually(async () => {
      const body = await scrape();
      return (sample(body, 'hub_stage_duration_seconds_count', deliverOk) ?? 0) >= 3 ? body : undefined;
    }, 15_000, 'three deliveries to be observed');
    const received = { channel: 'web', source: 'web-shop' };
    expect(sample(text, 'hub_orders_received_total', { ...received, outcome: 'created' })).toBe(3);
    expect(sample(text, 'hub_orders_received_total', { ...received, outcome: 'duplicate' })).toBe(1);
    expect(sample(text, 'hub_dedup_hits_total', { source: 'web-shop' })).toBe(1);
    expect(sample(text, 'hub_stage_duration_seconds_count', { stage: 'normalize', instance: 'hub', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'hub_stage_duration_seconds_bucket', { ...deliverOk, le: '+Inf' })).toBeGreaterThanOrEqual(3);
    for (const queue of ['normalize', 'deliver-oms-main', 'poll']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        expect(sample(text, 'hub_queue_jobs', { queue, state }), `${queue} ${state}`).toBeGreaterThanOrEqual(0);
      }
      expect(sample(text, 'hub_queue_oldest_waiting_seconds', { queue })).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'hub_circuit_open', { target: 'oms-main' })).toBe(0);
    expect(sample(text, 'hub_dead_letters', { instance: 'oms-main' })).toBe(0);
    expect(sample(text, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);

    const oms = await eventually(async () => {
      const q = await omsQueue();
      return q.attempts15m >= 3 ? q : undefined;
    }, 15_000, 'delivery statistics');
    expect(oms.status).toBe('healthy');
    expect(oms.errorRate15m).toBe(0);
    expect(oms.completedPerMinute.lastMinute).toBeGreaterThan(0);
    expect(oms.latencyMs.samples).toBeGreaterThanOrEqual(3);
    expect(oms.latencyMs.p95).toBeGreaterThanOrEqual(oms.latencyMs.p50!);
    expect(oms.target).toMatchObject({ circuit: 'closed', lastSuccessAt: expect.any(String) });
    expect((await queues()).map((q) => q.queue)).toEqual(expect.arrayContaining(['normalize', 'deliver-oms-main', 'notify-web-shop', 'poll']));
  });

  it('shows retries by error kind and a degraded target while the OMS answers 503', async () => {
    world.oms.failNext(2, 503);
    expect(await send(710)).toBe(202);
    const text = await eventually(async () => {
      const body = await scrape();
      return (sample(body, 'hub_stage_duration_seconds_count', deliverOk) ?? 0) >= 4 ? body : undefined;
    }, 15_000, 'the retried delivery to succeed');
    expect(sample(text, 'hub_stage_duration_seconds_count', { stage: 'deliver', instance: 'oms-main', outcome: 'retry' })).toBe(2);
    expect(sample(text, 'hub_stage_errors_total', { stage: 'deliver', instance: 'oms-main', kind: 'transient' })).toBe(2);

    const oms = await omsQueueAfter(3 + 3);
    expect(oms.status).toBe('degraded');
    expect(oms.rule).toMatch(/^error rate over the last 15 min is \d+% \(> 10%\)$/);
  });

  it('shows a failing target with its dead letters when the OMS refuses every order', async () => {
    world.oms.rejectAll('INVALID_ITEM', 'Item SKU-0001 is unknown');
    for (let n = 0; n < 5; n++) expect(await send(720 + n)).toBe(202);
    const text = await eventually(async () => {
      const body = await scrape();
      return sample(body, 'hub_stage_duration_seconds_count', { stage: 'deliver', instance: 'oms-main', outcome: 'dead_letter' }) === 5 ? body : undefined;
    }, 15_000, 'five dead-lettered deliveries to be observed');
    expect(sample(text, 'hub_dead_letters', { instance: 'oms-main' })).toBe(5);
    expect(sample(text, 'hub_stage_errors_total', { stage: 'deliver', instance: 'oms-main', kind: 'permanent' })).toBe(5);

    const oms = await omsQueueAfter(3 + 3 + 5);
    expect(oms.deadLetters).toBe(5);
    expect(oms.status).toBe('failing');
    expect(oms.rule).toMatch(/^error rate over the last 15 min is \d+% \(> 50%\)$/);
    expect(oms.errorRate15m).toBeGreaterThan(0.5);
    expect(oms.target?.circuit).toBe('closed');
    world.oms.acceptAll();
  });
});
