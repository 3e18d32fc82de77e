/**
 * Ledgers that turn at-least-once jobs into exactly-once effects: the delivery ledger
 * (what each target confirmed for an order, a `rcpt:<target>` field of the order hash,
 * written in the same script call as the order's state change) and the notification
 * ledger (which status version each channel was told last, an `ntf:<instance>` field of
 * the order hash). They live in Redis with the order and survive restarts.
 */
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';
import { receiptField } from './order-store.js';

export interface DeliveryRecord {
  externalRef: string;
  at: string;
  attempt: number;
  /** The outbound mapping version that rendered what the target took (`id@version`), when one did. */
  mapping?: string;
}

export class Ledgers {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys) {}

  /** The order-hash field and value that record a receipt (see OrderChange.fields). */
  static receiptFields(target: string, record: DeliveryRecord): Record<string, string> {
    return { [receiptField(target)]: JSON.stringify(record) };
  }

  /** The highest status version this instance has been told about for this order. */
  async notifiedVersion(instance: string, orderId: string): Promise<number> {
    return Number((await this.redis.hget(this.keys.order(orderId), notifiedField(instance))) ?? -1);
  }

  /**
   * Keeps the highest version (a late retry of an older notice must not lower it), in a
   * field of the order hash so it lives and expires with the order; an order that is
   * gone (retention) is not brought back.
   */
  async recordNotified(instance: string, orderId: string, version: number): Promise<void> {
    await this.redis.hubNotified(this.keys.order(orderId), notifiedField(instance), version);
  }
}

/** The order-hash field holding the last status version told to `instance`. */
function notifiedField(instance: string): string {
  return `ntf:${instance}`;
}
