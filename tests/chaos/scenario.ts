/**
 * What a chaos scenario is: a fault (or a few of one kind) injected into a running stage
 * under steady load, then cleared. The runner owns the stage, the load and the checker;
 * a scenario only injects, waits, clears, and reports its own checks (how fast the API
 * refused while Redis was frozen, how long a drain took, …).
 */
import type { Load } from './load.js';
import type { Stage, StageOptions } from './stage.js';

export interface ScenarioCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface FaultContext {
  stage: Stage;
  load: Load;
  /** The long version: faults last as the issue says (an OMS away for 5 minutes). */
  long: boolean;
  sleep(ms: number): Promise<void>;
}

export interface FaultReport {
  /** How many faults were injected. */
  faults: number;
  checks: ScenarioCheck[];
}

export interface Scenario {
  name: string;
  summary: string;
  /** Part of the short version, run with every `npm test`. */
  quick: boolean;
  stage?: StageOptions;
  /** Orders per second; default 25. */
  rate?: number;
  /** Injects the faults and clears them; resolves once every fault is cleared. */
  inject(context: FaultContext): Promise<FaultReport>;
  /** Checks made after recovery (e.g. Redis evicted nothing). */
  after?(context: FaultContext): Promise<ScenarioCheck[]>;
}

export function checkThat(name: string, ok: boolean, detail: string): ScenarioCheck {
  return { name, ok, detail };
}
