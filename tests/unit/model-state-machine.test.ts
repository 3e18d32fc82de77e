/**
 * The order state machine: hub steps, delivery receipts and status events with
 * line-level quantities. Pure functions, so every scenario runs from a fresh status.
 */
import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../src/model/order.js';
import {
  FINAL_STATES, applyEvent, initialStatus, recordDelivery, step, withLines, type Outcome,
} from '../../src/model/state-machine.js';
import { STATUS_EVENT_TYPES, type OrderStatus, type StatusEvent, type StatusEventType } from '../../src/model/status.js';

const LINES: OrderLine[] = [
  { lineId: 'L1', sku: 'MUG-RED', quantity: 2, unitPrice: 1200 },
  { lineId: 'L2', sku: 'TEE-M', quantity: 3, unitPrice: 2500 },
  { lineId: 'L3', sku: 'CAP', quantity: 1, unitPrice: 900 },
];

let clock = Date.UTC(2024, 4, 1, 9, 0, 0);
let counter = 0;

type EventSpec = Partial<StatusEvent> & { type: StatusEventType };

/** A fresh event, one second later than the one before, from the OMS unless told. */
function event(spec: EventSpec): StatusEvent {
  clock += 1000;
  counter += 1;
  return { eventId: `ev-${counter}`, source: 'oms', occurredAt: new Date(clock).toISOString(), ...spec };
}

function applied(outcome: Outcome): OrderStatus {
  if (outcome.outcome !== 'applied') throw new Error(`expected applied, got ${outcome.outcome}: ${outcome.reason}`);
  return outcome.status;
}

/** received → accepted → sent → acknowledged, as the pipeline takes it. */
function acknowledged(): OrderStatus {
  const accepted = applied(step(withLines(initialStatus(), LINES), 'accept'));
  const sent = recordDelivery(accepted, 'oms', 'OMS-1', '2024-05-01T08:00:00.000Z');
  return applied(applyEvent(sent, LINES, event({ type: 'acknowledged' })));
}

/**
 * Applies events in turn, checking that each applied one adds exactly one to the
 * version and that the others change nothing (and leave their input untouched).
 */
function run(start: OrderStatus, specs: EventSpec[]): { status: OrderStatus; outcomes: Outcome[] } {
  let status = start;
  const outcomes: Outcome[] = [];
  for (const spec of specs) {
    const before = structuredClone(status);
    const outcome = applyEvent(status, LINES, event(spec));
    expect(status, 'applyEvent must not change its input').toEqual(before);
    if (outcome.outcome === 'applied') {
      expect(outcome.status.version).toBe(status.version + 1);
      status = outcome.status;
    }
    outcomes.push(outcome);
  }
  return { status, outcomes };
}

const kinds = (outcomes: Outcome[]) => outcomes.map((o) => o.outcome);
const qty = (status: OrderStatus, lineId: string) => status.lines[lineId]!;

describe('hub steps', () => {
  it('accept, review and reject move on from received, each adding one to the version', () => {
    const start = withLines(initialStatus(), LINES);
    expect(start.version).toBe(0);
    const accepted = applied(step(start, 'accept'));
    expect([accepted.state, accepted.version]).toEqual(['accepted', 1]);
    const review = applied(step(start, 'review', 'low OCR confidence'));
    expect([review.state, review.reason]).toEqual(['needs_review', 'low OCR confidence']);
    expect(applied(step(review, 'accept')).state).toBe('accepted');
    expect(applied(step(review, 'reject')).state).toBe('rejected');
  });

  it('refuses steps from the wrong state with a reason', () => {
    const accepted = applied(step(initialStatus(), 'accept'));
    expect(step(accepted, 'accept')).toEqual({ outcome: 'refused', reason: 'cannot accept an order that is accepted' });
    expect(step(accepted, 'review').outcome).toBe('refused');
    expect(step(accepted, 'reject').outcome).toBe('refused');
    const shipped = run(acknowledged(), [{ type: 'shipped' }]).status;
    expect(step(shipped, 'requestCancel').outcome).toBe('refused');
  });

  it('requestCancel remembers the state to go back to', () => {
    const allocated = run(acknowledged(), [{ type: 'allocated' }]).status;
    const pending = applied(step(allocated, 'requestCancel', 'customer changed mind'));
    expect(pending).toMatchObject({ state: 'cancel_requested', resumeState: 'allocated', reason: 'customer changed mind' });
    expect(pending.version).toBe(allocated.version + 1);
  });
});

describe('withLines and recordDelivery', () => {
  it('withLines sets the ordered quantities without counting as a change', () => {
    const status = withLines(initialStatus(), LINES);
    expect(status.version).toBe(0);
    expect(status.lines.L2).toEqual({ ordered: 3, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0 });
  });

  it('moves accepted to sent and records the receipt', () => {
    const accepted = applied(step(withLines(initialStatus(), LINES), 'accept'));
    const sent = recordDelivery(accepted, 'oms', 'OMS-77', '2024-05-01T10:00:00Z');
    expect(sent.state).toBe('sent');
    expect(sent.version).toBe(accepted.version + 1);
    expect(sent.receipts).toEqual([{ target: 'oms', externalRef: 'OMS-77', at: '2024-05-01T10:00:00Z' }]);
  });

  it('keeps a later state when the target reported before the receipt was written', () => {
    const shipped = run(acknowledged(), [{ type: 'shipped' }]).status;
    const after = recordDelivery(shipped, 'carrier', 'C-1', '2024-05-02T00:00:00Z');
    expect(after.state).toBe('shipped');
    expect(after.version).toBe(shipped.version + 1);
    const ack = acknowledged();
    expect(recordDelivery(ack, 'oms', 'OMS-2', '2024-05-02T00:00:00Z').state).toBe('acknowledged');
  });

  it('replaces the receipt of the same target and keeps the others', () => {
    const accepted = applied(step(initialStatus(), 'accept'));
    const once = recordDelivery(accepted, 'oms', 'A', 't1');
    const twice = recordDelivery(recordDelivery(once, 'wms', 'W', 't2'), 'oms', 'B', 't3');
    expect(twice.receipts).toEqual([{ target: 'wms', externalRef: 'W', at: 't2' }, { target: 'oms', externalRef: 'B', at: 't3' }]);
  });
});

describe('status events, scenario by scenario', () => {
  interface Scenario {
    name: string;
    events: EventSpec[];
    outcomes: Array<Outcome['outcome']>;
    state: string;
    check?: (status: OrderStatus, outcomes: Outcome[]) => void;
  }

  const scenarios: Scenario[] = [
    {
      name: 'acknowledged twice: the second is stale',
      events: [{ type: 'acknowledged' }],
      outcomes: ['stale'],
      state: 'acknowledged',
    },
    {
      name: 'rejected by the OMS, with its reason',
      events: [{ type: 'rejected', reason: 'unknown SKU' }],
      outcomes: ['applied'],
      state: 'rejected',
      check: (s) => expect(s.reason).toBe('unknown SKU'),
    },
    {
      name: 'rejected once allocated is refused',
      events: [{ type: 'allocated' }, { type: 'rejected' }],
      outcomes: ['applied', 'refused'],
      state: 'allocated',
    },
    {
      name: 'allocated without lines allocates every line',
      events: [{ type: 'allocated' }],
      outcomes: ['applied'],
      state: 'allocated',
      check: (s) => expect(Object.values(s.lines).map((q) => q.allocated)).toEqual([2, 3, 1]),
    },
    {
      name: 'allocated for one line only',
      events: [{ type: 'allocated', lines: [{ lineId: 'L1', quantity: 2 }] }],
      outcomes: ['applied'],
      state: 'allocated',
      check: (s) => expect([qty(s, 'L1').allocated, qty(s, 'L2').allocated]).toEqual([2, 0]),
    },
    {
      name: 'backordered with an expected date, then allocated when stock arrives',
      events: [
        { type: 'allocated', lines: [{ lineId: 'L1', quantity: 2 }, { lineId: 'L3', quantity: 1 }] },
        { type: 'backordered', lines: [{ sku: 'TEE-M', quantity: 3 }], expectedDate: '2024-06-01' },
        { type: 'allocated', lines: [{ sku: 'TEE-M', quantity: 3 }] },
      ],
      outcomes: ['applied', 'applied', 'applied'],
      state: 'allocated',
      check: (s) => expect(qty(s, 'L2')).toEqual({ ordered: 3, allocated: 3, backordered: 0, shipped: 0, cancelled: 0, returned: 0 }),
    },
    {
      name: 'backordered keeps the expected date on the line',
      events: [{ type: 'backordered', lines: [{ lineNumber: 2, quantity: 2 }], expectedDate: '2024-06-01' }],
      outcomes: ['applied'],
      state: 'backordered',
      check: (s) => expect(qty(s, 'L2')).toMatchObject({ backordered: 2, expectedDate: '2024-06-01' }),
    },
    {
      name: 'partial shipment by line number, then the rest by sku',
      events: [
        { type: 'allocated' },
        { type: 'shipped', lines: [{ lineNumber: 2, quantity: 1 }], shipment: { carrier: 'UPS', trackingNumber: '1Z1', trackingUrl: 'https://t/1Z1' } },
        { type: 'shipped', lines: [{ sku: 'MUG-RED', quantity: 2 }, { sku: 'TEE-M', quantity: 2 }, { sku: 'CAP', quantity: 1 }], shipment: { trackingNumber: '1Z2' } },
      ],
      outcomes: ['applied', 'applied', 'applied'],
      state: 'shipped',
      check: (s) => {
        expect(s.shipments.map((x) => x.trackingNumber)).toEqual(['1Z1', '1Z2']);
        expect(s.shipments[0]).toMatchObject({ carrier: 'UPS', trackingUrl: 'https://t/1Z1', lines: [{ lineId: 'L2', quantity: 1 }] });
        expect(Object.values(s.lines).map((q) => q.shipped)).toEqual([2, 3, 1]);
        expect(Object.values(s.lines).map((q) => q.allocated)).toEqual([0, 0, 0]);
      },
    },
    {
      name: 'partially shipped while lines are still open',
      events: [{ type: 'shipped', lines: [{ sku: 'CAP', quantity: 1 }], shipment: { trackingNumber: 'T1' } }],
      outcomes: ['applied'],
      state: 'partially_shipped',
    },
    {
      name: 'shipped without lines ships everything open in one shipment',
      events: [{ type: 'shipped', shipment: { trackingNumber: 'ALL' } }],
      outcomes: ['applied'],
      state: 'shipped',
      check: (s) => expect(s.shipments[0]!.lines).toEqual([
        { lineId: 'L1', quantity: 2 }, { lineId: 'L2', quantity: 3 }, { lineId: 'L3', quantity: 1 },
      ]),
    },
    {
      name: 'the same tracking number twice is stale',
      events: [
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 1 }], shipment: { trackingNumber: 'T1' } },
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 1 }], shipment: { trackingNumber: 'T1' } },
      ],
      outcomes: ['applied', 'stale'],
      state: 'partially_shipped',
      check: (s) => expect(qty(s, 'L1').shipped).toBe(1),
    },
    {
      name: 'over-shipping a line is refused and changes nothing',
      events: [
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 1 }] },
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 2 }] },
      ],
      outcomes: ['applied', 'refused'],
      state: 'partially_shipped',
      check: (s, o) => {
        expect(qty(s, 'L1').shipped).toBe(1);
        expect(o[1]).toMatchObject({ reason: 'line L1: 2 is more than the 1 open' });
      },
    },
    {
      name: 'a line the order does not have is refused',
      events: [
        { type: 'shipped', lines: [{ lineNumber: 4, quantity: 1 }] },
        { type: 'allocated', lines: [{ sku: 'NOPE', quantity: 1 }] },
        { type: 'cancelled', lines: [{ lineId: 'L9', quantity: 1 }] },
      ],
      outcomes: ['refused', 'refused', 'refused'],
      state: 'acknowledged',
      check: (_s, o) => expect(o[0]).toMatchObject({ reason: expect.stringContaining('a line the order does not have') }),
    },
    {
      name: 'zero, negative and fractional quantities are refused',
      events: [
        { type: 'shipped', lines: [{ lineId: 'L2', quantity: 0 }] },
        { type: 'shipped', lines: [{ lineId: 'L2', quantity: -1 }] },
        { type: 'cancelled', lines: [{ lineId: 'L2', quantity: -2 }] },
        { type: 'allocated', lines: [{ lineId: 'L2', quantity: 1.5 }] },
      ],
      outcomes: ['refused', 'refused', 'refused', 'refused'],
      state: 'acknowledged',
      check: (s) => expect(qty(s, 'L2')).toMatchObject({ shipped: 0, cancelled: 0, allocated: 0 }),
    },
    {
      name: 'delivered before anything shipped is refused',
      events: [{ type: 'delivered' }],
      outcomes: ['refused'],
      state: 'acknowledged',
    },
    {
      name: 'delivered only once every shipment is delivered',
      events: [
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 2 }], shipment: { trackingNumber: 'T1' } },
        { type: 'shipped', shipment: { trackingNumber: 'T2' } },
        { type: 'delivered', shipment: { trackingNumber: 'T1' } },
        { type: 'delivered', shipment: { trackingNumber: 'T2' } },
        { type: 'delivered', shipment: { trackingNumber: 'T2' } },
      ],
      outcomes: ['applied', 'applied', 'applied', 'applied', 'stale'],
      state: 'delivered',
      check: (s) => expect(s.shipments.every((x) => x.delivered)).toBe(true),
    },
    {
      name: 'a delivered partial shipment leaves the order partially shipped',
      events: [
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 2 }], shipment: { trackingNumber: 'T1' } },
        { type: 'delivered', shipment: { trackingNumber: 'T1' } },
        { type: 'shipped', shipment: { trackingNumber: 'T2' } },
        { type: 'delivered', shipment: { trackingNumber: 'T2' } },
      ],
      outcomes: ['applied', 'applied', 'applied', 'applied'],
      state: 'delivered',
      check: (_s, o) => expect(o[1]).toMatchObject({ status: { state: 'partially_shipped' } }),
    },
    {
      name: 'cancelling one line keeps the order going',
      events: [{ type: 'cancelled', lines: [{ lineId: 'L3', quantity: 1 }], reason: 'out of range' }],
      outcomes: ['applied'],
      state: 'acknowledged',
      check: (s) => expect([qty(s, 'L3').cancelled, s.reason]).toEqual([1, 'out of range']),
    },
    {
      name: 'cancelling the whole order',
      events: [{ type: 'allocated' }, { type: 'cancelled' }],
      outcomes: ['applied', 'applied'],
      state: 'cancelled',
      check: (s) => expect(Object.values(s.lines).map((q) => [q.cancelled, q.allocated])).toEqual([[2, 0], [3, 0], [1, 0]]),
    },
    {
      name: 'cancelling the rest of a partially shipped order leaves it shipped',
      events: [
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 2 }] },
        { type: 'cancelled' },
      ],
      outcomes: ['applied', 'applied'],
      state: 'shipped',
      check: (s) => expect(Object.values(s.lines).map((q) => q.cancelled)).toEqual([0, 3, 1]),
    },
    {
      name: 'cancelling a shipped line or a shipped order is refused',
      events: [
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 2 }] },
        { type: 'cancelled', lines: [{ lineId: 'L1', quantity: 1 }] },
        { type: 'shipped' },
        { type: 'cancelled' },
      ],
      outcomes: ['applied', 'refused', 'applied', 'refused'],
      state: 'shipped',
    },
    {
      name: 'cancel_refused without a pending cancellation is stale',
      events: [{ type: 'cancel_refused' }],
      outcomes: ['stale'],
      state: 'acknowledged',
    },
    {
      name: 'on hold and released return to where the order was',
      events: [{ type: 'allocated' }, { type: 'on_hold', reason: 'fraud check' }, { type: 'on_hold' }, { type: 'released' }, { type: 'released' }],
      outcomes: ['applied', 'applied', 'stale', 'applied', 'stale'],
      state: 'allocated',
    },
    {
      name: 'returned needs a shipped order; refunded needs a returned one',
      events: [
        { type: 'returned' },
        { type: 'refunded' },
        { type: 'shipped' },
        { type: 'refunded' },
        { type: 'returned' },
        { type: 'returned' },
        { type: 'refunded' },
      ],
      outcomes: ['refused', 'refused', 'applied', 'refused', 'applied', 'refused', 'applied'],
      state: 'refunded',
    },
    {
      name: 'returned after delivery',
      events: [{ type: 'shipped' }, { type: 'delivered' }, { type: 'returned' }],
      outcomes: ['applied', 'applied', 'applied'],
      state: 'returned',
    },
    {
      name: 'no backwards moves: allocated, backordered and acknowledged after shipped are stale',
      events: [{ type: 'shipped' }, { type: 'allocated' }, { type: 'backordered' }, { type: 'acknowledged' }],
      outcomes: ['applied', 'stale', 'stale', 'stale'],
      state: 'shipped',
    },
    {
      name: 'no backwards moves: shipped after delivered is stale',
      events: [{ type: 'shipped' }, { type: 'delivered' }, { type: 'shipped', shipment: { trackingNumber: 'LATE' } }],
      outcomes: ['applied', 'applied', 'stale'],
      state: 'delivered',
    },
    {
      name: 'repeating an event that changes nothing is stale and keeps the version',
      events: [
        { type: 'allocated' },
        { type: 'allocated' },
        { type: 'shipped', lines: [{ lineId: 'L1', quantity: 1 }], shipment: { trackingNumber: 'T1' } },
        { type: 'delivered', shipment: { trackingNumber: 'NOT-OURS' } },
        { type: 'delivered', shipment: { trackingNumber: 'T1' } },
        { type: 'delivered', shipment: { trackingNumber: 'T1' } },
      ],
      outcomes: ['applied', 'stale', 'applied', 'stale', 'applied', 'stale'],
      state: 'partially_shipped',
    },
    {
      name: 'a carrier\'s tracking of the parcel: its status kept on the shipment, the order delivered once the parcel is',
      events: [
        { type: 'shipped', shipment: { trackingNumber: 'T1' } },
        { type: 'tracking', shipment: { trackingNumber: 'T1' }, parcel: { status: 'in_transit' } },
        { type: 'tracking', shipment: { trackingNumber: 'T1' }, parcel: { status: 'delivered' } },
      ],
      outcomes: ['applied', 'applied', 'applied'],
      state: 'delivered',
      check: (s) => {
        expect(s.shipments[0]).toMatchObject({ trackingNumber: 'T1', parcelStatus: 'delivered', delivered: true });
      },
    },
    {
      name: 'ready for pickup sets the backordered units aside at the store; collected, the order is delivered',
      events: [
        { type: 'backordered', lines: [{ lineId: 'L2', quantity: 3 }], expectedDate: '2024-06-01' },
        { type: 'ready_for_pickup' },
        { type: 'ready_for_pickup' },
        { type: 'allocated', lines: [{ lineId: 'L1', quantity: 2 }] },
        { type: 'delivered' },
      ],
      outcomes: ['applied', 'applied', 'stale', 'stale', 'applied'],
      state: 'delivered',
      check: (s, o) => {
        expect(o[1]).toMatchObject({ status: { state: 'ready_for_pickup', lines: { L2: { allocated: 3, backordered: 0 } } } });
        expect(o[3]).toEqual({ outcome: 'stale', reason: 'order is already ready for pickup' });
        expect(Object.values(s.lines).map((q) => q.shipped)).toEqual([2, 3, 1]);
      },
    },
    {
      name: 'answers to change requests are not the state machine\'s: the change stage settles them',
      events: [{ type: 'change_accepted', changeId: 'X.c1' }, { type: 'change_refused', changeId: 'X.c2' }],
      outcomes: ['refused', 'refused'],
      state: 'acknowledged',
    },
  ];

  it.each(scenarios)('$name', ({ events, outcomes, state, check }) => {
    const start = acknowledged();
    const result = run(start, events);
    expect(kinds(result.outcomes)).toEqual(outcomes);
    expect(result.status.state).toBe(state);
    const appliedCount = outcomes.filter((o) => o === 'applied').length;
    expect(result.status.version).toBe(start.version + appliedCount);
    check?.(result.status, result.outcomes);
  });

  it('covers every status event type', () => {
    const used = new Set(scenarios.flatMap((s) => s.events.map((e) => e.type)));
    expect([...used].sort()).toEqual([...STATUS_EVENT_TYPES].sort());
  });
});

describe('pending cancellations', () => {
  it('cancelled while pending cancels the order', () => {
    const pending = applied(step(acknowledged(), 'requestCancel'));
    const { status, outcomes } = run(pending, [{ type: 'cancelled' }]);
    expect(kinds(outcomes)).toEqual(['applied']);
    expect(status.state).toBe('cancelled');
  });

  it('cancel_refused goes back to the state before the request, with the reason', () => {
    const allocated = run(acknowledged(), [{ type: 'allocated' }]).status;
    const pending = applied(step(allocated, 'requestCancel'));
    const { status } = run(pending, [{ type: 'cancel_refused', reason: 'already picked' }]);
    expect([status.state, status.reason]).toEqual(['allocated', 'already picked']);
  });

  it('a partial cancellation settles the request and resumes', () => {
    const backordered = run(acknowledged(), [{ type: 'backordered' }]).status;
    const pending = applied(step(backordered, 'requestCancel'));
    const { status } = run(pending, [{ type: 'cancelled', lines: [{ lineId: 'L3', quantity: 1 }] }]);
    expect(status.state).toBe('backordered');
    expect(qty(status, 'L3')).toMatchObject({ cancelled: 1, backordered: 0 });
  });

  it('a hold while a cancellation is pending does not leave the order stuck in cancel_requested', () => {
    const pending = applied(step(acknowledged(), 'requestCancel'));
    const { status, outcomes } = run(pending, [{ type: 'on_hold' }, { type: 'released' }, { type: 'cancel_refused' }]);
    expect(kinds(outcomes)).toEqual(['applied', 'applied', 'applied']);
    expect(status.state).toBe('acknowledged');
  });
});

describe('stale events and final states', () => {
  function at(status: OrderStatus, occurredAt: string, source = 'oms', type: StatusEventType = 'allocated'): Outcome {
    return applyEvent(status, LINES, { eventId: `x-${occurredAt}`, source, type, occurredAt });
  }

  it('an event older than the last applied one from the same source is stale', () => {
    const ack = acknowledged();
    const last = ack.lastEventAt.oms!;
    const earlier = new Date(Date.parse(last) - 1).toISOString();
    expect(at(ack, earlier)).toEqual({ outcome: 'stale', reason: `older than the last event from oms (${last})` });
    expect(at(ack, last).outcome).toBe('applied');
  });

  it('an older event from another source is not stale', () => {
    const ack = acknowledged();
    const outcome = at(ack, '2000-01-01T00:00:00Z', 'carrier');
    expect(outcome.outcome).toBe('applied');
    expect(applied(outcome).lastEventAt).toEqual({ oms: ack.lastEventAt.oms, carrier: '2000-01-01T00:00:00Z' });
  });

  it('compares instants, not strings (fractions of a second, time zone offsets)', () => {
    const status: OrderStatus = { ...acknowledged(), lastEventAt: { oms: '2024-05-01T10:00:00Z' } };
    expect(at(status, '2024-05-01T10:00:00.500Z').outcome).toBe('applied');
    expect(at(status, '2024-05-01T09:30:00-02:00').outcome).toBe('applied');
    expect(at(status, '2024-05-01T11:59:59+02:00').outcome).toBe('stale');
  });

  it('only applied events move lastEventAt', () => {
    const shipped = run(acknowledged(), [{ type: 'shipped' }]).status;
    const outcome = at(shipped, '2099-01-01T00:00:00Z', 'oms', 'allocated');
    expect(outcome.outcome).toBe('stale');
    expect(at(shipped, '2098-01-01T00:00:00Z', 'oms', 'delivered').outcome).toBe('applied');
  });

  it.each([...FINAL_STATES])('a %s order refuses every event', (state) => {
    const final: OrderStatus = { ...run(acknowledged(), [{ type: 'shipped' }]).status, state };
    for (const type of STATUS_EVENT_TYPES) {
      const outcome = at(final, '2099-01-01T00:00:00Z', 'oms', type);
      expect(outcome, type).toEqual({ outcome: 'refused', reason: `order is already ${state}` });
    }
  });

  it('after cancelled or rejected nothing applies, reached through events', () => {
    const cancelled = run(acknowledged(), [{ type: 'cancelled' }]).status;
    const rejected = run(acknowledged(), [{ type: 'rejected' }]).status;
    for (const status of [cancelled, rejected]) {
      const { outcomes } = run(status, STATUS_EVENT_TYPES.map((type) => ({ type })));
      expect(new Set(kinds(outcomes))).toEqual(new Set(['refused']));
    }
  });
});
