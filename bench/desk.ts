/**
 * `npm run bench:desk -- [--seconds N] [--concurrency N] [--runs N] [--orders N] [--customers N]`:
 * the agent desk's searches and customer page under load, on the demo data set (default
 * 100,000 orders of 20,000 customers, written by the same code as `hub seed`), against
 * a baseline measured in the same run.
 *
 * Starts a durable Redis (as the tests do) and `hub api` as a separate process, seeds,
 * then per run measures for a fixed time at a fixed concurrency with Node's fetch:
 *   (a) GET /healthz: the baseline;
 *   (b) GET /api/customers?q=<a phone number as a person says it>;
 *   (c) GET /api/customers?q=<an e-mail>;
 *   (d) GET /api/customers?q=<the first letters of a name> (up to 20 cards);
 *   (e) GET /api/customers/:id: the customer page's data (card, orders with states,
 *       shipments and notices, notes).
 * Prints medians across runs with min–max and the ratios to (a); writes
 * bench/results/desk.json. Compare the ratios: the load generator shares the machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Credentials } from '../src/auth/credentials.js';
import { customerIdentity } from '../src/customers/customer-identity.js';
import { seedCustomer, seedDeskData } from '../src/customers/seed-data.js';
import { createRedis, type HubRedis } from '../src/store/connection.js';
import { Keys } from '../src/store/keys.js';
import { writeTestConfig } from '../tests/support/hub.js';
import { freePort } from '../tests/support/ports.js';
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { launch, type ServerProcess } from './processes.js';
import { load, log, numberArg, type PhaseResult } from './http-load.js';
import { spread, type Spread } from './stats.js';

const SECONDS = numberArg('seconds', 10);
const CONCURRENCY = Math.floor(numberArg('concurrency', 16));
const RUNS = Math.floor(numberArg('runs', 3));
const ORDERS = Math.floor(numberArg('orders', 100_000));
const CUSTOMERS = Math.floor(numberArg('customers', 20_000));
const WARMUP_MS = 1_000;

type PhaseName = 'healthz' | 'phone' | 'email' | 'name' | 'customer';
const PHASES: PhaseName[] = ['healthz', 'phone', 'email', 'name', 'customer'];
const LABELS: Record<PhaseName, string> = {
  healthz: '(a) GET /healthz', phone: '(b) search by phone', email: '(c) search by e-mail',
  name: '(d) search by name prefix', customer: '(e) customer page data',
};

const anyCustomer = (): number => Math.floor(Math.random() * CUSTOMERS);

/** "(212) 555-0042": how a caller's number reaches the agent. */
function spoken(phone: string): string {
  const d = phone.slice(2);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}

function phaseUrl(base: string, phase: PhaseName): () => string {
  switch (phase) {
    case 'healthz': return () => `${base}/healthz`;
    case 'phone': return () => `${base}/api/customers?q=${encodeURIComponent(spoken(seedCustomer(anyCustomer()).phone))}`;
    case 'email': return () => `${base}/api/customers?q=${encodeURIComponent(seedCustomer(anyCustomer()).email)}`;
    case 'name': return () => `${base}/api/customers?q=${encodeURIComponent(seedCustomer(anyCustomer()).name.slice(0, 6))}`;
    case 'customer': return () => `${base}/api/customers/${customerIdentity({ email: seedCustomer(anyCustomer()).email })!.id}`;
  }
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
    client = createRedis(redis.url, 'bench-desk');
    const seedStart = Date.now();
    await seedDeskData(client, new Keys(prefix), { orders: ORDERS, customers: CUSTOMERS }, (done) => { if (done % 20_000 === 0) log(`seeded ${done} orders`); });
    log(`seeded ${ORDERS} orders of ${CUSTOMERS} customers in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const token = await new Credentials(client, prefix).createToken('bench', 'agent');
    const headers = { authorization: `Bearer ${token}` };
    await sanityCheck(base, headers);

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

/** A spoken phone number finds its customer, and the customer page has their orders. */
async function sanityCheck(base: string, headers: Record<string, string>): Promise<void> {
  const who = seedCustomer(7);
  const found = await (await fetch(`${base}/api/customers?q=${encodeURIComponent(spoken(who.phone))}`, { headers })).json() as { customers: Array<{ email: string; orders: number }> };
  if (found.customers[0]?.email !== who.email || !(found.customers[0].orders > 0)) throw new Error(`search check failed: ${JSON.stringify(found)}`);
}

function report(runs: Array<Record<PhaseName, PhaseResult>>): void {
  const metric = (phase: PhaseName, key: keyof PhaseResult): Spread => spread(runs.map((r) => r[phase][key]));
  const ratio = (phase: PhaseName): Spread => spread(runs.map((r) => r[phase].p50 / r.healthz.p50));
  const fmt = (s: Spread, digits: number, suffix = ''): string =>
    runs.length === 1 ? `${s.median.toFixed(digits)}${suffix}` : `${s.median.toFixed(digits)}${suffix} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  console.log(`\nAgent desk: ${ORDERS} orders of ${CUSTOMERS} customers, ${SECONDS} s per phase, concurrency ${CONCURRENCY}, ${RUNS === 1 ? '1 run' : `median of ${RUNS} runs (min–max)`}, ${cpus().length} CPUs`);
  console.log('| phase | req/s | p50 ms | p99 ms | p50 ÷ (a) | errors |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const phase of PHASES) {
    console.log(`| ${LABELS[phase]} | ${fmt(metric(phase, 'rps'), 0)} | ${fmt(metric(phase, 'p50'), 2)} | ${fmt(metric(phase, 'p99'), 2)} | ${phase === 'healthz' ? '1' : fmt(ratio(phase), 2, '×')} | ${runs.reduce((sum, r) => sum + r[phase].errors, 0)} |`);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/desk.json', `${JSON.stringify({
    date: new Date().toISOString(), node: process.version, cpus: cpus().length,
    settings: { seconds: SECONDS, concurrency: CONCURRENCY, runs: RUNS, orders: ORDERS, customers: CUSTOMERS },
    summary: Object.fromEntries(PHASES.map((p) => [p, { rps: metric(p, 'rps'), p50: metric(p, 'p50'), p99: metric(p, 'p99'), ...(p === 'healthz' ? {} : { p50Ratio: ratio(p) }) }])),
    runs,
  }, null, 2)}\n`);
  log('wrote bench/results/desk.json');
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
