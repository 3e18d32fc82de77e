/**
 * The carrier's tracking answer (`{ results, unknown }`) as the hub's `TrackedParcel`s,
 * one per number asked, in the order asked and under the number as the hub wrote it.
 * Each event becomes a `tracking` status event through the status mapping; an event
 * the mapping cannot place is left out with a warning (the next poll reads it again,
 * once the mapping knows it), so one odd event does not stop a parcel being followed.
 * A number the carrier does not know, or leaves out, is `unknown`. The carrier's
 * estimate is the parcel's now, so it goes with the newest event the hub is given
 * only (a webhook carries the estimate as it stood after its own event).
 */
import { isHubError, type Logger, type StatusEventIn, type TrackedParcel } from '../../src/sdk/index.js';
import { records, text, texts, type JsonRecord } from './answer-fields.js';
import type { CarrierEventInput } from './status-mapping.js';
import { carrierEventInput, trackingEvent, type TrackingEventSource } from './tracking-event.js';

/** Upper case, without spaces and dashes: how carriers (and the hub) compare tracking numbers. */
export function normalizeNumber(trackingNumber: string): string {
  return trackingNumber.replace(/[\s-]+/g, '').toUpperCase();
}

export function readTrackingAnswer(answer: JsonRecord, asked: string[], source: TrackingEventSource, log: Logger): TrackedParcel[] {
  const results = new Map<string, JsonRecord>();
  for (const result of records(answer, 'results')) {
    const number = text(result, 'trackingNumber');
    if (number) results.set(normalizeNumber(number), result);
  }
  const unknown = new Set(texts(answer, 'unknown').map(normalizeNumber));
  return asked.map((trackingNumber) => {
    const result = results.get(normalizeNumber(trackingNumber));
    if (!result || unknown.has(normalizeNumber(trackingNumber))) return { trackingNumber, events: [], unknown: true };
    return { trackingNumber, events: parcelEvents(trackingNumber, result, source, log) };
  });
}

function parcelEvents(trackingNumber: string, result: JsonRecord, source: TrackingEventSource, log: Logger): StatusEventIn[] {
  const inputs = readableEvents(trackingNumber, records(result, 'events'), source.carrier, log);
  const mapped = new Map<CarrierEventInput, StatusEventIn>();
  let estimate = typeof result['estimatedDeliveryDate'] === 'string' ? result['estimatedDeliveryDate'] : undefined;
  for (const input of newestFirst(inputs)) {
    const event = mapOrWarn(source, estimate ? { ...input, estimatedDeliveryDate: estimate } : input, log);
    if (!event) continue;
    mapped.set(input, event);
    estimate = undefined;
  }
  return inputs.flatMap((input) => mapped.get(input) ?? []);
}

/** The events the mapping can read, without the parcel's estimate; the others left out with a warning. */
function readableEvents(trackingNumber: string, events: JsonRecord[], carrier: string, log: Logger): CarrierEventInput[] {
  return events.flatMap((event) => {
    const input = carrierEventInput(trackingNumber, event, undefined);
    if (!input) log.warn({ trackingNumber, eventId: text(event, 'id') }, `${carrier} tracking: an event without an id, a code or a readable time was left out`);
    return input ? [input] : [];
  });
}

function mapOrWarn(source: TrackingEventSource, input: CarrierEventInput, log: Logger): StatusEventIn | undefined {
  try {
    return trackingEvent(source, input);
  } catch (error) {
    if (!isHubError(error)) throw error;
    log.warn({ trackingNumber: input.trackingNumber, eventId: input.event.id, code: error.code, hint: error.hint }, error.message);
    return undefined;
  }
}

/** Latest `occurredAt` first; of events at the same moment, the one listed later first. */
function newestFirst(inputs: CarrierEventInput[]): CarrierEventInput[] {
  return inputs.map((input, index) => ({ input, index, at: Date.parse(input.event.occurredAt) }))
    .sort((a, b) => b.at - a.at || b.index - a.index)
    .map(({ input }) => input);
}
