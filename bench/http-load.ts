/**
 * The small pieces the API load benchmarks share: numeric command-line options, a
 * timestamped progress log, and the load loop (N concurrent loops, each sending one GET
 * after the other for a fixed time, with Node's fetch on keep-alive connections).
 */
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.js';

export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const started = Date.now();
export function log(message: string): void {
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

export interface PhaseResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `concurrency` loops, each sending one request after the other, for `ms`; latencies in ms. */
export async function load(url: () => string, headers: Record<string, string>, concurrency: number, ms: number, record: boolean): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const response = await fetch(url(), { headers });
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
        else if (record) latencies.push(performance.now() - sent);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  return {
    requests: latencies.length, errors, rps: latencies.length / elapsed,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
  };
}
