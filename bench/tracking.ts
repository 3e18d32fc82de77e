/**
 * `npm run bench:tracking -- [--orders N] [--concurrency N] [--runs N]`: what a carrier's
 * tracking event costs the hub, against the OMS's status callback measured in the same run.
 *
 * Starts a durable Redis (as the tests do) and `hub api` as a separate process (no workers:
 * status is applied at the request, before its answer), captures `--orders` web orders
 * per run (default 2,000) through signed webhooks, then measures, each order once:
 *   (a) the OMS's signed SHIPPED callback with a tracking number: the baseline (a state
 *       change, a new shipment, its parcel indexed);
 *   (b) the carrier's signed tracking webhook for that parcel (`in_transit`): found by its
 *       tracking number, mapped by the status mapping file, applied to the one parcel;
 *   (c) the same webhooks again: duplicates, answered without a change.
 * Each answer must say the event was applied (a, b) or a duplicate (c), else it counts as an error.
 * Prints events per second (median across runs, min–max) and the ratio to (a); writes
 * bench/results/tracking.json. Compare the ratios: the load generator shares the machine.
 */
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { signWebhook } from '../sims/carrier/index.js';
import { signOmsBody } from '../sims/oms-xml/index.js';
import { OMS_CALLBACK_SECRET, writeTestConfig } from '../tests/support/hub.js';
import { freePort } from '../tests/support/ports.js';
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { OrderFactory } from './order-bodies.js';
import { launch, type ServerProcess } from './processes.js';
import { log, numberArg } from './http-load.js';
import { percentile } from './stats.js';
import { reportRates } from './rate-report.js';

const ORDERS = Math.floor(numberArg('orders', 2000));
const CONCURRENCY = Math.floor(numberArg('concurrency', 8));
const RUNS = Math.floor(numberArg('runs', 3));
const CARRIER_SECRET = 'bench-parcelco-webhook-secret-0123456789';

type PhaseName = 'oms' | 'carrier' | 'duplicate';
const PHASES: PhaseName[] = ['oms', 'carrier', 'duplicate'];
const LABELS: Record<PhaseName, string> = {
  oms: '(a) OMS SHIPPED callback', carrier: '(b) carrier tracking webhook', duplicate: '(c) the same webhook again',
};

interface PhaseResult { events: number; errors: number; perSecond: number; p50: number; p99: number }
interface Request { path: string; body: string; headers: Record<string, string> }

/** Sends every request once, `concurrency` at a time; events per second over the whole set. */
async function sendAll(base: string, requests: Request[], concurrency: number, expected: string): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const loop = async (): Promise<void> => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const sent = performance.now();
      try {
        const response = await fetch(`${base}${request.path}`, { method: 'POST', body: request.body, headers: request.headers });
        const answer = (await response.json()) as { results?: Array<{ outcome: string }> };
        if (response.status === 200 && answer.results?.[0]?.outcome === expected) latencies.push(performance.now() - sent);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - t0) / 1000;
  return { events: latencies.length, errors, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function shippedCallback(orderId: string, n: number): Request {
  const body = `<StatusUpdate><EventId>bench-ship-${orderId}</EventId><Sequence>1</Sequence><HubOrderId>${orderId}</HubOrderId>`
    + `<Status>SHIPPED</Status><Timestamp>${new Date().toISOString()}</Timestamp>`
    + `<Shipment><Carrier>ParcelCo</Carrier><TrackingNumber>${trackingNumber(n)}</TrackingNumber></Shipment></StatusUpdate>`;
  return { path: '/in/oms-main/status', body, headers: { 'content-type': 'application/xml', 'x-oms-signature': signOmsBody(body, OMS_CALLBACK_SECRET) } };
}

function trackingWebhook(n: number): Request {
  const occurredAt = new Date(Date.now() + 3600_000).toISOString();
  const body = JSON.stringify({
    id: `whk_bench_${n}`, type: 'tracking.updated', createdAt: new Date().toISOString(),
    data: {
      trackingNumber: trackingNumber(n), shipmentId: `shp_${n}`, reference: `ref-${n}`, status: 'in_transit',
      event: { id: `ev_bench_${n}`, code: 'IT', description: 'In transit', occurredAt, location: { city: 'Leeds', country: 'GB' } },
    },
  });
  return { path: '/in/parcels/tracking', body, headers: { 'content-type': 'application/json', 'parcelco-signature': signWebhook(CARRIER_SECRET, body) } };
}

let serial = 0;
function trackingNumber(n: number): string {
  return `BENCH${String(n).padStart(10, '0')}`;
}

async function captureOrders(base: string, factory: OrderFactory, count: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < count) {
      next++;
      const request = factory.make(++serial);
      const response = await fetch(`${base}/in/web-shop`, { method: 'POST', body: request.body, headers: request.headers });
      const answer = (await response.json()) as { hubOrderId?: string };
      if (answer.hubOrderId) ids.push(answer.hubOrderId);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return ids;
}

async function main(): Promise<void> {
  let redis: TestRedis | undefined;
  let hub: ServerProcess | undefined;
  try {
    redis = await startRedis();
    log(`redis ${redis.url} (pid ${redis.pid}, appendfsync always)`);
    process.env.BENCH_PARCELCO_KEY = 'bench-parcelco-api-key';
    process.env.BENCH_PARCELCO_WEBHOOK_SECRET = CARRIER_SECRET;
    const port = await freePort();
    const { file } = writeTestConfig({
      redisUrl: redis.url, omsUrl: 'http://127.0.0.1:9',
      extra: {
        http: { port },
        instances: {
          parcels: {
            connector: 'parcel-carrier',
            settings: {
              url: 'http://127.0.0.1:9', apiKey: { env: 'BENCH_PARCELCO_KEY' }, webhookSecret: { env: 'BENCH_PARCELCO_WEBHOOK_SECRET' },
              shipFrom: { name: 'Bench DC', line1: '1 Road', city: 'Leeds', postalCode: 'LS1 4DY', country: 'GB' },
            },
            mappings: { status: resolve('mappings/parcelco-tracking.json') },
          },
        },
      },
    });
    const base = `http://127.0.0.1:${port}`;
    hub = await launch('hub api', ['--import', 'tsx', 'src/cli/main.ts', 'api', '--config', file], { ...process.env }, `${base}/healthz`);
    const factory = new OrderFactory(process.env.TEST_SHOP_WEBHOOK_SECRET!);
    const runs: Array<Record<PhaseName, PhaseResult>> = [];
    for (let run = 0; run <= RUNS; run++) {
      const warmup = run === 0;
      const ids = await captureOrders(base, factory, warmup ? 200 : ORDERS);
      const first = serial - ids.length;
      const numbers = ids.map((_, i) => first + i);
      const result = {} as Record<PhaseName, PhaseResult>;
      result.oms = await sendAll(base, ids.map((id, i) => shippedCallback(id, numbers[i]!)), CONCURRENCY, 'applied');
      const webhooks = numbers.map(trackingWebhook);
      result.carrier = await sendAll(base, webhooks, CONCURRENCY, 'applied');
      result.duplicate = await sendAll(base, webhooks, CONCURRENCY, 'duplicate');
      if (warmup) continue;
      runs.push(result);
      for (const phase of PHASES) {
        const r = result[phase];
        log(`run ${run}/${RUNS} ${phase}: ${r.perSecond.toFixed(0)} events/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} errors` : ''}`);
      }
    }
    report(runs);
  } finally {
    await hub?.stop().catch((error) => log(`stopping the hub: ${String(error)}`));
    await redis?.stop().catch((error) => log(`stopping redis: ${String(error)}`));
  }
}

function report(runs: Array<Record<PhaseName, PhaseResult>>): void {
  reportRates({ title: `Tracking events: ${ORDERS} orders per run, concurrency ${CONCURRENCY}`, unit: 'events', phases: PHASES, labels: LABELS, baseline: 'oms', file: 'tracking.json', settings: { orders: ORDERS, concurrency: CONCURRENCY, runs: RUNS }, runs });
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
