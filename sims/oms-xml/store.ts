/**
 * In-memory state of the OMS: orders by idempotency key, OMS number and hub
 * order id, and the append-only status feed with its sequence numbers.
 */
import { renderOrderResponse, renderStatusUpdate } from './xml-render.js';
import type { OmsLine, OmsLineAllocation, OmsOrder, OmsPickup, StatusUpdate } from './types.js';

interface StoredOrder {
  order: OmsOrder;
  /** The answer body given the first time, replayed for the same key. */
  answer: string;
}

export type NewUpdate = Omit<StatusUpdate, 'eventId' | 'sequence' | 'timestamp' | 'xml'>;

export class OmsStore {
  readonly #byKey = new Map<string, StoredOrder>();
  readonly #byNumber = new Map<string, StoredOrder>();
  readonly #byHubId = new Map<string, StoredOrder>();
  readonly #updates: StatusUpdate[] = [];
  #lastOrderNumber = 0;

  findByKey(idempotencyKey: string): StoredOrder | undefined {
    return this.#byKey.get(idempotencyKey);
  }

  /** Counts one more POST for a known key and returns the stored answer. */
  replay(idempotencyKey: string): StoredOrder | undefined {
    const stored = this.#byKey.get(idempotencyKey);
    if (stored) stored.order.posts += 1;
    return stored;
  }

  hasHubOrderId(hubOrderId: string): boolean {
    return this.#byHubId.has(hubOrderId);
  }

  create(input: { idempotencyKey: string; hubOrderId: string; xml: string; lines: OmsLine[]; pickup?: OmsPickup }): StoredOrder {
    this.#lastOrderNumber += 1;
    const omsOrderNumber = `OMS-${String(this.#lastOrderNumber).padStart(6, '0')}`;
    const order: OmsOrder = { ...input, omsOrderNumber, receivedAt: new Date().toISOString(), posts: 1 };
    const stored = { order, answer: renderOrderResponse(omsOrderNumber, input.hubOrderId) };
    this.#byKey.set(input.idempotencyKey, stored);
    this.#byNumber.set(omsOrderNumber, stored);
    this.#byHubId.set(input.hubOrderId, stored);
    return stored;
  }

  /** Records where the order's units came from (the sim keeps stock). */
  attachAllocation(omsOrderNumber: string, allocation: OmsLineAllocation[]): void {
    const stored = this.#byNumber.get(omsOrderNumber);
    if (stored) stored.order.allocation = allocation.map(copyAllocation);
  }

  /** By OMS order number first, then by hub order id (the newest order with it). */
  findByRef(ref: string): OmsOrder | undefined {
    return (this.#byNumber.get(ref) ?? this.#byHubId.get(ref))?.order;
  }

  orders(): OmsOrder[] {
    return [...this.#byKey.values()].map(({ order }) => {
      const copy: OmsOrder = { ...order, lines: order.lines.map((line) => ({ ...line })) };
      if (order.pickup) copy.pickup = { ...order.pickup };
      if (order.allocation) copy.allocation = order.allocation.map(copyAllocation);
      return copy;
    });
  }

  appendUpdate(fields: NewUpdate): StatusUpdate {
    const sequence = this.#updates.length + 1;
    const base = { ...fields, sequence, eventId: `ev-${String(sequence).padStart(6, '0')}`, timestamp: new Date().toISOString() };
    const update: StatusUpdate = { ...base, xml: renderStatusUpdate(base) };
    this.#updates.push(update);
    return update;
  }

  /** Updates with a sequence greater than `after`, oldest first, at most `limit`. */
  feed(after: number, limit: number): StatusUpdate[] {
    return this.#updates.filter((update) => update.sequence > after).slice(0, limit);
  }

  updates(): StatusUpdate[] {
    return [...this.#updates];
  }
}

function copyAllocation(line: OmsLineAllocation): OmsLineAllocation {
  return { ...line, allocated: line.allocated.map((pick) => ({ ...pick })) };
}
