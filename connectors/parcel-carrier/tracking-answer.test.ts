/**
 * The carrier's tracking answer to the hub's tracked parcels: one per number asked,
 * in the order and form asked; unknown numbers; events the mapping cannot place left out.
 */
import { resolve } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/mapping/index.js';
import { readTrackingAnswer } from './tracking-answer.js';
import type { TrackingEventSource } from './tracking-event.js';

const log = pino({ level: 'silent' });
let source: TrackingEventSource;

beforeAll(async () => {
  const mapping = await loadMapping(resolve(import.meta.dirname, '../../mappings/parcelco-tracking.json'));
  source = { mapping: (input) => mapping.apply(input), carrier: 'ParcelCo' };
});

const answer = {
  results: [{
    trackingNumber: '1Z999AA10300012346', status: 'in_transit', estimatedDeliveryDate: '2026-11-26',
    events: [
      { id: 'ev_1', code: 'LC', description: 'Shipping label created', occurredAt: '2026-11-23T14:30:00.000Z' },
      { id: 'ev_2', code: 'PU', description: 'Picked up', occurredAt: '2026-11-23T18:00:00.000Z', location: { city: 'Newark', region: 'NJ', country: 'US' } },
      { id: 'ev_3', code: 'QQ', description: 'A code nobody mapped', occurredAt: '2026-11-23T19:00:00.000Z' },
      { id: 'ev_4', code: 'IT', occurredAt: 'not a time' },
    ],
  }],
  unknown: ['1Z999AA10300099999'],
};

describe('tracking answers', () => {
  it('gives every mapped event as a tracking event, under the number as the hub wrote it, the estimate with the newest', () => {
    const [parcel, unknown, missing] = readTrackingAnswer(answer, ['1z999aa1 0300012346', '1Z999AA10300099999', '1Z999AA10300077777'], source, log);
    expect(parcel).toEqual({
      trackingNumber: '1z999aa1 0300012346',
      events: [
        {
          eventId: 'ev_1', type: 'tracking', occurredAt: '2026-11-23T14:30:00.000Z',
          shipment: { trackingNumber: '1z999aa1 0300012346', carrier: 'ParcelCo' },
          parcel: { status: 'label_created', code: 'LC', description: 'Shipping label created' },
        },
        {
          eventId: 'ev_2', type: 'tracking', occurredAt: '2026-11-23T18:00:00.000Z',
          shipment: { trackingNumber: '1z999aa1 0300012346', carrier: 'ParcelCo' },
          parcel: { status: 'in_transit', code: 'PU', description: 'Picked up', location: 'Newark, NJ, US' }, expectedDate: '2026-11-26',
        },
      ],
    });
    expect(unknown).toEqual({ trackingNumber: '1Z999AA10300099999', events: [], unknown: true });
    expect(missing).toEqual({ trackingNumber: '1Z999AA10300077777', events: [], unknown: true });
  });
});
