/**
 * The results table: every figure of the hub next to the floor's and as a ratio to
 * it (median of the runs, min–max when there is more than one), printed as text and
 * written with the raw runs and the machine description to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Settings, TargetFigures } from './measure.js';
import { spread, type Spread } from './stats.js';

export interface RunFigures {
  floor: TargetFigures;
  hub: TargetFigures;
}

export interface Row {
  metric: string;
  unit: string;
  hub: Spread;
  floor: Spread;
  /** hub median ÷ floor median. */
  ratio: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version, platform: `${process.platform} ${process.arch}`,
  };
}

type Pick = (figures: TargetFigures) => number;

export function rows(runs: RunFigures[], settings: Settings): Row[] {
  const row = (metric: string, unit: string, pick: Pick): Row => {
    const hub = spread(runs.map((r) => pick(r.hub)));
    const floor = spread(runs.map((r) => pick(r.floor)));
    return { metric, unit, hub, floor, ratio: hub.median / floor.median };
  };
  const open = (index: number, pick: (o: TargetFigures['open'][number]) => number): Pick => (f) => {
    const phase = f.open[index];
    return phase === undefined ? Number.NaN : pick(phase);
  };
  const list: Row[] = [
    row(`ingest throughput, closed loop ${settings.connections} conns`, 'orders/s', (f) => f.saturation.ordersPerSec),
    row('ingest p50 at saturation', 'ms', (f) => f.saturation.ingestP50),
    row('ingest p99 at saturation', 'ms', (f) => f.saturation.ingestP99),
    row('delivered orders/s (saturation burst + drain)', 'orders/s', (f) => f.deliveredPerSec),
  ];
  settings.fractions.forEach((fraction, index) => {
    const label = `${Math.round(fraction * 100)}% of floor rate`;
    list.push(
      row(`open-loop rate at ${label}`, 'orders/s', open(index, (o) => o.rate)),
      row(`ingest p50 at ${label}`, 'ms', open(index, (o) => o.ingestP50)),
      row(`ingest p99 at ${label}`, 'ms', open(index, (o) => o.ingestP99)),
      row(`accept→delivered p50 at ${label}`, 'ms', open(index, (o) => o.deliveredP50)),
      row(`accept→delivered p99 at ${label}`, 'ms', open(index, (o) => o.deliveredP99)),
      row(`ingest errors at ${label}`, 'requests', open(index, (o) => o.errors)),
    );
  });
  list.push(
    row('Redis commands per order', 'commands', (f) => f.redisCommandsPerOrder),
    row('RSS at end', 'MB', (f) => f.rssMb),
    row('peak RSS', 'MB', (f) => f.peakRssMb),
    row('orders accepted', 'orders', (f) => f.accepted),
    row('orders lost (not delivered within drain timeout)', 'orders', (f) => f.lost),
    row('orders duplicated (>1 Idempotency-Key)', 'orders', (f) => f.duplicated),
    row('resends (same key)', 'requests', (f) => f.resends),
  );
  return list;
}

function format(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cell(s: Spread, runs: number): string {
  return runs > 1 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
}

/** A Markdown table (also readable as plain text). */
export function table(list: Row[], runs: number): string {
  const header = ['metric', 'unit', 'hub', 'floor', 'hub ÷ floor'];
  const body = list.map((r) => [r.metric, r.unit, cell(r.hub, runs), cell(r.floor, runs), Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '–']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

export function writeJson(file: string, content: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
}
