/**
 * The carrier's event vocabulary: what each code means, the parcel status it leaves
 * behind, and a parcel's status from its history (the status of its latest event).
 */
import type { EventCode, ParcelStatus } from './types.js';

export const EVENT_CODES: readonly EventCode[] = ['LC', 'PU', 'IT', 'OD', 'DL', 'EX-ADDR', 'EX-DMG', 'EX-DLY', 'RS', 'VD'];

export const EVENT_DESCRIPTIONS: Readonly<Record<EventCode, string>> = {
  LC: 'Shipping label created',
  PU: 'Picked up',
  IT: 'In transit',
  OD: 'Out for delivery',
  DL: 'Delivered',
  'EX-ADDR': 'Exception: address problem',
  'EX-DMG': 'Exception: damaged',
  'EX-DLY': 'Exception: delayed',
  RS: 'Returned to sender',
  VD: 'Label voided',
};

const STATUS_AFTER: Readonly<Record<EventCode, ParcelStatus>> = {
  LC: 'label_created',
  PU: 'in_transit',
  IT: 'in_transit',
  OD: 'out_for_delivery',
  DL: 'delivered',
  'EX-ADDR': 'exception',
  'EX-DMG': 'exception',
  'EX-DLY': 'exception',
  RS: 'returned',
  VD: 'voided',
};

/** Statuses after which a parcel moves no further and has no delivery estimate. */
export const FINAL_STATUSES: readonly ParcelStatus[] = ['delivered', 'returned', 'voided'];

/** Codes that mean the parcel left the shipper: its label can no longer be voided. */
export const MOVED_CODES: readonly EventCode[] = ['PU', 'IT', 'OD', 'DL', 'RS'];

export function isEventCode(text: string): text is EventCode {
  return (EVENT_CODES as readonly string[]).includes(text);
}

export function statusAfter(code: EventCode): ParcelStatus {
  return STATUS_AFTER[code];
}

/** The status of the latest event (events oldest first); `label_created` for an empty history. */
export function statusOf(events: ReadonlyArray<{ code: EventCode }>): ParcelStatus {
  const last = events.at(-1);
  return last ? statusAfter(last.code) : 'label_created';
}

export function isFinal(status: ParcelStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
