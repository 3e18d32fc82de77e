/**
 * Status in: events reported by a target (acknowledged, allocated, shipped…) are
 * matched to their order, run through the state machine and recorded with
 * compare-and-set. Duplicate event ids and stale events change nothing; every
 * applied change fans out to the channels, never back to the reporter.
 */
import { applyEvent } from '../model/state-machine.js';
import type { StatusEvent } from '../model/status.js';
import type { StatusEventIn } from '../sdk/connector.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { settleChange } from '../changes/settle-change.js';
import { paymentJobsAfter } from '../payments/payment-job.js';
import { changeOrder } from './change-order.js';
import { parcelWrites } from '../carriers/parcel-writes.js';
import { withRecognisedCarrier } from './shipment-carrier.js';
import { noticeJobs } from './notify.js';
import type { HubRuntime } from './runtime.js';

export type EventOutcome = 'applied' | 'duplicate' | 'stale' | 'refused' | 'unknown_order';

export interface EventResult {
  eventId: string;
  hubOrderId?: string;
  outcome: EventOutcome;
  detail?: string;
}

/** Once the OMS reports one of these, its stock feed includes the order (or the order is gone). */
const RELEASES_RESERVATION: ReadonlySet<string> = new Set(['acknowledged', 'allocated', 'backordered', 'ready_for_pickup', 'rejected', 'cancelled', 'shipped']);

export async function applyStatusEvents(runtime: HubRuntime, reporter: string, events: StatusEventIn[]): Promise<EventResult[]> {
  const results: EventResult[] = [];
  for (const event of events) {
    const shipment = event.shipment ? { shipment: withRecognisedCarrier(event.shipment) } : {};
    results.push(await applyOne(runtime, { ...event, ...shipment, source: reporter }));
  }
  return results;
}

/** The order an event is about, by the hub's id or else the reporter's reference; read once. */
async function resolveOrder(runtime: HubRuntime, event: StatusEvent): Promise<StoredOrder | undefined> {
  const byId = event.hubOrderId ? await runtime.store.get(event.hubOrderId) : undefined;
  if (byId) return byId;
  const orderId = event.externalRef ? await runtime.store.findByExternalRef(event.source, event.externalRef) : undefined;
  if (orderId) return runtime.store.get(orderId);
  // A carrier knows its parcel, not our order: the tracking number finds it.
  const byParcel = event.shipment?.trackingNumber ? await runtime.redis.get(runtime.keys.trackingNumber(event.shipment.trackingNumber)) : null;
  return byParcel ? runtime.store.get(byParcel) : undefined;
}

async function applyOne(runtime: HubRuntime, event: StatusEvent): Promise<EventResult> {
  const known = await resolveOrder(runtime, event);
  const orderId = known?.hubOrderId;
  if (!orderId) {
    runtime.log.warn({ connector: event.source, stage: 'status', eventId: event.eventId }, 'status event for an unknown order');
    return { eventId: event.eventId, outcome: 'unknown_order' };
  }
  if (event.type === 'change_accepted' || event.type === 'change_refused') return applyChangeAnswer(runtime, orderId, event);
  let ignored: { outcome: 'stale' | 'refused'; reason: string } | undefined;
  const result = await changeOrder(runtime, orderId, (stored) => {
    const outcome = applyEvent(stored.status, stored.order?.lines ?? [], event);
    if (outcome.outcome !== 'applied') {
      ignored = outcome;
      return undefined;
    }
    return {
      status: outcome.status,
      entries: [timelineEntry('status', `${event.type} from ${event.source}: ${outcome.summary}`, {
        instance: event.source, detail: eventDetail(event),
      })],
      jobs: [...noticeJobs(runtime, stored, outcome.status, event.source), ...paymentJobsAfter(runtime, stored.order, stored.status, outcome.status)],
      writes: [
        ...(event.externalRef ? [runtime.store.externalRefWrite(event.source, event.externalRef, stored.hubOrderId)] : []),
        ...parcelWrites(runtime, stored.hubOrderId, stored.status, outcome.status),
      ],
    };
  }, { eventId: event.eventId, known });
  if (result.outcome === 'applied') {
    // The OMS counts the order in its own stock figures from now on: give back what it reserved.
    if (RELEASES_RESERVATION.has(event.type)) await runtime.stockView.release(orderId);
    return { eventId: event.eventId, hubOrderId: orderId, outcome: 'applied' };
  }
  if (result.outcome === 'duplicate') return { eventId: event.eventId, hubOrderId: orderId, outcome: 'duplicate' };
  if (ignored) {
    const firstTime = await recordIgnored(runtime, orderId, event, ignored);
    if (!firstTime) return { eventId: event.eventId, hubOrderId: orderId, outcome: 'duplicate' };
    return { eventId: event.eventId, hubOrderId: orderId, outcome: ignored.outcome, detail: ignored.reason };
  }
  return { eventId: event.eventId, outcome: 'unknown_order' };
}

/** The OMS's later answer to a change request (a status file row, a callback). */
async function applyChangeAnswer(runtime: HubRuntime, orderId: string, event: StatusEvent): Promise<EventResult> {
  const base = { eventId: event.eventId, hubOrderId: orderId };
  if (!event.changeId) return { ...base, outcome: 'refused', detail: `${event.type} names no change id` };
  const outcome = await settleChange(runtime, orderId, event.changeId, {
    outcome: event.type === 'change_accepted' ? 'accepted' : 'refused', reporter: event.source, eventId: event.eventId,
    ...(event.reason ? { reason: event.reason } : {}),
  });
  if (outcome === 'settled') return { ...base, outcome: 'applied' };
  if (outcome === 'duplicate' || outcome === 'already settled') return { ...base, outcome: 'duplicate', detail: `change ${event.changeId} ${outcome}` };
  return { ...base, outcome: 'refused', detail: `change ${event.changeId}: ${outcome}` };
}

/** An ignored event still goes on the timeline once, and its id is remembered. False when seen before. */
async function recordIgnored(runtime: HubRuntime, orderId: string, event: StatusEvent, ignored: { outcome: string; reason: string }): Promise<boolean> {
  // The event-id set follows the order's retention: a finished order's copy gets its time to live.
  const added = await runtime.redis.hubEventSeen(runtime.keys.events(orderId), runtime.keys.order(orderId), event.eventId);
  if (added === 0) return false;
  await runtime.store.appendTimeline(orderId, timelineEntry('status', `${event.type} from ${event.source} ignored (${ignored.outcome}): ${ignored.reason}`, {
    instance: event.source, detail: eventDetail(event),
  }));
  return true;
}

function eventDetail(event: StatusEvent): Record<string, unknown> {
  return {
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    ...(event.shipment ? { shipment: event.shipment } : {}),
    ...(event.lines ? { lines: event.lines } : {}),
    ...(event.expectedDate ? { expectedDate: event.expectedDate } : {}),
    ...(event.reason ? { reason: event.reason } : {}),
  };
}
