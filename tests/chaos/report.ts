/**
 * The figures of a chaos run, as a table for the terminal and docs/reliability.md, and
 * the totals the issue asks for: orders driven, faults injected, lost, duplicated, and
 * the longest recovery.
 */
import type { ScenarioResult } from './run-scenario.js';

export interface RunTotals {
  scenarios: number;
  passed: number;
  offered: number;
  acknowledged: number;
  faults: number;
  lost: number;
  duplicates: number;
  unsettled: number;
  maxRecoveryMs: number | undefined;
  secretHits: number;
}

export function totalsOf(results: ScenarioResult[]): RunTotals {
  const sum = (pick: (r: ScenarioResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const recoveries = results.map((r) => r.recoveryMs);
  return {
    scenarios: results.length,
    passed: results.filter((r) => r.passed).length,
    offered: sum((r) => r.offered),
    acknowledged: sum((r) => r.acknowledged),
    faults: sum((r) => r.faults),
    lost: sum((r) => r.lost),
    duplicates: sum((r) => r.duplicates),
    unsettled: sum((r) => r.unsettled),
    maxRecoveryMs: recoveries.includes(undefined) ? undefined : Math.max(0, ...(recoveries as number[])),
    secretHits: sum((r) => r.secretHits),
  };
}

const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);

export function formatTable(results: ScenarioResult[]): string {
  const header = '| scenario | orders | acked | faults | lost | dup | unsettled | explained | recovery | checks | result |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|';
  const rows = results.map((r) => `| ${r.name} | ${r.offered} | ${r.acknowledged} | ${r.faults} | ${r.lost} | ${r.duplicates} | ${r.unsettled} | ${r.explained} | ${seconds(r.recoveryMs)} | ${r.checks.filter((c) => c.ok).length}/${r.checks.length} | ${r.passed ? 'pass' : 'FAIL'} |`);
  return [header, rule, ...rows].join('\n');
}

export function formatTotals(totals: RunTotals): string {
  return `orders driven ${totals.offered}, acknowledged ${totals.acknowledged}, faults injected ${totals.faults}, `
    + `lost ${totals.lost}, duplicated ${totals.duplicates}, unsettled ${totals.unsettled}, `
    + `max recovery ${seconds(totals.maxRecoveryMs)}, secrets found ${totals.secretHits}; `
    + `${totals.passed}/${totals.scenarios} scenarios passed`;
}

export function formatDetails(results: ScenarioResult[]): string {
  return results.map((r) => [
    `${r.passed ? 'pass' : 'FAIL'} ${r.name}: ${r.summary}`
      + (r.unacknowledgedEffects > 0 ? ` (${r.unacknowledgedEffects} order(s) in the OMS under an id never acknowledged)` : ''),
    ...r.checks.map((c) => `    ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    ...r.problems.map((p) => `    ! ${p}`),
  ].join('\n')).join('\n');
}
