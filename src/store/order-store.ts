/**
 * Orders in Redis: the order hash (canonical order, status, version), the raw envelope,
 * the timeline, and the lookup indexes. Writes that must be atomic with a queue add are
 * queued onto a MULTI the caller executes (see pipeline/transaction.ts).
 */
import type { ChainableCommander } from 'ioredis';
import type { CanonicalOrder } from '../model/order.js';
import type { OrderStatus } from '../model/status.js';
import type { RawEnvelope } from '../sdk/connector.js';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';
import type { TimelineEntry } from './timeline.js';

export interface StoredOrder {
  hubOrderId: string;
  confirmation: string;
  source: string;
  channel: string;
  createdAt: string;
  externalId: string;
  order: CanonicalOrder | undefined;
  status: OrderStatus;
  version: number;
}

export interface CaptureInput {
  orderId: string;
  source: string;
  channel: string;
  dedupKey: string;
  externalId: string;
  candidateCodes: [string, string, string];
  status: OrderStatus;
  raw: RawEnvelope;
  entry: TimelineEntry;
  createdAt: string;
}

export type CaptureReply =
  | { outcome: 'created'; orderId: string; confirmation: string }
  | { outcome: 'duplicate'; orderId: string; confirmation: string }
  | { outcome: 'code_collision' };

export interface CompareAndSetInput {
  orderId: string;
  expectedVersion: number;
  status: OrderStatus;
  entries: TimelineEntry[];
  fields?: Record<string, string>;
  eventId?: string;
}

export type CompareAndSetReply = 'applied' | 'conflict' | 'duplicate' | 'missing';

type Multi = ChainableCommander & Pick<HubRedis, 'hubCapture' | 'hubCompareAndSet'>;

export class OrderStore {
  constructor(
    readonly redis: HubRedis,
    readonly keys: Keys,
    private readonly dedupTtlSeconds: number,
  ) {}

  queueCapture(multi: ChainableCommander, input: CaptureInput): void {
    const k = this.keys;
    (multi as Multi).hubCapture(
      k.dedup(input.source, input.dedupKey), k.order(input.orderId), k.raw(input.orderId), k.timeline(input.orderId),
      ...input.candidateCodes.map((c) => k.confirmation(c)),
      input.orderId, input.source, input.channel, JSON.stringify(input.status), input.raw.body,
      JSON.stringify(input.raw.meta), input.raw.contentType, JSON.stringify(input.entry), input.createdAt,
      this.dedupTtlSeconds, k.order(''), ...input.candidateCodes, input.externalId,
    );
  }

  static parseCaptureReply(reply: unknown): CaptureReply {
    const [code, orderId = '', confirmation = ''] = reply as [number, string?, string?];
    if (code === 2) return { outcome: 'code_collision' };
    return { outcome: code === 1 ? 'created' : 'duplicate', orderId, confirmation };
  }

  queueCompareAndSet(multi: ChainableCommander, input: CompareAndSetInput): void {
    const k = this.keys;
    const fields = Object.entries(input.fields ?? {}).flat();
    (multi as Multi).hubCompareAndSet(
      k.order(input.orderId), k.timeline(input.orderId), k.events(input.orderId),
      String(input.expectedVersion), String(input.status.version), JSON.stringify(input.status), input.eventId ?? '',
      input.entries.length, ...input.entries.map((e) => JSON.stringify(e)), ...fields,
    );
  }

  static parseCompareAndSetReply(reply: unknown): CompareAndSetReply {
    switch (reply) {
      case 1: return 'applied';
      case 0: return 'conflict';
      case -1: return 'duplicate';
      default: return 'missing';
    }
  }

  /** Indexes a normalized order by customer email and phone (hashed keys). */
  queueIndexes(multi: ChainableCommander, order: CanonicalOrder): void {
    const when = Date.parse(order.placedAt) || Date.now();
    if (order.customer.email) multi.zadd(this.keys.email(order.customer.email), when, order.hubOrderId);
    const phones = new Set([order.customer.phone, order.shipTo?.phone, order.billTo?.phone].filter(Boolean) as string[]);
    for (const phone of phones) multi.zadd(this.keys.phone(phone), when, order.hubOrderId);
  }

  queueExternalRef(multi: ChainableCommander, instance: string, ref: string, orderId: string): void {
    multi.set(this.keys.externalRef(instance, ref), orderId);
  }

  async get(orderId: string): Promise<StoredOrder | undefined> {
    const hash = await this.redis.hgetall(this.keys.order(orderId));
    if (!hash.status) return undefined;
    return {
      hubOrderId: orderId,
      confirmation: hash.conf ?? '',
      source: hash.source ?? '',
      channel: hash.channel ?? '',
      createdAt: hash.createdAt ?? '',
      externalId: hash.ext ?? '',
      order: hash.order ? (JSON.parse(hash.order) as CanonicalOrder) : undefined,
      status: JSON.parse(hash.status) as OrderStatus,
      version: Number(hash.v ?? 0),
    };
  }

  async getRaw(orderId: string): Promise<RawEnvelope | undefined> {
    const key = this.keys.raw(orderId);
    const [body, meta, type] = await Promise.all([
      this.redis.hgetBuffer(key, 'body'), this.redis.hget(key, 'meta'), this.redis.hget(key, 'type'),
    ]);
    if (!body) return undefined;
    return { body, contentType: type ?? 'application/octet-stream', meta: meta ? JSON.parse(meta) : {} };
  }

  async timeline(orderId: string): Promise<TimelineEntry[]> {
    const entries = await this.redis.lrange(this.keys.timeline(orderId), 0, -1);
    return entries.map((e) => JSON.parse(e) as TimelineEntry);
  }

  async appendTimeline(orderId: string, ...entries: TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.rpush(this.keys.timeline(orderId), ...entries.map((e) => JSON.stringify(e)));
  }

  async findByConfirmation(code: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.confirmation(code))) ?? undefined;
  }

  async findByExternalRef(instance: string, ref: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.externalRef(instance, ref))) ?? undefined;
  }

  async findByDedupKey(source: string, dedupKey: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.dedup(source, dedupKey))) ?? undefined;
  }

  async findByEmail(email: string, limit = 50): Promise<string[]> {
    return this.redis.zrevrange(this.keys.email(email), 0, limit - 1);
  }

  async findByPhone(phone: string, limit = 50): Promise<string[]> {
    return this.redis.zrevrange(this.keys.phone(phone), 0, limit - 1);
  }
}
