/**
 * A target delivering to the SFTP flat-file OMS in files of N orders (the file sink
 * counts every order in every file that landed): warm-up; closed-loop saturation and
 * its drain (ingest throughput, delivered orders/s over burst + drain); the sustained-
 * delivery window; an open loop at a fixed rate below the hub's sustained delivery rate
 * (accept→delivered: mostly the time a file takes to fill, at most maxWaitMs).
 */
import { acceptToDelivered, clearingRate, type Session } from './session.js';
import type { Settings } from './settings.js';
import { percentile } from './stats.js';
import { sustain, type SustainedFigures } from './sustained.js';

export interface SftpFigures {
  name: string;
  ingestPerSec: number;
  deliveredPerSec: number;
  sustained: SustainedFigures;
  open: { rate: number; achievedRate: number; ingestP50: number; ingestP99: number; deliveredP50: number; deliveredP99: number };
  /** Order files that landed during the measurement. */
  files: number;
}

/** `openRate` undefined: the open-loop rate is derived from this target's sustained rate (the hub, measured first). */
export async function measureSftp(session: Session, settings: Settings, openRate: number | undefined): Promise<SftpFigures> {
  const filesBefore = (await session.sinkTotals()).requests;
  await session.drain([await session.load('closed', settings.warmupMs)]);
  const saturation = await session.load('closed', settings.saturationMs);
  const saturationChecked = await session.drain([saturation]);
  const sustained = await sustain(session, settings, { batch: settings.sftp.batch });
  await session.drain(sustained.results);
  const rate = openRate ?? Math.max(1, Math.round(settings.sftp.openFraction * sustained.figures.deliveredPerSec));
  const open = await session.load('open', settings.openMs, { rate });
  const endToEnd = acceptToDelivered(open, await session.drain([open]));
  return {
    name: session.target.name,
    ingestPerSec: saturation.accepted / ((saturation.endedAt - saturation.startedAt) / 1000),
    deliveredPerSec: clearingRate(saturation.startedAt, saturationChecked),
    sustained: sustained.figures,
    open: {
      rate, achievedRate: open.accepted / ((open.endedAt - open.startedAt) / 1000),
      ingestP50: percentile(open.latenciesMs, 50), ingestP99: percentile(open.latenciesMs, 99),
      deliveredP50: percentile(endToEnd, 50), deliveredP99: percentile(endToEnd, 99),
    },
    files: (await session.sinkTotals()).requests - filesBefore,
  };
}
