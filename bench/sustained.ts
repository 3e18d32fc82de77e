/**
 * Delivered orders/s sustained: a closed loop keeps a backlog of accepted-but-undelivered
 * orders in front of the workers for a whole window, and the sink counts the orders
 * first delivered inside it. The loop runs in bursts (16 connections, at most as many
 * orders as the backlog lacks): whenever the backlog (accepted − delivered since the
 * phase began) falls below ¾ of its target, it is topped up again, so the workers never
 * run dry and the drain afterwards stays short (a file target gets at least 6 files'
 * worth, so its batches always fill). A phase can start on the backlog left by a
 * saturation phase just before it (`carried`). The caller drains the results.
 */
import { nowMs, type LoadResult } from './protocol.js';
import type { Session } from './session.js';
import type { Settings } from './settings.js';

export interface SustainedFigures {
  windowMs: number;
  /** Orders first delivered inside the window. */
  delivered: number;
  deliveredPerSec: number;
  /** The backlog aimed at. */
  backlogTarget: number;
  /** Least backlog seen in the window (0: the workers may have run dry, the figure is ingest-bound). */
  minBacklog: number;
  /** Orders accepted by the phase (the carried ones included). */
  accepted: number;
  bursts: number;
}

const REFILL_BELOW = 0.75;
const POLL_MS = 50;
const MAX_BURST_MS = 1000;

/** Backlog aimed at for a target delivering files of `batch` orders: several files' worth, or the batcher waits. */
export function backlogFor(settings: Settings, batch = 1): number {
  return Math.max(settings.backlog, 6 * batch);
}

export async function sustain(
  session: Session, settings: Settings, options: { carried?: { since: number; results: LoadResult[] }; batch?: number } = {},
): Promise<{ figures: SustainedFigures; results: LoadResult[] }> {
  const { carried } = options;
  const target = backlogFor(settings, options.batch);
  const since = carried?.since ?? nowMs();
  const results = [...(carried?.results ?? [])];
  let accepted = results.reduce((sum, r) => sum + r.accepted, 0);
  let bursts = 0;
  const backlog = async (): Promise<number> => accepted - await session.delivered(since, nowMs() + 1);
  const burst = async (orders: number, durationMs: number): Promise<void> => {
    const result = await session.load('closed', durationMs, { maxOrders: orders });
    results.push(result);
    accepted += result.accepted;
    bursts++;
  };

  // Fill: up to the refill level (give up after a while if ingest cannot outrun delivery: minBacklog tells).
  const fillUntil = nowMs() + Math.min(10_000, Math.max(2000, settings.sustainedMs / 2));
  for (let now = await backlog(); now < target * REFILL_BELOW && nowMs() < fillUntil; now = await backlog()) {
    await burst(target - now, MAX_BURST_MS);
  }

  const windowStart = nowMs();
  const windowEnd = windowStart + settings.sustainedMs;
  let minBacklog = Infinity;
  while (nowMs() < windowEnd) {
    const now = await backlog();
    minBacklog = Math.min(minBacklog, now);
    if (now < target * REFILL_BELOW) await burst(target - now, Math.max(100, Math.min(MAX_BURST_MS, windowEnd - nowMs())));
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const windowStop = nowMs();
  const delivered = await session.delivered(windowStart, windowStop);
  const windowMs = windowStop - windowStart;
  return {
    figures: {
      windowMs, delivered, deliveredPerSec: delivered / (windowMs / 1000), backlogTarget: target,
      minBacklog: Number.isFinite(minBacklog) ? minBacklog : 0, accepted, bursts,
    },
    results,
  };
}

/** One line for the progress log, saying when the window ran dry. */
export function describeSustained(figures: SustainedFigures): string {
  const dry = figures.minBacklog <= 0 ? ', ran dry: bounded by ingest, not delivery' : '';
  return `sustained delivery ${figures.deliveredPerSec.toFixed(0)}/s (least backlog ${figures.minBacklog}${dry})`;
}
