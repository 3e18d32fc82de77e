/**
 * `npm run bench -- [--quick] [--runs N] [--payload <kind>]`: starts a durable Redis, the HTTP
 * sink, an SFTP server with the file sink watching its inbox, and the load generator;
 * then per run, one program at a time: the floor (main measurement, then memory per
 * order with its intake alone), the hub (`hub api` + one `hub worker`, the deployed
 * layout: main measurement; `hub start` in one process: the same again; then `hub api`
 * alone for memory per order, and with 3, 2, 1 `hub worker` processes for scale-out),
 * and both again delivering to SFTP. Prints one table (median of 3 runs with min–max;
 * 1 short run with --quick) and writes bench/results/latest.json (latest-<kind>.json for
 * another payload kind, e.g. `--payload xml`). Every process started
 * is stopped, also on failure.
 */
import type { Redis } from 'ioredis';
import { buildPrograms } from './compiled.js';
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import type { Delivery } from './delivery.js';
import type { RunFigures } from './figures.js';
import { IpcChild } from './ipc-child.js';
import { measureTarget } from './measure.js';
import { measureMemory } from './memory-phase.js';
import { isPayloadKind, PAYLOAD_KINDS } from './payloads.js';
import { machine, table, writeJson } from './report.js';
import { rows } from './rows.js';
import { measureScaleOut } from './scale-out.js';
import { Session, type Tally } from './session.js';
import { settingsFor } from './settings.js';
import { startBenchSftp, type BenchSftp } from './sftp-server.js';
import { describeSustained } from './sustained.js';
import { measureSftp } from './sftp-phase.js';
import { startFloorSplit, startFloorWith, startHubSplit, startHubWith, type RunningTarget } from './targets.js';

const quick = process.argv.includes('--quick');
const payloadArg = process.argv.indexOf('--payload');
const payload = payloadArg > 0 ? process.argv[payloadArg + 1] ?? '' : 'shopify-json';
if (!isPayloadKind(payload)) throw new Error(`--payload must be one of ${PAYLOAD_KINDS.join(', ')}`);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 1) : quick ? 1 : 3;
const settings = settingsFor(quick, payload);

interface Bench {
  redis: TestRedis;
  client: Redis;
  redisPid: number;
  sink: IpcChild;
  fileSink: IpcChild;
  loadgen: IpcChild;
  sftp: BenchSftp;
}

const started = Date.now();
function log(message: string): void {
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

/** Starts a target, runs `body` with a session on it, stops the target whatever happens; returns the result and the order checks. */
async function using<T extends RunningTarget, R>(start: Promise<T>, sink: IpcChild, loadgen: IpcChild, body: (session: Session, target: T) => Promise<R>): Promise<{ result: R; tally: Tally }> {
  const target = await start;
  log(`${target.name} (pid ${target.pid}, log ${target.logFile})`);
  const session = new Session(target, loadgen, sink, settings);
  try {
    return { result: await body(session, target), tally: session.tally };
  } finally {
    await target.stop();
  }
}

function sum(...tallies: Tally[]): Tally {
  return tallies.reduce((total, t) => ({
    accepted: total.accepted + t.accepted, lost: total.lost + t.lost, duplicated: total.duplicated + t.duplicated, resends: total.resends + t.resends,
  }), { accepted: 0, lost: 0, duplicated: 0, resends: 0 });
}

async function measureOnce(run: number, bench: Bench): Promise<RunFigures> {
  const { redis, client, redisPid, sink, fileSink, loadgen } = bench;
  const http: Delivery = { kind: 'http', sinkUrl: `http://127.0.0.1:${sink.port}` };
  const sftp = bench.sftp.delivery(settings.sftp.batch, settings.sftp.maxWaitMs);
  log(`run ${run}`);

  const floor = await using(startFloorWith(redis.url, http), sink, loadgen,
    (session) => measureTarget(session, client, redisPid, settings, undefined));
  log(`floor: ingest ${floor.result.saturation.ordersPerSec.toFixed(0)}/s, ${describeSustained(floor.result.sustained)}`);
  const floorMemory = await using(startFloorSplit(redis.url, http), sink, loadgen,
    (session, target) => measureMemory(session, target, client, settings));

  const hub = await using(startHubSplit(redis.url, http), sink, loadgen, async (session, target) => {
    await target.setWorkers(1);
    return measureTarget(session, client, redisPid, settings, floor.result.saturation.ordersPerSec);
  });
  log(`hub api + worker: ingest ${hub.result.saturation.ordersPerSec.toFixed(0)}/s, ${describeSustained(hub.result.sustained)}`);
  const oneProcess = await using(startHubWith(redis.url, http), sink, loadgen,
    (session) => measureTarget(session, client, redisPid, settings, floor.result.saturation.ordersPerSec));
  log(`hub start: ingest ${oneProcess.result.saturation.ordersPerSec.toFixed(0)}/s, ${describeSustained(oneProcess.result.sustained)}`);
  const hubSplit = await using(startHubSplit(redis.url, http), sink, loadgen, async (session, target) => {
    const memory = await measureMemory(session, target, client, settings);
    log(`memory per order: hub ${memory.inFlightBytesPerOrder.toFixed(0)} B in flight, ${memory.afterBytesPerOrder.toFixed(0)} B after`);
    return { memory, scaleOut: await measureScaleOut(session, target, redisPid, settings) };
  });

  const hubSftp = await using(startHubWith(redis.url, sftp), fileSink, loadgen, (session) => measureSftp(session, settings, undefined));
  log(`SFTP hub: ${describeSustained(hubSftp.result.sustained)}`);
  const floorSftp = await using(startFloorWith(redis.url, sftp), fileSink, loadgen,
    (session) => measureSftp(session, settings, hubSftp.result.open.rate));
  log(`SFTP floor: ${describeSustained(floorSftp.result.sustained)}`);

  return {
    main: { hub: hub.result, floor: floor.result },
    oneProcess: oneProcess.result,
    memory: { hub: hubSplit.result.memory, floor: floorMemory.result },
    scaleOut: hubSplit.result.scaleOut,
    sftp: { hub: hubSftp.result, floor: floorSftp.result },
    checks: { hub: sum(hub.tally, oneProcess.tally, hubSplit.tally, hubSftp.tally), floor: sum(floor.tally, floorMemory.tally, floorSftp.tally) },
  };
}

async function main(): Promise<void> {
  const closers: Array<() => Promise<void>> = [];
  try {
    log('building the hub and the floor');
    buildPrograms();
    const redis = await startRedis({ appendfsync: 'always', policy: 'noeviction' });
    closers.push(() => redis.stop());
    const sftp = await startBenchSftp();
    closers.push(() => sftp.stop());
    const sink = await IpcChild.start('bench/sink.ts');
    closers.push(() => sink.stop());
    const fileSink = await IpcChild.start('bench/file-sink.ts', [sftp.inboxDir]);
    closers.push(() => fileSink.stop());
    const loadgen = await IpcChild.start('bench/loadgen.ts');
    closers.push(() => loadgen.stop());
    const client = redis.client();
    const redisPid = redis.pid;
    if (redisPid === undefined) throw new Error('redis-server is not running');
    const redisVersion = /^redis_version:(\S+)/m.exec(await client.info('server'))?.[1] ?? 'unknown';
    const m = machine(redisVersion);
    const bench: Bench = { redis, client, redisPid, sink, fileSink, loadgen, sftp };

    const runs: RunFigures[] = [];
    for (let run = 1; run <= RUNS; run++) runs.push(await measureOnce(run, bench));
    const summary = rows(runs, settings);
    console.log(`\nOrder hub benchmark (${quick ? 'quick: 1 run' : `median of ${RUNS} runs (min–max)`}), ${new Date().toISOString()}, payload ${settings.payload}`);
    console.log(`${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, Redis ${m.redis}, ${m.platform}, load average ${m.loadAverage} at start; ` +
      `order bodies ${runs[0]!.main.hub.bodyBytes.min}–${runs[0]!.main.hub.bodyBytes.max} B\n`);
    console.log(table(summary, RUNS));
    const file = payload === 'shopify-json' ? 'bench/results/latest.json' : `bench/results/latest-${payload}.json`;
    writeJson(file, {
      generatedAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', durationSeconds: (Date.now() - started) / 1000, machine: m, settings,
      notes: {
        redisCommands: 'INFO commandstats calls and INFO stats total_commands_processed both count commands run inside Lua scripts ' +
          '(bench/redis-counting-probe.ts), so commands per order are all commands executed, not top-level ones or round trips.',
      },
      summary, runs,
    });
    console.log(`\nwritten to ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const broken = summary.filter((r) => r.metric.startsWith('orders lost') || r.metric.startsWith('orders duplicated'))
      .some((r) => r.hub.max > 0 || r.floor.max > 0);
    if (broken) {
      console.error('orders were lost or duplicated');
      process.exitCode = 1;
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
