/**
 * `npm run bench:x12 -- [--seconds N] [--concurrency N] [--runs N] [--batch N]`: what an
 * X12 850 costs per order, against a baseline measured in the same run.
 *
 * Starts a durable Redis (as the tests do) and `hub api` as a separate process (no
 * workers: this is the capture path, what a partner waits for before its 997), then
 * measures for a fixed time:
 *   (a) signed Shopify webhooks, one order per request: the baseline;
 *   (b) X12 interchanges POSTed with the partner's token, one 850 each;
 *   (c) interchanges of `--batch` 850s each (default 100), in one functional group;
 *   (d) the same interchanges again: every PO a duplicate, answered with the same 997.
 * Every X12 answer must be a 997 accepting every set (AK9 A), else it counts as an error.
 * Prints orders per second (median across runs, min–max), request latencies, and the
 * ratio of orders/s to (a). Writes bench/results/x12.json. Compare the ratios: the load
 * generator shares the machine.
 */
import { resolve } from 'node:path';
import { startX12Partner, type PurchaseOrderPlan, type X12PartnerSim } from '../sims/x12-partner/index.js';
import { writeTestConfig } from '../tests/support/hub.js';
import { freePort } from '../tests/support/ports.js';
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { launch, type ServerProcess } from './processes.js';
import { log, numberArg } from './http-load.js';
import { reportRates } from './rate-report.js';
import { postFor as post, webhookRequests, type NextRequest, type PhaseResult } from './timed-posts.js';

const SECONDS = numberArg('seconds', 8);
const CONCURRENCY = Math.floor(numberArg('concurrency', 8));
const RUNS = Math.floor(numberArg('runs', 3));
const BATCH = Math.floor(numberArg('batch', 100));
const TOKEN = 'bench-x12-partner-token-0123456789';
const PARTNER = { qualifier: 'ZZ', id: 'BENCHBUYER' };
const HUB = { qualifier: 'ZZ', id: 'ORDERHUB' };

type PhaseName = 'webhook' | 'single' | 'batch' | 'again';
const PHASES: PhaseName[] = ['webhook', 'single', 'batch', 'again'];
const LABELS: Record<PhaseName, string> = {
  webhook: '(a) webhook, 1 order per request', single: '(b) X12 interchange, one 850',
  batch: `(c) X12 interchange, ${BATCH} 850s`, again: `(d) the same ${BATCH} again (duplicates)`,
};

/** Every set accepted: the 997's AK9 says A. */
const ACCEPTED = (status: number, body: string) => status === 200 && /AK9\*A\*/.test(body);

let poSerial = 0;
function plan(): PurchaseOrderPlan {
  const n = ++poSerial;
  return {
    poNumber: `BENCH-PO-${n}`, date: '2026-12-01', currency: 'USD',
    contact: { name: 'Bench Buyer', phone: '5035550142', email: 'buyer@bench.example' },
    shipTo: { name: 'Bench DC', line1: '1 Dock Road', city: 'Portland', state: 'OR', postalCode: '97209', country: 'US' },
    lines: [
      { lineNumber: '1', quantity: 2, unitPrice: '12.50', vendorPart: 'SKU-0001', buyerPart: `BP-${n}-1`, description: 'Item one' },
      { lineNumber: '2', quantity: 1, unitPrice: '7.25', vendorPart: 'SKU-0002', description: 'Item two' },
    ],
  };
}

/** Interchanges of `perRequest` new 850s each; with `again`, the ones sent before, in turn. */
function interchanges(partner: X12PartnerSim, perRequest: number, again?: string[]): { next: NextRequest; sent: string[] } {
  const sent: string[] = [];
  let turn = 0;
  const next: NextRequest = () => {
    const body = again?.length ? again[turn++ % again.length]! : partner.purchaseOrders(Array.from({ length: perRequest }, plan)).text;
    if (!again) sent.push(body);
    return { path: '/in/edi', body, orders: perRequest, headers: { 'content-type': 'application/edi-x12', authorization: `Bearer ${TOKEN}` } };
  };
  return { next, sent };
}

async function main(): Promise<void> {
  let redis: TestRedis | undefined;
  let hub: ServerProcess | undefined;
  const partner = await startX12Partner({ partner: PARTNER, hub: HUB, version: '004010' });
  try {
    redis = await startRedis();
    log(`redis ${redis.url} (pid ${redis.pid}, appendfsync always)`);
    process.env.BENCH_X12_TOKEN = TOKEN;
    const port = await freePort();
    const { file } = writeTestConfig({
      redisUrl: redis.url, omsUrl: 'http://127.0.0.1:9',
      extra: {
        http: { port },
        instances: {
          edi: {
            connector: 'x12', channel: 'edi',
            settings: { interchange: HUB, partners: [{ id: 'bench', name: 'Bench Buyer', interchange: PARTNER, token: { env: 'BENCH_X12_TOKEN' } }] },
            mappings: { inbound: resolve('mappings/x12-850-to-canonical.json') },
          },
        },
      },
    });
    const base = `http://127.0.0.1:${port}`;
    hub = await launch('hub api', ['--import', 'tsx', 'src/cli/main.ts', 'api', '--config', file], { ...process.env }, `${base}/healthz`);
    const webhook = webhookRequests(process.env.TEST_SHOP_WEBHOOK_SECRET!);

    const runs: Array<Record<PhaseName, PhaseResult>> = [];
    for (let run = 0; run <= RUNS; run++) {
      const warmup = run === 0;
      const ms = warmup ? 1000 : SECONDS * 1000;
      const batches = interchanges(partner, BATCH);
      const result = {} as Record<PhaseName, PhaseResult>;
      result.webhook = await post(base, webhook, CONCURRENCY, ms);
      result.single = await post(base, interchanges(partner, 1).next, CONCURRENCY, ms, ACCEPTED);
      result.batch = await post(base, batches.next, CONCURRENCY, ms, ACCEPTED);
      result.again = await post(base, interchanges(partner, BATCH, batches.sent).next, CONCURRENCY, ms, ACCEPTED);
      if (warmup) continue;
      runs.push(result);
      for (const phase of PHASES) {
        const r = result[phase];
        log(`run ${run}/${RUNS} ${phase}: ${r.perSecond.toFixed(0)} orders/s, ${r.requests} requests, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} errors` : ''}`);
      }
    }
    report(runs);
  } finally {
    await partner.close();
    await hub?.stop().catch((error) => log(`stopping the hub: ${String(error)}`));
    await redis?.stop().catch((error) => log(`stopping redis: ${String(error)}`));
  }
}

function report(runs: Array<Record<PhaseName, PhaseResult>>): void {
  reportRates({ title: `X12 850s over HTTP: ${SECONDS} s per phase, concurrency ${CONCURRENCY}`, unit: 'orders', phases: PHASES, labels: LABELS, baseline: 'webhook', file: 'x12.json', settings: { seconds: SECONDS, concurrency: CONCURRENCY, runs: RUNS, batch: BATCH }, runs });
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
