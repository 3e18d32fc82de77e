/**
 * `npm run bench:profile [-- --seconds N] [--rate R] [--split] [--no-profile] | --file X.cpuprofile`:
 * where the hub's CPU time goes under load (closed loop, or open loop at R orders/s;
 * `hub start`, or with --split a profiled `hub api` beside a `hub worker`).
 * Starts a durable Redis, the sink and `hub start` with V8's `--cpu-prof`, drives a
 * closed loop of signed webhooks for N seconds (default 10), waits until every order
 * is delivered, stops the hub (which writes the profile) and prints self time by
 * function and by module. The profile stays in bench/results/profiles/ for Chrome
 * DevTools or speedscope.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WEBHOOK_SECRET, writeTestConfig } from '../tests/support/hub.js';
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { freePort } from '../tests/support/ports.js';
import { cpuSeconds } from './cpu.js';
import { IpcChild } from './ipc-child.js';
import type { LoadResult } from './protocol.js';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
const rateArg = process.argv.indexOf('--rate');
/** Open loop at this many orders/s instead of a closed loop at saturation. */
const RATE = rateArg > 0 ? Number(process.argv[rateArg + 1]) : 0;
const PROFILE = !process.argv.includes('--no-profile');
/** Run `hub api` (profiled) and a `hub worker` beside it, instead of `hub start`. */
const SPLIT = process.argv.includes('--split');
const PROFILE_DIR = resolve('bench/results/profiles');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

async function main(): Promise<void> {
  const fileArg = process.argv.indexOf('--file');
  if (fileArg > 0) {
    const file = process.argv[fileArg + 1]!;
    summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, file);
    return;
  }
  let redis: TestRedis | undefined;
  let sink: IpcChild | undefined;
  let loadgen: IpcChild | undefined;
  mkdirSync(PROFILE_DIR, { recursive: true });
  const startedAt = Date.now();
  try {
    redis = await startRedis({ appendfsync: 'always', policy: 'noeviction' });
    sink = await IpcChild.start('bench/sink.ts');
    loadgen = await IpcChild.start('bench/loadgen.ts');
    const port = await freePort();
    const { file } = writeTestConfig({
      redisUrl: redis.url, omsUrl: `http://127.0.0.1:${sink.port}`,
      extra: {
        http: { port }, workers: { normalizeConcurrency: 8, lockDurationMs: 30_000, stalledIntervalMs: 30_000 },
        ...(process.env.BENCH_CONCURRENCY ? { instances: { 'oms-main': { concurrency: Number(process.env.BENCH_CONCURRENCY) } } } : {}),
      },
    });
    const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    const env = { ...process.env, LOG_LEVEL: 'warn' };
    const hub = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli/main.ts', SPLIT ? 'api' : 'start', '--config', file],
      { stdio: ['ignore', 'ignore', 'inherit'], env });
    const worker = SPLIT
      ? spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--config', file], { stdio: ['ignore', 'ignore', 'inherit'], env })
      : undefined;
    const exited = new Promise<void>((r) => hub.once('exit', () => r()));
    const workerExited = new Promise<void>((r) => (worker ? worker.once('exit', () => r()) : r()));
    await waitReady(`http://127.0.0.1:${port}/readyz`);
    const cpuBefore = cpuSeconds(hub.pid!);
    const reply = await loadgen.request({
      type: 'run',
      spec: { url: `http://127.0.0.1:${port}/in/web-shop`, kind: 'hub', mode: RATE > 0 ? 'open' : 'closed', connections: 16, rate: RATE,
        durationMs: SECONDS * 1000, orderBase: 1, secret: WEBHOOK_SECRET, requestTimeoutMs: 10_000 },
    });
    if (reply.type !== 'result') throw new Error(`load generator answered ${reply.type}`);
    const result: LoadResult = reply.result;
    await sink.request({ type: 'await', ids: result.acceptedAt.map(([id]) => id), timeoutMs: 120_000 });
    const clearedS = (Date.now() - result.startedAt) / 1000;
    console.log(`delivered ${(result.accepted / clearedS).toFixed(0)} orders/s from the start of the load until the last delivery (${clearedS.toFixed(1)} s)`);
    const cpu = cpuSeconds(hub.pid!) - cpuBefore;
    console.log(`${result.accepted} orders accepted in ${SECONDS} s and delivered; hub CPU ${cpu.toFixed(1)} s, ${((1000 * cpu) / result.accepted).toFixed(2)} CPU-s per 1,000 orders`);
    hub.kill('SIGTERM');
    worker?.kill('SIGTERM');
    await Promise.all([exited, workerExited]);
  } finally {
    await loadgen?.stop();
    await sink?.stop();
    await redis?.stop();
  }
  if (!PROFILE) return;
  // One profile per thread (tsx's loader runs in its own): the main thread's is the largest.
  const newest = readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(PROFILE_DIR, f)).filter((f) => statSync(f).mtimeMs >= startedAt)
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!newest) throw new Error('the hub wrote no profile');
  summarise(JSON.parse(readFileSync(newest, 'utf8')) as CpuProfile, newest);
}

/** Self time per function and per module (package or source file). */
function summarise(profile: CpuProfile, file: string): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    const module = moduleOf(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${module}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    byModule.set(module, (byModule.get(module) ?? 0) + micros);
  }
  const print = (title: string, map: Map<string, number>, limit: number) => {
    console.log(`\n${title}`);
    for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      console.log(`${((100 * micros) / total).toFixed(1).padStart(6)}%  ${name}`);
    }
  };
  console.log(`profile: ${file} (${(total / 1e6).toFixed(1)} s of samples)`);
  print('self time by module', byModule, 25);
  print('self time by function', byFunction, 40);
}

function moduleOf(url: string): string {
  if (url === '') return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return url;
  const cwd = `file://${process.cwd()}/`;
  return url.startsWith(cwd) ? url.slice(cwd.length) : url;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
