/**
 * The rows of the results table: every figure of the hub next to the floor's (median
 * of the runs with min–max) and as a ratio to it; rows without a floor counterpart (key
 * classes, scale-out against one worker) leave the floor empty.
 */
import type { Pair, RunFigures } from './figures.js';
import type { Settings } from './settings.js';
import { spread, type Spread } from './stats.js';
import { backlogFor } from './sustained.js';

export interface Row {
  metric: string;
  unit: string;
  hub: Spread;
  floor: Spread;
  /** hub median ÷ floor median. */
  ratio: number;
}

type Get = (run: RunFigures) => number;

const none: Get = () => Number.NaN;

function at<T>(list: T[], index: number): T | undefined {
  return list[index];
}

export function rows(runs: RunFigures[], settings: Settings): Row[] {
  const list: Row[] = [];
  /** `compare` false: a figure whose ratio means nothing (a backlog, a count of files). */
  const row = (metric: string, unit: string, hub: Get, floor: Get = none, compare = true): void => {
    const h = spread(runs.map(hub));
    const f = spread(runs.map(floor));
    list.push({ metric, unit, hub: h, floor: f, ratio: compare ? h.median / f.median : Number.NaN });
  };
  /** The same figure of the hub and of the floor, picked from a pair of each run. */
  const both = <T>(metric: string, unit: string, from: (run: RunFigures) => Pair<T>, pick: (figures: T) => number, compare = true): void =>
    row(metric, unit, (r) => pick(from(r).hub), (r) => pick(from(r).floor), compare);
  const main = (metric: string, unit: string, pick: (f: RunFigures['main']['hub']) => number, compare = true): void =>
    both(metric, unit, (r) => r.main, pick, compare);

  const sustainedLabel = `${Math.round(settings.sustainedMs / 1000)} s window, backlog ${settings.backlog}`;
  main(`ingest throughput, closed loop ${settings.connections} conns`, 'orders/s', (f) => f.saturation.ordersPerSec);
  main('ingest p50 at saturation', 'ms', (f) => f.saturation.ingestP50);
  main('ingest p99 at saturation', 'ms', (f) => f.saturation.ingestP99);
  main('delivered orders/s, saturation burst + drain', 'orders/s', (f) => f.deliveredPerSec);
  main(`delivered orders/s sustained (${sustainedLabel})`, 'orders/s', (f) => f.sustained.deliveredPerSec);
  main('  least backlog in that window (0: ran dry, ingest-bound)', 'orders', (f) => f.sustained.minBacklog, false);
  settings.fractions.forEach((fraction, index) => {
    const label = `at ${Math.round(fraction * 100)}% of floor rate`;
    const open = (pick: (o: RunFigures['main']['hub']['open'][number]) => number) => (f: RunFigures['main']['hub']): number => {
      const phase = at(f.open, index);
      return phase === undefined ? Number.NaN : pick(phase);
    };
    main(`open-loop rate ${label}`, 'orders/s', open((o) => o.rate));
    main(`ingest p50 ${label}`, 'ms', open((o) => o.ingestP50));
    main(`ingest p99 ${label}`, 'ms', open((o) => o.ingestP99));
    main(`ingest p99.9 ${label}`, 'ms', open((o) => o.ingestP999));
    main(`accept→delivered p50 ${label}`, 'ms', open((o) => o.deliveredP50));
    main(`accept→delivered p99 ${label}`, 'ms', open((o) => o.deliveredP99));
    main(`ingest errors ${label}`, 'requests', open((o) => o.errors));
  });
  main('Redis commands per order (all, in-script ones included)', 'commands', (f) => f.redisCommandsPerOrder);
  main('Redis Lua script calls per order (EVAL/EVALSHA/FCALL)', 'calls', (f) => f.redisScriptCallsPerOrder);
  main('CPU per 1,000 orders, target process (saturation + drain)', 'CPU-s', (f) => f.cpuPer1000.target);
  main('CPU per 1,000 orders, Redis (same span)', 'CPU-s', (f) => f.cpuPer1000.redis);
  main('RSS at end (largest process)', 'MB', (f) => f.rssMb);
  main('peak RSS (largest process)', 'MB', (f) => f.peakRssMb);

  const single = (metric: string, unit: string, pick: (f: RunFigures['oneProcess']) => number): void =>
    row(`hub start (one process): ${metric}`, unit, (r) => pick(r.oneProcess), (r) => pick(r.main.floor));
  const half = settings.fractions.indexOf(0.5);
  const atHalf = (pick: (o: RunFigures['oneProcess']['open'][number]) => number) => (f: RunFigures['oneProcess']): number => {
    const phase = at(f.open, half);
    return phase === undefined ? Number.NaN : pick(phase);
  };
  single('ingest throughput (vs floor)', 'orders/s', (f) => f.saturation.ordersPerSec);
  single('delivered orders/s sustained (vs floor)', 'orders/s', (f) => f.sustained.deliveredPerSec);
  single('ingest p99 at 50% of floor rate', 'ms', atHalf((o) => o.ingestP99));
  single('accept→delivered p99 at 50% of floor rate', 'ms', atHalf((o) => o.deliveredP99));
  single('Redis commands per order', 'commands', (f) => f.redisCommandsPerOrder);
  single('CPU per 1,000 orders', 'CPU-s', (f) => f.cpuPer1000.target);
  single('RSS at end', 'MB', (f) => f.rssMb);

  const memory = (metric: string, pick: (m: RunFigures['memory']['hub']) => number): void => both(metric, 'B/order', (r) => r.memory, pick);
  memory(`Redis memory per in-flight order (intake alone, ${settings.memoryOrders} orders)`, (m) => m.inFlightBytesPerOrder);
  memory('Redis memory per order after completion (used_memory)', (m) => m.afterBytesPerOrder);
  memory('Redis memory kept per order, sum of MEMORY USAGE of its keys', (m) => m.classesBytesPerOrder);
  const classRows = (side: keyof Pair<unknown>, count: number): void => {
    const first = runs[0]?.memory[side].classes.slice(0, count) ?? [];
    for (const { pattern } of first) {
      const get: Get = (r) => r.memory[side].classes.find((c) => c.pattern === pattern)?.bytesPerOrder ?? 0;
      row(`  kept per order in ${pattern}`, 'B/order', side === 'hub' ? get : none, side === 'floor' ? get : none);
    }
  };
  classRows('hub', 5);
  classRows('floor', 2);

  const fewest = Math.min(...settings.workerCounts);
  for (const workers of [...settings.workerCounts].sort((a, b) => a - b)) {
    const label = `hub api + ${workers} worker${workers === 1 ? '' : 's'}`;
    const find = (r: RunFigures, count: number) => r.scaleOut.find((s) => s.workers === count);
    const scale = (pick: (s: RunFigures['scaleOut'][number]) => number): Get => (r) => {
      const figures = find(r, workers);
      return figures === undefined ? Number.NaN : pick(figures);
    };
    const ratioToFewest = (pick: (s: RunFigures['scaleOut'][number]) => number): Get => (r) => {
      const base = find(r, fewest);
      const figures = find(r, workers);
      return base === undefined || figures === undefined ? Number.NaN : pick(figures) / pick(base);
    };
    row(`${label}: ingest throughput (vs floor)`, 'orders/s', scale((s) => s.ingestPerSec), (r) => r.main.floor.saturation.ordersPerSec);
    row(`${label}: delivered orders/s sustained (vs floor)`, 'orders/s', scale((s) => s.sustained.deliveredPerSec), (r) => r.main.floor.sustained.deliveredPerSec);
    row(`${label}: least backlog in sustained window`, 'orders', scale((s) => s.sustained.minBacklog));
    row(`${label}: CPU per 1,000 orders, all hub processes (vs floor)`, 'CPU-s', scale((s) => s.cpuPer1000.target), (r) => r.main.floor.cpuPer1000.target);
    if (workers !== fewest) {
      row(`${label}: ingest ÷ ${fewest} worker${fewest === 1 ? '' : 's'}`, '×', ratioToFewest((s) => s.ingestPerSec));
      row(`${label}: delivered sustained ÷ ${fewest} worker${fewest === 1 ? '' : 's'}`, '×', ratioToFewest((s) => s.sustained.deliveredPerSec));
    }
  }

  const sftp = (metric: string, unit: string, pick: (s: RunFigures['sftp']['hub']) => number, compare = true): void =>
    both(`SFTP ${settings.sftp.batch}/file: ${metric}`, unit, (r) => r.sftp, pick, compare);
  sftp(`ingest throughput, closed loop ${settings.connections} conns`, 'orders/s', (s) => s.ingestPerSec);
  sftp('delivered orders/s, saturation burst + drain', 'orders/s', (s) => s.deliveredPerSec);
  sftp(`delivered orders/s sustained (${Math.round(settings.sustainedMs / 1000)} s window, backlog ${backlogFor(settings, settings.sftp.batch)})`, 'orders/s',
    (s) => s.sustained.deliveredPerSec);
  sftp('  least backlog in that window', 'orders', (s) => s.sustained.minBacklog, false);
  sftp(`open-loop rate (${Math.round(settings.sftp.openFraction * 100)}% of hub's sustained)`, 'orders/s', (s) => s.open.rate);
  sftp('accept→delivered p50 at that rate', 'ms', (s) => s.open.deliveredP50);
  sftp('accept→delivered p99 at that rate', 'ms', (s) => s.open.deliveredP99);
  sftp('order files written', 'files', (s) => s.files, false);

  const checks = (metric: string, unit: string, pick: (t: RunFigures['checks']['hub']) => number): void => both(metric, unit, (r) => r.checks, pick);
  checks('orders accepted (all phases)', 'orders', (t) => t.accepted);
  checks('orders lost (not delivered within drain timeout)', 'orders', (t) => t.lost);
  checks('orders duplicated (>1 idempotency key / file)', 'orders', (t) => t.duplicated);
  checks('resends (same key / file)', 'deliveries', (t) => t.resends);
  return list;
}
