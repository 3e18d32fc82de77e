/**
 * How long and how hard each phase runs: quick mode (one short run, the whole benchmark
 * under 2 minutes on a small machine) or full mode (3 runs, 60 s sustained windows).
 */
import type { PayloadKind } from './payloads.js';

export interface Settings {
  /** Order bodies sent to every target (see payloads.ts). */
  payload: PayloadKind;
  /** Closed-loop connections (saturation, bursts of the sustained phase, memory fill). */
  connections: number;
  requestTimeoutMs: number;
  /** An accepted order not delivered within this time after its phase counts as lost. */
  drainTimeoutMs: number;
  warmupMs: number;
  saturationMs: number;
  openMs: number;
  /** Open-loop rates as fractions of the floor's saturation rate. */
  fractions: number[];
  /** Length of the sustained-delivery window. */
  sustainedMs: number;
  /** Orders kept accepted but not yet delivered in front of the workers during that window. */
  backlog: number;
  /** Orders ingested with nothing consuming them, for Redis memory per order. */
  memoryOrders: number;
  /** Worker processes behind one `hub api` process (scale-out); the fewest is the base of the ratios. */
  workerCounts: number[];
  sftp: {
    /** Orders per file. */
    batch: number;
    /** A file is written at the latest this long after its first order (so phases end). */
    maxWaitMs: number;
    /** Open-loop rate as a fraction of the hub's sustained SFTP delivery rate. */
    openFraction: number;
  };
}

export function settingsFor(quick: boolean, payload: PayloadKind): Settings {
  const common = { payload, connections: 16, requestTimeoutMs: 10_000, fractions: [0.25, 0.5, 0.8], workerCounts: [1, 2, 3] };
  return quick
    ? {
      ...common, drainTimeoutMs: 90_000, warmupMs: 300, saturationMs: 1000, openMs: 1000, sustainedMs: 3000,
      backlog: 200, memoryOrders: 300, sftp: { batch: 100, maxWaitMs: 1000, openFraction: 0.5 },
    }
    : {
      ...common, drainTimeoutMs: 600_000, warmupMs: 3000, saturationMs: 20_000, openMs: 15_000, sustainedMs: 60_000,
      backlog: 2000, memoryOrders: 2000, sftp: { batch: 100, maxWaitMs: 1000, openFraction: 0.5 },
    };
}
