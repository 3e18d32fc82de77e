/**
 * `npm run bench:availability -- [--seconds N] [--concurrency N] [--runs N]`: the
 * availability API under load, against a baseline measured in the same run.
 *
 * Starts a durable Redis (as the tests do) and `hub api` as a separate process (the
 * TypeScript source through tsx, so it runs the current code whatever dist/ holds), seeds
 * 10,000 SKUs × 3 DCs in snapshot chunks (every 10th SKU at 0 everywhere, with an
 * expected date), then per run measures three phases for a fixed time at a fixed
 * concurrency with Node's fetch (keep-alive, the global dispatcher):
 *   (a) GET /healthz: no Redis work, the baseline;
 *   (b) GET /api/availability with 1 random SKU;
 *   (c) GET /api/availability with 20 random SKUs.
 * The phase order alternates between runs (a b c, c b a, …). Prints medians across runs
 * with min–max, and the ratios of (b) and (c) to (a); writes bench/results/availability.json.
 * The load generator runs in this process, so on a small machine it shares CPU with the
 * hub and Redis: compare the ratios, not the absolute numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Credentials } from '../src/auth/credentials.js';
import { createRedis, type HubRedis } from '../src/store/connection.js';
import { Keys } from '../src/store/keys.js';
import { StockStore } from '../src/store/stock-store.js';
import { writeTestConfig } from '../tests/support/hub.js';
import { freePort } from '../tests/support/ports.js';
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { launch, type ServerProcess } from './processes.js';
import { load, log, numberArg, type PhaseResult } from './http-load.js';
import { spread, type Spread } from './stats.js';

const SECONDS = numberArg('seconds', 10);
const CONCURRENCY = Math.floor(numberArg('concurrency', 32));
const RUNS = Math.floor(numberArg('runs', 3));
const SKU_COUNT = 10_000;
const DCS = ['dc-north', 'dc-south', 'dc-west'];
const SNAPSHOT_CHUNK = 3_000; // items per StockStore.apply call (it splits into 500-item scripts)
const WARMUP_MS = 1_000;

const skuOf = (i: number): string => `BENCH-${String(i).padStart(5, '0')}`;
const randomSku = (): string => skuOf(Math.floor(Math.random() * SKU_COUNT));

type PhaseName = 'healthz' | 'avail-1' | 'avail-20';
const PHASES: PhaseName[] = ['healthz', 'avail-1', 'avail-20'];

/** Seeds the stock view: the first chunk is the snapshot, later chunks deltas of the same moment (as StockStore does). */
async function seed(redis: HubRedis, prefix: string): Promise<void> {
  const store = new StockStore(redis, new Keys(prefix));
  const asOf = new Date().toISOString();
  const items: Array<{ sku: string; dc: string; onHand: number; expectedDate?: string }> = [];
  for (let i = 0; i < SKU_COUNT; i++) {
    for (const dc of DCS) {
      items.push(i % 10 === 0
        ? { sku: skuOf(i), dc, onHand: 0, expectedDate: '2030-01-15' }
        : { sku: skuOf(i), dc, onHand: (i * 7 + dc.length) % 50 });
    }
  }
  for (let start = 0; start < items.length; start += SNAPSHOT_CHUNK) {
    await store.apply({ kind: start === 0 ? 'snapshot' : 'delta', asOf, items: items.slice(start, start + SNAPSHOT_CHUNK) });
  }
}

function phaseUrl(base: string, phase: PhaseName): () => string {
  if (phase === 'healthz') return () => `${base}/healthz`;
  const count = phase === 'avail-1' ? 1 : 20;
  return () => {
    const params = new URLSearchParams();
    for (let i = 0; i < count; i++) params.append('sku', randomSku());
    return `${base}/api/availability?${params}`;
  };
}

async function main(): Promise<void> {
  let redis: TestRedis | undefined;
  let client: HubRedis | undefined;
  let hub: ServerProcess | undefined;
  try {
    redis = await startRedis();
    log(`redis ${redis.url} (pid ${redis.pid}, appendfsync always)`);
    const port = await freePort();
    const { file, prefix } = writeTestConfig({ redisUrl: redis.url, omsUrl: 'http://127.0.0.1:9', extra: { http: { port } } });
    const base = `http://127.0.0.1:${port}`;
    hub = await launch('hub api', ['--import', 'tsx', 'src/cli/main.ts', 'api', '--config', file], { ...process.env }, `${base}/healthz`);
    log(`hub api (pid ${hub.pid}, log ${hub.logFile})`);

    client = createRedis(redis.url, 'bench-availability');
    const seedStart = Date.now();
    await seed(client, prefix);
    log(`seeded ${SKU_COUNT} SKUs × ${DCS.length} DCs in ${Date.now() - seedStart} ms`);
    const token = await new Credentials(client, prefix).createToken('bench', 'channel');
    const headers = { authorization: `Bearer ${token}` };

    // Sanity check: a seeded SKU answers, an out-of-stock one carries its expected date.
    // The last SKU was in the last chunk: every chunk landed.
    const check = await fetch(`${base}/api/availability?sku=${skuOf(0)}&sku=${skuOf(SKU_COUNT - 1)}`, { headers });
    const body = await check.text();
    const items = check.status === 200 ? (JSON.parse(body) as { items: Array<{ sku: string; available?: number; expectedDate?: string }> }).items : [];
    const [zero, last] = [items.find((i) => i.sku === skuOf(0)), items.find((i) => i.sku === skuOf(SKU_COUNT - 1))];
    if (zero?.expectedDate !== '2030-01-15' || !(Number(last?.available) > 0)) throw new Error(`availability check failed: ${check.status} ${body}`);

    log(`warm-up ${WARMUP_MS} ms per phase`);
    for (const phase of PHASES) await load(phaseUrl(base, phase), headers, CONCURRENCY, WARMUP_MS, false);

    const runs: Array<Record<PhaseName, PhaseResult>> = [];
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? PHASES : [...PHASES].reverse();
      const result = {} as Record<PhaseName, PhaseResult>;
      for (const phase of order) {
        result[phase] = await load(phaseUrl(base, phase), headers, CONCURRENCY, SECONDS * 1000, true);
        const r = result[phase];
        log(`run ${run + 1}/${RUNS} ${phase}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms${r.errors ? `, ${r.errors} errors` : ''}`);
      }
      runs.push(result);
    }

    report(runs);
  } finally {
    client?.disconnect();
    await hub?.stop().catch((error) => log(`stopping the hub: ${String(error)}`));
    await redis?.stop().catch((error) => log(`stopping redis: ${String(error)}`));
  }
}

function report(runs: Array<Record<PhaseName, PhaseResult>>): void {
  const metric = (phase: PhaseName, key: keyof PhaseResult): Spread => spread(runs.map((r) => r[phase][key]));
  const ratio = (phase: PhaseName, key: 'p50' | 'rps'): Spread => spread(runs.map((r) => r[phase][key] / r.healthz[key]));
  const fmt = (s: Spread, digits: number, suffix = ''): string =>
    runs.length === 1 ? `${s.median.toFixed(digits)}${suffix}` : `${s.median.toFixed(digits)}${suffix} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

  const header = ['phase', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 ÷ (a)', 'req/s ÷ (a)', 'errors'];
  const labels: Record<PhaseName, string> = { healthz: '(a) GET /healthz', 'avail-1': '(b) availability, 1 SKU', 'avail-20': '(c) availability, 20 SKUs' };
  const rows = PHASES.map((phase) => [
    labels[phase], fmt(metric(phase, 'rps'), 0), fmt(metric(phase, 'p50'), 2), fmt(metric(phase, 'p95'), 2), fmt(metric(phase, 'p99'), 2),
    phase === 'healthz' ? '1' : fmt(ratio(phase, 'p50'), 2, '×'), phase === 'healthz' ? '1' : fmt(ratio(phase, 'rps'), 2, '×'),
    String(runs.reduce((sum, r) => sum + r[phase].errors, 0)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nAvailability API: ${SECONDS} s per phase, concurrency ${CONCURRENCY}, ${RUNS === 1 ? '1 run' : `median of ${RUNS} runs (min–max)`}, ${cpus().length} CPUs`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));

  const summary = Object.fromEntries(PHASES.map((phase) => [phase, {
    rps: metric(phase, 'rps'), p50: metric(phase, 'p50'), p95: metric(phase, 'p95'), p99: metric(phase, 'p99'),
    ...(phase === 'healthz' ? {} : { p50Ratio: ratio(phase, 'p50'), rpsRatio: ratio(phase, 'rps') }),
  }]));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/availability.json', `${JSON.stringify({
    date: new Date().toISOString(), node: process.version, cpus: cpus().length,
    settings: { seconds: SECONDS, concurrency: CONCURRENCY, runs: RUNS, skus: SKU_COUNT, dcs: DCS.length, hub: 'hub api (tsx), separate process' },
    summary, runs,
  }, null, 2)}\n`);
  log('wrote bench/results/availability.json');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
