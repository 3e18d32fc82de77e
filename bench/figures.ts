/**
 * Everything one run of the benchmark measured, in one shape: the main measurement of
 * the hub and the floor, Redis memory per order of both, the hub's scale-out, the SFTP
 * target of both, and the order checks summed over all of a program's phases.
 */
import type { TargetFigures } from './measure.js';
import type { MemoryFigures } from './memory-phase.js';
import type { ScaleFigures } from './scale-out.js';
import type { Tally } from './session.js';
import type { SftpFigures } from './sftp-phase.js';

export interface Pair<T> {
  hub: T;
  floor: T;
}

export interface RunFigures {
  main: Pair<TargetFigures>;
  memory: Pair<MemoryFigures>;
  scaleOut: ScaleFigures[];
  sftp: Pair<SftpFigures>;
  /** Every phase of the hub, and of the floor. */
  checks: Pair<Tally>;
}
