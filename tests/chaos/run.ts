/**
 * `npm run chaos`: the fault and abuse suite. Runs every scenario (or `--only a,b`), each
 * on a fresh stage under steady load, prints one line per scenario and the run's totals,
 * and writes them to tests/chaos/results/latest.json (latest-quick.json for --quick).
 * `--quick` is the short version every `npm test` runs: shorter faults, a tighter bound.
 * Exit code 1 when any scenario fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { formatDetails, formatTable, formatTotals, totalsOf } from './report.js';
import { runScenario, type ScenarioResult } from './run-scenario.js';
import { SCENARIOS } from './scenarios/index.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(24)} ${s.quick ? 'quick' : '     '}  ${s.summary}`);
  process.exit(0);
}

const only = values.only?.split(',').map((name) => name.trim()).filter(Boolean);
const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; \`npm run chaos -- --list\` shows them`);
  process.exit(2);
}
const chosen = SCENARIOS.filter((s) => (only ? only.includes(s.name) : !values.quick || s.quick));
const long = !values.quick;
const began = new Date();
console.log(`chaos: ${chosen.length} scenario(s), ${long ? 'long' : 'quick'} version`);

const results: ScenarioResult[] = [];
for (const [index, scenario] of chosen.entries()) {
  console.log(`- ${scenario.name}: ${scenario.summary}`);
  const result = await runScenario(scenario, {
    long, recoveryBoundMs: long ? 180_000 : 60_000, firstOrder: 100_000 * (index + 1), log: (line) => console.log(line),
  });
  results.push(result);
  console.log(`  ${result.passed ? 'pass' : 'FAIL'} in ${(result.durationMs / 1000).toFixed(0)} s`);
}

const totals = totalsOf(results);
console.log(`\n${formatTable(results)}\n\n${formatDetails(results)}\n\n${formatTotals(totals)}`);
mkdirSync('tests/chaos/results', { recursive: true });
const file = `tests/chaos/results/latest${long ? '' : '-quick'}${only ? '-partial' : ''}.json`;
writeFileSync(file, `${JSON.stringify({
  startedAt: began.toISOString(), version: long ? 'long' : 'quick', node: process.version,
  machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) }, totals, results,
}, null, 2)}\n`);
console.log(`results: ${file}`);
process.exit(totals.passed === totals.scenarios ? 0 : 1);
