/**
 * `npm run bench [-- --quick]`: starts a durable Redis, the sink, the load generator,
 * then per run the floor program and the hub one after the other, measures both,
 * prints one table (median of 3 runs with min–max; 1 short run with --quick) and
 * writes bench/results/latest.json. Every process started is stopped, also on failure.
 */
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { IpcChild } from './ipc-child.js';
import { measureTarget, type Settings } from './measure.js';
import { machine, rows, table, writeJson, type RunFigures } from './report.js';
import { startFloor, startHub, type RunningTarget } from './targets.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;
const settings: Settings = quick
  ? { warmupMs: 1000, saturationMs: 4000, openMs: 3000, connections: 16, drainTimeoutMs: 60_000, requestTimeoutMs: 10_000, fractions: [0.25, 0.5] }
  : { warmupMs: 3000, saturationMs: 20_000, openMs: 15_000, connections: 16, drainTimeoutMs: 120_000, requestTimeoutMs: 10_000, fractions: [0.25, 0.5] };

async function measureOnce(run: number, redis: TestRedis, sink: IpcChild, loadgen: IpcChild): Promise<RunFigures> {
  const client = redis.client();
  const sinkUrl = `http://127.0.0.1:${sink.port}`;
  let target: RunningTarget | undefined;
  try {
    target = await startFloor(redis.url, sinkUrl);
    console.error(`run ${run}: floor (pid ${target.pid})`);
    const floor = await measureTarget(target, loadgen, sink, client, settings, undefined);
    await target.stop();
    console.error(`run ${run}: floor saturates at ${floor.saturation.ordersPerSec.toFixed(0)} orders/s`);
    target = await startHub(redis.url, sinkUrl);
    console.error(`run ${run}: hub (pid ${target.pid}, log ${target.logFile})`);
    const hub = await measureTarget(target, loadgen, sink, client, settings, floor.saturation.ordersPerSec);
    console.error(`run ${run}: hub saturates at ${hub.saturation.ordersPerSec.toFixed(0)} orders/s`);
    return { floor, hub };
  } finally {
    await target?.stop();
    client.disconnect();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  let redis: TestRedis | undefined;
  let sink: IpcChild | undefined;
  let loadgen: IpcChild | undefined;
  try {
    redis = await startRedis({ appendfsync: 'always', policy: 'noeviction' });
    sink = await IpcChild.start('bench/sink.ts');
    loadgen = await IpcChild.start('bench/loadgen.ts');
    const runs: RunFigures[] = [];
    for (let run = 1; run <= RUNS; run++) runs.push(await measureOnce(run, redis, sink, loadgen));
    const summary = rows(runs, settings);
    const text = table(summary, RUNS);
    console.log(`\nOrder hub benchmark (${quick ? 'quick: 1 run' : `median of ${RUNS} runs (min–max)`}), ${new Date().toISOString()}`);
    const m = machine();
    console.log(`${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; order bodies ${runs[0]!.hub.bodyBytes.min}–${runs[0]!.hub.bodyBytes.max} B\n`);
    console.log(text);
    const file = 'bench/results/latest.json';
    writeJson(file, { generatedAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', durationSeconds: (Date.now() - started) / 1000, machine: m, settings, summary, runs });
    console.log(`\nwritten to ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const broken = summary.filter((r) => r.metric.startsWith('orders lost') || r.metric.startsWith('orders duplicated'))
      .some((r) => r.hub.max > 0 || r.floor.max > 0);
    if (broken) {
      console.error('orders were lost or duplicated');
      process.exitCode = 1;
    }
  } finally {
    await loadgen?.stop();
    await sink?.stop();
    await redis?.stop();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
