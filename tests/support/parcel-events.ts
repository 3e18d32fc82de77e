/**
 * Parcel news for console tests, applied through the hub as a reporter would send it
 * (`applyStatusEvents`): an order shipped with a tracking number, its parcel held up by
 * the carrier (an exception with a new expected date: the order joins the watch list),
 * then moving on (it leaves the list). Times are minutes apart, from now.
 */
import { applyStatusEvents, type EventResult } from '../../src/pipeline/status-in.js';
import type { HubRuntime } from '../../src/pipeline/runtime.js';

export const EXCEPTION = { code: 'EX-ADDR', description: 'Address problem: no such street number' } as const;
export const EXPECTED_DATE = '2026-12-12';

/** The reporter of the tests' parcel news (the OMS relays its carrier's tracking). */
export const REPORTER = 'oms-main';

function minutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

async function applyOne(runtime: HubRuntime, event: Parameters<typeof applyStatusEvents>[2][number]): Promise<EventResult> {
  const [result] = await applyStatusEvents(runtime, REPORTER, [event]);
  if (result?.outcome !== 'applied') throw new Error(`${event.type} event not applied: ${JSON.stringify(result)}`);
  return result;
}

/** Ships the whole order in one parcel, then the carrier reports an address problem. */
export async function shipAndHoldUp(runtime: HubRuntime, hubOrderId: string, trackingNumber: string): Promise<void> {
  await applyOne(runtime, { eventId: `ship-${trackingNumber}`, type: 'shipped', occurredAt: minutesFromNow(0), hubOrderId, shipment: { trackingNumber } });
  await applyOne(runtime, {
    eventId: `ex-${trackingNumber}`, type: 'tracking', occurredAt: minutesFromNow(1), shipment: { trackingNumber },
    parcel: { status: 'exception', ...EXCEPTION, location: 'Portland, OR' }, expectedDate: EXPECTED_DATE,
  });
}

/** The carrier reports the parcel on its way again: the exception is cleared. */
export async function moveOn(runtime: HubRuntime, trackingNumber: string): Promise<void> {
  await applyOne(runtime, {
    eventId: `it-${trackingNumber}`, type: 'tracking', occurredAt: minutesFromNow(2), shipment: { trackingNumber },
    parcel: { status: 'in_transit', description: 'Address corrected, on its way', location: 'Portland, OR' },
  });
}
