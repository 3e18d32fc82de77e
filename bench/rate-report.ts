/**
 * The report of a benchmark that measures rates against a baseline phase of the same run
 * (bench:kiosk, bench:tracking): per phase the rate (median across runs, min–max), the
 * request latencies, the ratio of its rate to the baseline's and the errors, as a
 * Markdown table, and the same figures with every run in `bench/results/<file>`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { log } from './http-load.js';
import { spread, type Spread } from './stats.js';

export interface RatePhase {
  /** Orders or events per second. */
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface RateReport<P extends string> {
  /** The heading's first words, e.g. `Kiosk uploads: 8 s per phase, concurrency 8`. */
  title: string;
  /** What is counted: `orders`, `events`. */
  unit: string;
  phases: readonly P[];
  labels: Record<P, string>;
  baseline: P;
  /** File name under bench/results. */
  file: string;
  settings: Record<string, number>;
  runs: Array<Record<P, RatePhase>>;
}

export function reportRates<P extends string>(report: RateReport<P>): void {
  const { runs, phases, baseline, unit } = report;
  const metric = (phase: P, key: keyof RatePhase): Spread => spread(runs.map((r) => r[phase][key]));
  const ratio = (phase: P): Spread => spread(runs.map((r) => r[phase].perSecond / r[baseline].perSecond));
  const fmt = (s: Spread, digits: number, suffix = ''): string =>
    runs.length === 1 ? `${s.median.toFixed(digits)}${suffix}` : `${s.median.toFixed(digits)}${suffix} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  console.log(`\n${report.title}, ${runs.length === 1 ? '1 run' : `median of ${runs.length} runs (min–max)`}, ${cpus().length} CPUs, hub api without workers`);
  console.log(`| phase | ${unit}/s | p50 ms | p99 ms | ${unit}/s ÷ (a) | errors |`);
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const phase of phases) {
    const errors = runs.reduce((sum, r) => sum + r[phase].errors, 0);
    console.log(`| ${report.labels[phase]} | ${fmt(metric(phase, 'perSecond'), 0)} | ${fmt(metric(phase, 'p50'), 1)} | ${fmt(metric(phase, 'p99'), 1)} | ${phase === baseline ? '1' : fmt(ratio(phase), 2, '×')} | ${errors} |`);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${report.file}`, `${JSON.stringify({
    date: new Date().toISOString(), node: process.version, cpus: cpus().length, unit, settings: report.settings,
    summary: Object.fromEntries(phases.map((p) => [p, { perSecond: metric(p, 'perSecond'), p50: metric(p, 'p50'), p99: metric(p, 'p99'), ...(p === baseline ? {} : { ratio: ratio(p) }) }])),
    runs,
  }, null, 2)}\n`);
  log(`wrote bench/results/${report.file}`);
}
