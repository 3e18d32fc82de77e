/**
 * Everything one run of the benchmark measured, in one shape: the main measurement of
 * the hub (api + worker) and the floor, the hub in one process, Redis memory per order of both, the hub's scale-out, the SFTP
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
  /** The hub as deployed (`hub api` + one `hub worker`) against the floor. */
  main: Pair<TargetFigures>;
  /** The hub in one process (`hub start`), compared with the same floor figures. */
  oneProcess: TargetFigures;
  memory: Pair<MemoryFigures>;
  scaleOut: ScaleFigures[];
  sftp: Pair<SftpFigures>;
  /** Every phase of the hub, and of the floor. */
  checks: Pair<Tally>;
}
