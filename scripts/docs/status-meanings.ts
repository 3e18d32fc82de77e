/**
 * What every order state, status event type and parcel status means, for
 * docs/reference/states-and-events.md. Typed by the lists in src/model/status.ts, so a
 * value added there and not here (or removed there and left here) fails the type check;
 * the generator checks the same at run time.
 */
import type { OrderState, ParcelStatus, StatusEventType } from '../../src/model/status.js';

export const ORDER_STATE_MEANINGS: Readonly<Record<OrderState, string>> = {
  received: 'Recorded, not judged yet: a normalize worker maps and validates it (slow parsers such as OCR).',
  accepted: 'Mapped, valid and routed: its delivery to the target is queued (after the payment, when it pays by token).',
  needs_review: 'Recorded, but it cannot go on as it is: every reason is on the order, and a person corrects and accepts it, or rejects it.',
  rejected: 'Refused for good: by a person in review, or by the target (a `rejected` event). Final.',
  sent: 'Delivered to the target; the receipt (its order number) is recorded.',
  acknowledged: 'The target confirmed it has the order.',
  allocated: 'The target set stock aside for it (per line).',
  backordered: 'Some units are waiting for stock, with the date they are expected.',
  partially_shipped: 'Some units have shipped, others not yet.',
  ready_for_pickup: 'A pickup order: every unit waits at the store for the customer.',
  shipped: 'Every unit not cancelled has shipped.',
  delivered: 'Every parcel has arrived (or the customer collected a pickup order).',
  on_hold: 'Held by the target; released to the state it had before.',
  cancel_requested: 'A cancellation was asked of the target, which has not answered yet.',
  cancelled: 'Every unit was cancelled. Final.',
  return_requested: 'The customer asked to send it back; the goods are expected.',
  returned: 'The goods came back.',
  refunded: 'The money was paid back after the return. Final.',
};

export const STATUS_EVENT_MEANINGS: Readonly<Record<StatusEventType, string>> = {
  acknowledged: 'The target has the order (moves it to `acknowledged`).',
  rejected: 'The target refuses the order, with its reason (until it is allocated).',
  allocated: 'Stock set aside for these lines and quantities.',
  backordered: 'These units wait for stock, with the date expected.',
  ready_for_pickup: 'A pickup order waits at the store.',
  shipped: 'These units left, in a shipment with its carrier and tracking number.',
  delivered: 'A shipment arrived (or the customer collected a pickup order).',
  cancelled: 'These units (or the whole order) are cancelled, with the reason.',
  cancel_refused: 'The target will not cancel: the order goes back to where it was.',
  on_hold: 'The target holds the order.',
  released: 'The target lets a held order go on.',
  returned: 'The goods came back.',
  refunded: 'The money was paid back.',
  change_accepted: 'The target made a change the hub asked for (names the change).',
  change_refused: 'The target will not make a change the hub asked for, with its reason (names the change).',
  tracking: 'A carrier says where one parcel is now (its parcel status); the hub rolls parcels up to the order.',
};

export const PARCEL_STATUS_MEANINGS: Readonly<Record<ParcelStatus, string>> = {
  label_created: 'A label is booked; the carrier does not have the parcel yet.',
  in_transit: 'With the carrier, on its way.',
  out_for_delivery: 'On the van for delivery today.',
  delivered: 'Delivered.',
  exception: 'A problem (address, damage, delay): the order goes on the watch list and the customer hears of the new date.',
  returned: 'Going, or gone, back to the sender.',
  voided: 'The label was voided before pickup.',
};
