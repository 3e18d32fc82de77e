/**
 * Customer notice events: which e-mail (if any) an order's change of state calls for,
 * and which of them are essential (always sent) rather than optional (a customer may
 * opt out). Pure; the states are the hub's order states.
 */
import type { OrderState, OrderStatus } from '../../../src/sdk/index.js';
import { parcelNews } from './parcel-change.js';

export const NOTICE_EVENTS = [
  'received', 'confirmed', 'changed', 'backordered', 'ready_for_pickup', 'shipped', 'delayed', 'delivered', 'cancelled',
  'refunded', 'change_accepted', 'change_refused',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/**
 * The event each state calls for. `null`: never a customer notice — `needs_review` and
 * `rejected` (the order is not accepted), and `sent` (the hub handing the order to the
 * back office, which the customer cannot see and which always falls between "received"
 * and "confirmed").
 */
const EVENT_OF_STATE: Record<OrderState, NoticeEvent | null> = {
  received: 'received',
  accepted: 'received',
  needs_review: null,
  rejected: null,
  sent: null,
  acknowledged: 'confirmed',
  allocated: 'changed',
  backordered: 'backordered',
  partially_shipped: 'shipped',
  ready_for_pickup: 'ready_for_pickup',
  shipped: 'shipped',
  delivered: 'delivered',
  on_hold: 'changed',
  cancel_requested: 'changed',
  cancelled: 'cancelled',
  return_requested: 'changed',
  returned: 'changed',
  refunded: 'refunded',
};

/** States in which a change that keeps the state still repeats the state's own event. */
const REPEATABLE_IN_PLACE: ReadonlySet<OrderState> = new Set(['partially_shipped', 'shipped', 'backordered']);

/**
 * The answer to a change the customer asked for is essential: they are waiting for it. So
 * is "ready for pickup": the customer cannot collect an order they were not told about;
 * and "delayed": a parcel in trouble may need the customer (a wrong address, a collection).
 */
const ESSENTIAL: ReadonlySet<NoticeEvent> = new Set([
  'received', 'confirmed', 'ready_for_pickup', 'shipped', 'delayed', 'cancelled', 'refunded', 'change_accepted', 'change_refused',
]);

/**
 * The customer event for an order now in `state`, coming from `previousState` when known;
 * undefined when the customer is not to be told.
 *
 * - A state change: the state's event (table above), except between `received` and
 *   `accepted`, which the customer was already told about.
 * - The same state (lines or shipments changed, the state did not): `shipped` for
 *   `partially_shipped`/`shipped` (another parcel left), `backordered` for `backordered`
 *   (more lines or a new date), otherwise `changed`.
 */
export function eventFor(state: OrderState, previousState?: OrderState): NoticeEvent | undefined {
  const event = EVENT_OF_STATE[state];
  if (event === null || event === undefined) return undefined;
  if (previousState === undefined) return event;
  if (previousState === state) return REPEATABLE_IN_PLACE.has(state) ? event : 'changed';
  // The acknowledgement went out at capture, also for an order then held for review.
  if (event === 'received' && (EVENT_OF_STATE[previousState] === 'received' || previousState === 'needs_review')) return undefined;
  return event;
}

/** The parts of a status that decide the event. */
export type NoticeBasis = Pick<OrderStatus, 'state' | 'lines' | 'shipments'>;

/**
 * The customer event for a change from `before` to `after`, when the whole status is at
 * hand (the notify stage has both): like `eventFor`, but a change inside one state is
 * judged by what changed, and only by what the customer should hear about —
 *
 * - a new parcel is `shipped`;
 * - more units backordered, or a new expected date of backordered units, is `backordered`;
 * - a parcel newly in an exception (or in another one) is `delayed`;
 * - a parcel delivered while others are still on their way, or a line changed (cancelled,
 *   returned), is `changed`;
 * - anything else — a carrier moving a parcel along (in transit, out for delivery), a new
 *   tracking event, a new expected date without a problem, an exception cleared — is no
 *   notice, nor is a change the customer cannot see at all.
 */
export function eventForChange(before: NoticeBasis | undefined, after: NoticeBasis): NoticeEvent | undefined {
  if (!before || before.state !== after.state) return eventFor(after.state, before?.state);
  const event = EVENT_OF_STATE[after.state];
  if (event === null || event === undefined) return undefined;
  const news = parcelNews(before.shipments, after.shipments);
  if (news === 'shipped') return 'shipped';
  if (moreBackordered(before.lines, after.lines)) return 'backordered';
  if (news === 'delayed') return 'delayed';
  if (news === 'delivered' || JSON.stringify(before.lines) !== JSON.stringify(after.lines)) return 'changed';
  return undefined;
}

function moreBackordered(before: NoticeBasis['lines'], after: NoticeBasis['lines']): boolean {
  return Object.entries(after).some(([lineId, q]) => {
    const was = before[lineId];
    return q.backordered > (was?.backordered ?? 0) || (q.backordered > 0 && q.expectedDate !== was?.expectedDate);
  });
}

/** Essential events are always sent; the others only to customers who have not opted out. */
export function isEssential(event: NoticeEvent): boolean {
  return ESSENTIAL.has(event);
}

export function isNoticeEvent(value: unknown): value is NoticeEvent {
  return typeof value === 'string' && (NOTICE_EVENTS as readonly string[]).includes(value);
}
