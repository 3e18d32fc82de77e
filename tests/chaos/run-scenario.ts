/**
 * Runs one scenario from start to verdict: a fresh stage, steady load, a warm-up, the
 * faults, then the load stops offering new orders and the checker is asked, again and
 * again, until every acknowledged order is settled or the recovery bound passes. The
 * recovery time is measured from the moment the last fault was cleared.
 */
import { rmSync } from 'node:fs';
import { check, type Verdict } from './checker.js';
import { startLoad } from './load.js';
import type { FaultContext, Scenario, ScenarioCheck } from './scenario.js';
import { scanForSecrets } from './secret-scan.js';
import { startStage } from './stage.js';

export interface ScenarioResult {
  name: string;
  summary: string;
  offered: number;
  acknowledged: number;
  faults: number;
  lost: number;
  duplicates: number;
  unsettled: number;
  explained: number;
  /** Orders the OMS holds under an id the storefront was never given (also duplicates). */
  unacknowledgedEffects: number;
  /** From the last fault cleared to every acknowledged order settled; undefined if it never did. */
  recoveryMs: number | undefined;
  secretHits: number;
  checks: ScenarioCheck[];
  passed: boolean;
  /** The first few problems, for the report. */
  problems: string[];
  durationMs: number;
}

export interface RunSettings {
  long: boolean;
  /** How long after the faults clear every order must be settled. */
  recoveryBoundMs: number;
  firstOrder: number;
  log(line: string): void;
}

const WARM_UP_MS = 2000;
const TAIL_MS = 2000;

export async function runScenario(scenario: Scenario, settings: RunSettings): Promise<ScenarioResult> {
  const began = Date.now();
  const stage = await startStage(scenario.stage);
  try {
    const load = startLoad({ url: stage.webhookUrl, rate: scenario.rate ?? 25, firstOrder: settings.firstOrder });
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const context: FaultContext = { stage, load, long: settings.long, sleep };
    await sleep(WARM_UP_MS);
    settings.log(`  ${scenario.name}: injecting`);
    const report = await scenario.inject(context);
    const clearedAt = Date.now();
    settings.log(`  ${scenario.name}: faults cleared after ${report.faults} fault(s); waiting for recovery`);
    await sleep(TAIL_MS);
    await load.finish(settings.recoveryBoundMs);
    const { verdict, settledAt } = await settle(stage, load.acknowledgements(), clearedAt + settings.recoveryBoundMs);
    const after = scenario.after ? await scenario.after(context) : [];
    const checks = [...report.checks, ...after];
    if (load.pending() > 0) checks.push({ name: 'every order acknowledged in the end', ok: false, detail: `${load.pending()} never acknowledged` });
    const scan = scanForSecrets([stage.logDir, stage.redis.dataDir], stage.secrets);
    const problems = [...verdict.lost, ...verdict.duplicates, ...verdict.unsettled.slice(0, 5),
      ...checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`),
      ...scan.hits.map((hit) => `secret #${hit.secret} found in ${hit.file}`)];
    const passed = verdict.lost.length === 0 && verdict.duplicates.length === 0 && verdict.unsettled.length === 0
      && checks.every((c) => c.ok) && scan.hits.length === 0 && load.pending() === 0;
    const result: ScenarioResult = {
      name: scenario.name, summary: scenario.summary, offered: load.offered(), acknowledged: verdict.acknowledged,
      faults: report.faults, lost: verdict.lost.length, duplicates: verdict.duplicates.length,
      unsettled: verdict.unsettled.length, explained: verdict.explained.length,
      unacknowledgedEffects: verdict.unacknowledgedEffects,
      recoveryMs: settledAt === undefined ? undefined : Math.max(0, settledAt - clearedAt),
      secretHits: scan.hits.length, checks, passed, problems: problems.slice(0, 12), durationMs: Date.now() - began,
    };
    keepLogsIfFailed(result, stage.logDir);
    return result;
  } finally {
    await stage.stop();
  }
}

/** A passed scenario's logs are removed; a failed one's are kept and named in its problems. */
function keepLogsIfFailed(result: ScenarioResult, logDir: string): void {
  if (result.passed) rmSync(logDir, { recursive: true, force: true });
  else result.problems.push(`hub logs kept in ${logDir}`);
}

/** Asks the checker until nothing is unsettled (or the deadline passes); returns the last verdict. */
async function settle(stage: Awaited<ReturnType<typeof startStage>>, acks: Parameters<typeof check>[0]['acknowledgements'], deadline: number) {
  for (;;) {
    const verdict: Verdict = await check({ hubUrl: stage.hubUrl, apiToken: stage.apiToken, oms: stage.books, store: stage.store, acknowledgements: acks });
    if (verdict.unsettled.length === 0 && verdict.lost.length === 0) return { verdict, settledAt: Date.now() };
    if (Date.now() > deadline) return { verdict, settledAt: undefined };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
