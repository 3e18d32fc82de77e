/**
 * `npm run bench:kiosk -- [--seconds N] [--concurrency N] [--runs N] [--batch N]`: what a
 * kiosk upload costs per order, against a baseline measured in the same run.
 *
 * Starts a durable Redis (as the tests do) and `hub api` as a separate process (no
 * workers: this is the capture path, the acknowledgement a sender waits for), registers
 * one device per concurrent loop and run, then measures for a fixed time:
 *   (a) signed Shopify webhooks, one order per request: the baseline;
 *   (b) signed kiosk uploads of one order each;
 *   (c) signed kiosk uploads of `--batch` orders each (default 100);
 *   (d) the same batches sent again: all duplicates, what a kiosk's resend costs.
 * Prints orders per second (median across runs, min–max), request latencies, and the
 * ratio of orders/s to (a). Writes bench/results/kiosk.json. Compare the ratios: the load
 * generator shares the machine.
 */
import { resolve } from 'node:path';
import { makeKioskOrder, seededRng, type KioskIdentity, type KioskOrder } from '../sims/kiosk/index.js';
import { signHttpRequest } from '../sims/kiosk/signing.js';
import { writeTestConfig } from '../tests/support/hub.js';
import { freePort } from '../tests/support/ports.js';
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { Credentials } from '../src/auth/credentials.js';
import { createRedis } from '../src/store/connection.js';
import { launch, type ServerProcess } from './processes.js';
import { log, numberArg } from './http-load.js';
import { reportRates } from './rate-report.js';
import { postFor as post, webhookRequests, type NextRequest, type PhaseResult } from './timed-posts.js';

const SECONDS = numberArg('seconds', 8);
const CONCURRENCY = Math.floor(numberArg('concurrency', 8));
const RUNS = Math.floor(numberArg('runs', 3));
const BATCH = Math.floor(numberArg('batch', 100));
const DEVICE_SECRET = 'bench-device-key-secret-0123456789abcdef';

type PhaseName = 'webhook' | 'single' | 'batch' | 'resend';
const PHASES: PhaseName[] = ['webhook', 'single', 'batch', 'resend'];
const LABELS: Record<PhaseName, string> = {
  webhook: '(a) webhook, 1 order per request', single: '(b) kiosk upload, 1 order',
  batch: `(c) kiosk upload, ${BATCH} orders`, resend: `(d) the same ${BATCH} again (duplicates)`,
};

/**
 * Loops that each sign as their own device, numbering its orders from 1; `sent` keeps the
 * uploads made. With `again`, each device sends its earlier uploads once more instead.
 */
function kioskLoops(devices: KioskIdentity[], perRequest: number, again?: Map<string, KioskOrder[][]>): { next: NextRequest; sent: Map<string, KioskOrder[][]> } {
  const seqs = new Map(devices.map((d) => [d.deviceId, 0]));
  const sent = new Map(devices.map((d) => [d.deviceId, [] as KioskOrder[][]]));
  let turn = 0;
  const rng = seededRng('bench');
  const next: NextRequest = () => {
    const device = devices[turn++ % devices.length]!;
    const earlier = again?.get(device.deviceId) ?? [];
    let orders: KioskOrder[];
    if (earlier.length > 0) {
      orders = earlier[turn % earlier.length]!;
    } else {
      const from = seqs.get(device.deviceId)!;
      seqs.set(device.deviceId, from + perRequest);
      orders = Array.from({ length: perRequest }, (_, i) => makeKioskOrder(from + i + 1, new Date(), rng));
      sent.get(device.deviceId)!.push(orders);
    }
    const body = JSON.stringify({ orders });
    return {
      path: '/in/kiosks/orders', body, orders: orders.length,
      headers: { 'content-type': 'application/json', ...signHttpRequest(device.key, 'POST', '/in/kiosks/orders', body) },
    };
  };
  return { next, sent };
}

async function registerDevices(base: string, token: string, prefix: string, count: number): Promise<KioskIdentity[]> {
  const devices: KioskIdentity[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${base}/api/devices`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: `${prefix}-${i}`, store: 'S01' }),
    });
    if (response.status !== 201) throw new Error(`registering a device: ${response.status} ${await response.text()}`);
    const { key } = (await response.json()) as { key: { keyId: string; secret: string } };
    devices.push({ deviceId: `${prefix}-${i}`, store: 'S01', key });
  }
  return devices;
}

async function main(): Promise<void> {
  let redis: TestRedis | undefined;
  let hub: ServerProcess | undefined;
  try {
    redis = await startRedis();
    log(`redis ${redis.url} (pid ${redis.pid}, appendfsync always)`);
    process.env.BENCH_DEVICE_KEY_SECRET = DEVICE_SECRET;
    const port = await freePort();
    const { file, prefix } = writeTestConfig({
      redisUrl: redis.url, omsUrl: 'http://127.0.0.1:9',
      extra: {
        http: { port },
        devices: { keySecret: { env: 'BENCH_DEVICE_KEY_SECRET' } },
        instances: { kiosks: { connector: 'kiosk', channel: 'kiosk', settings: { maxOrdersPerBatch: Math.max(500, BATCH) }, mappings: { inbound: resolve('mappings/kiosk-order-to-canonical.json') } } },
      },
    });
    const base = `http://127.0.0.1:${port}`;
    hub = await launch('hub api', ['--import', 'tsx', 'src/cli/main.ts', 'api', '--config', file], { ...process.env }, `${base}/healthz`);
    const client = createRedis(redis.url, 'bench-kiosk');
    const token = await new Credentials(client, prefix).createToken('bench', 'admin');
    client.disconnect();
    const webhook = webhookRequests(process.env.TEST_SHOP_WEBHOOK_SECRET!);

    const runs: Array<Record<PhaseName, PhaseResult>> = [];
    for (let run = 0; run <= RUNS; run++) {
      const warmup = run === 0;
      const singles = await registerDevices(base, token, `bench-r${run}-single`, CONCURRENCY);
      const batchers = await registerDevices(base, token, `bench-r${run}-batch`, CONCURRENCY);
      const batches = kioskLoops(batchers, BATCH);
      const ms = warmup ? 1000 : SECONDS * 1000;
      const result = {} as Record<PhaseName, PhaseResult>;
      result.webhook = await post(base, webhook, CONCURRENCY, ms);
      result.single = await post(base, kioskLoops(singles, 1).next, CONCURRENCY, ms);
      result.batch = await post(base, batches.next, CONCURRENCY, ms);
      result.resend = await post(base, kioskLoops(batchers, BATCH, batches.sent).next, CONCURRENCY, ms);
      if (warmup) continue;
      runs.push(result);
      for (const phase of PHASES) {
        const r = result[phase];
        log(`run ${run}/${RUNS} ${phase}: ${r.perSecond.toFixed(0)} orders/s, ${r.requests} requests, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} errors` : ''}`);
      }
    }
    report(runs);
  } finally {
    await hub?.stop().catch((error) => log(`stopping the hub: ${String(error)}`));
    await redis?.stop().catch((error) => log(`stopping redis: ${String(error)}`));
  }
}

function report(runs: Array<Record<PhaseName, PhaseResult>>): void {
  reportRates({ title: `Kiosk uploads: ${SECONDS} s per phase, concurrency ${CONCURRENCY}`, unit: 'orders', phases: PHASES, labels: LABELS, baseline: 'webhook', file: 'kiosk.json', settings: { seconds: SECONDS, concurrency: CONCURRENCY, runs: RUNS, batch: BATCH }, runs });
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
