/**
 * Scale-out: one `hub api` process and 1, 2, 3 … `hub worker` processes on the same
 * target, largest count first (the missing workers start in parallel, then one is
 * stopped before each smaller count). For each count: a warm-up, closed-loop
 * saturation (ingest throughput), then straight on, on the backlog it left, the
 * sustained-delivery window; then drain. CPU-seconds per 1,000 orders cover every hub
 * process (and Redis) from saturation to the end of the drain. Figures are returned
 * in increasing worker count.
 */
import { cpuMeter } from './cpu.js';
import type { Session } from './session.js';
import type { Settings } from './settings.js';
import { describeSustained, sustain, type SustainedFigures } from './sustained.js';
import type { SplitTarget } from './targets.js';

export interface ScaleFigures {
  workers: number;
  ingestPerSec: number;
  sustained: SustainedFigures;
  cpuPer1000: { target: number; redis: number };
  /** RSS of each process (API first), MB. */
  rssMb: number[];
}

export async function measureScaleOut(session: Session, target: SplitTarget, redisPid: number, settings: Settings): Promise<ScaleFigures[]> {
  const figures: ScaleFigures[] = [];
  for (const workers of [...settings.workerCounts].sort((a, b) => b - a)) {
    await target.setWorkers(workers);
    // Fresh workers load scripts and compile hot paths on their first jobs: warm them up first.
    await session.drain([await session.load('closed', settings.warmupMs)]);
    const cpu = cpuMeter(() => target.processes.map((p) => p.pid), redisPid);
    const saturation = await session.load('closed', settings.saturationMs);
    const sustained = await sustain(session, settings, { carried: { since: saturation.startedAt, results: [saturation] } });
    await session.drain(sustained.results);
    const used = cpu();
    const perThousand = (seconds: number): number => (seconds / Math.max(1, sustained.figures.accepted)) * 1000;
    figures.push({
      workers,
      ingestPerSec: saturation.accepted / ((saturation.endedAt - saturation.startedAt) / 1000),
      sustained: sustained.figures,
      cpuPer1000: { target: perThousand(used.target), redis: perThousand(used.redis) },
      rssMb: target.processes.map((p) => p.memory().rssMb),
    });
    console.error(`      ${target.name}: ingest ${figures.at(-1)!.ingestPerSec.toFixed(0)}/s, ${describeSustained(sustained.figures)}`);
  }
  return figures.sort((a, b) => a.workers - b.workers);
}
