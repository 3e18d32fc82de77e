/**
 * Ledgers that turn at-least-once jobs into exactly-once effects: the delivery ledger
 * (what each target confirmed for an order, a `rcpt:<target>` field of the order hash,
 * written in the same script call as the order's state change) and the notification
 * ledger (which status versions each channel has been told). They live in Redis and
 * survive restarts.
 */
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';
import { receiptField } from './order-store.js';

export interface DeliveryRecord {
  externalRef: string;
  at: string;
  attempt: number;
}

export class Ledgers {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys) {}

  async delivery(target: string, orderId: string): Promise<DeliveryRecord | undefined> {
    const field = await this.redis.hget(this.keys.order(orderId), receiptField(target));
    return field ? (JSON.parse(field) as DeliveryRecord) : undefined;
  }

  /** The order-hash field and value that record a receipt (see OrderChange.fields). */
  static receiptFields(target: string, record: DeliveryRecord): Record<string, string> {
    return { [receiptField(target)]: JSON.stringify(record) };
  }

  /** The highest status version this instance has been told about for this order. */
  async notifiedVersion(instance: string, orderId: string): Promise<number> {
    return Number((await this.redis.get(this.keys.notified(instance, orderId))) ?? -1);
  }

  async recordNotified(instance: string, orderId: string, version: number): Promise<void> {
    // Keep the highest version: a late retry of an older notice must not lower it.
    await this.redis.eval(
      "local c = tonumber(redis.call('GET', KEYS[1]) or '-1') if tonumber(ARGV[1]) > c then redis.call('SET', KEYS[1], ARGV[1]) end return 1",
      1, this.keys.notified(instance, orderId), version,
    );
  }
}
