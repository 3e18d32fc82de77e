/**
 * Following parcels: `GET /v1/tracking?numbers=…` for at most `batchSize` numbers per
 * call, one call after the other (kind to the carrier's rate limit), each number asked
 * once. A failed call fails the whole look with its typed error: the hub asks again.
 */
import type { Logger, TrackedParcel } from '../../src/sdk/index.js';
import { callCarrier } from './carrier-call.js';
import type { ParcelCarrierConfig } from './config.js';
import { normalizeNumber, readTrackingAnswer } from './tracking-answer.js';
import type { TrackingEventSource } from './tracking-event.js';

export async function trackParcels(config: ParcelCarrierConfig, source: TrackingEventSource, log: Logger, numbers: string[]): Promise<TrackedParcel[]> {
  const tracked: TrackedParcel[] = [];
  for (const chunk of chunks(distinct(numbers), config.tracking.batchSize)) {
    const answer = await callCarrier(config, {
      method: 'GET', path: `/v1/tracking?numbers=${chunk.map(encodeURIComponent).join(',')}`,
      what: `tracking of ${chunk.length === 1 ? `parcel ${chunk[0]}` : `${chunk.length} parcels`}`,
    });
    tracked.push(...readTrackingAnswer(answer, chunk, source, log));
  }
  return tracked;
}

/** The numbers without blanks and without repeats (as the carrier compares them), first form kept. */
function distinct(numbers: string[]): string[] {
  const seen = new Set<string>();
  return numbers.filter((number) => {
    const key = normalizeNumber(number);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let at = 0; at < items.length; at += Math.max(1, size)) result.push(items.slice(at, at + Math.max(1, size)));
  return result;
}
