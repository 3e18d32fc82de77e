/**
 * The results as text and as JSON: the table of rows.ts (median of the runs, min–max
 * when there is more than one; hub ÷ floor), the machine description, and the file
 * bench/results/latest.json with the settings, the rows and the raw figures of every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Row } from './rows.js';
import type { Spread } from './stats.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  redis: string;
  /** 1-minute load average when the benchmark started (other work on the machine). */
  loadAverage: number;
}

export function machine(redisVersion: string): Machine {
  const list = cpus();
  return {
    cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version, platform: `${process.platform} ${process.arch}`, redis: redisVersion,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

function format(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function cell(s: Spread, runs: number): string {
  if (Number.isNaN(s.median)) return '–';
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
