import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/sdk/index.js';
import { decide } from './decide-notice.js';
import { sampleOrder, statusFor } from './render/__fixtures__/sample-order.js';

function notice(overrides: Partial<Notice> & { customer?: Record<string, unknown> } = {}): Notice {
  const order = sampleOrder();
  const status = overrides.status ?? statusFor('received');
  return {
    order: { ...order, customer: { ...order.customer, ...overrides.customer } },
    status, state: status.state, idempotencyKey: `${order.hubOrderId}:${status.version}`, occurredAt: '2026-12-04T10:00:00Z',
    ...(overrides.previous ? { previous: overrides.previous } : {}),
  };
}

const before = (event: Parameters<typeof statusFor>[0]) => {
  const { state, lines, shipments } = statusFor(event);
  return { state, lines, shipments };
};

describe('decide', () => {
  it('acknowledges a new order, whatever state capture left it in', () => {
    expect(decide({ sendOptional: true }, notice())).toMatchObject({ event: 'received' });
    const inReview = { ...statusFor('received'), state: 'needs_review' as const };
    expect(decide({ sendOptional: true }, notice({ status: inReview }))).toMatchObject({ event: 'received' });
  });

  it('skips an order without an e-mail address, saying so', () => {
    expect(decide({ sendOptional: true }, notice({ customer: { email: undefined } }))).toEqual({ skip: 'the order has no e-mail address' });
  });

  it('sends optional notices only when the instance and the customer both take them', () => {
    const change = { status: statusFor('changed'), previous: before('confirmed') };
    expect(decide({ sendOptional: true }, notice(change))).toMatchObject({ event: 'changed' });
    expect(decide({ sendOptional: false }, notice(change))).toHaveProperty('skip');
    expect(decide({ sendOptional: true }, notice({ ...change, customer: { notices: 'essential' } }))).toHaveProperty('skip');
  });

  it('always sends essential notices, also to a customer who opted out of the rest', () => {
    const shipped = { status: statusFor('shipped'), previous: before('confirmed'), customer: { notices: 'essential' } };
    expect(decide({ sendOptional: false }, notice(shipped))).toMatchObject({ event: 'shipped' });
  });

  it('tells a customer who opted out that their pickup order is ready: the notice is essential', () => {
    const ready = { status: statusFor('ready_for_pickup'), previous: before('confirmed'), customer: { notices: 'essential' } };
    expect(decide({ sendOptional: false }, notice(ready))).toMatchObject({ event: 'ready_for_pickup' });
  });

  it('tells a customer who opted out that a parcel is delayed: the notice is essential', () => {
    const delayed = { status: statusFor('delayed'), previous: before('shipped'), customer: { notices: 'essential' } };
    expect(decide({ sendOptional: false }, notice(delayed))).toMatchObject({ event: 'delayed' });
  });

  it('sends nothing while the carrier only moves a parcel along', () => {
    const shipped = statusFor('shipped');
    const [ups, fedex] = shipped.shipments;
    const along = {
      ...shipped, version: 7,
      shipments: [{ ...ups!, parcelStatus: 'out_for_delivery' as const, lastTrackedAt: '2026-11-26T07:00:00Z', expectedDate: '2026-11-26' }, fedex!],
    };
    expect(decide({ sendOptional: true }, notice({ status: along, previous: before('shipped') }))).toEqual({ skip: 'nothing the customer needs to hear (shipped)' });
  });

  it('sends nothing for a change the customer cannot see', () => {
    const confirmed = statusFor('confirmed');
    expect(decide({ sendOptional: true }, notice({ status: { ...confirmed, version: 9 }, previous: before('confirmed') }))).toHaveProperty('skip');
  });
});
