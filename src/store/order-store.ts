/**
 * Orders in Redis: the order hash (canonical order, status, version), the raw envelope,
 * the timeline, and the lookup indexes. Writes that must be atomic with a queue add are
 * queued onto a MULTI the caller executes (see pipeline/transaction.ts).
 */
import type { ChainableCommander } from 'ioredis';
import type { CanonicalOrder } from '../model/order.js';
import type { OrderStatus } from '../model/status.js';
import type { ChangeRecord } from '../model/order-change.js';
import { readLedger, type PaymentLedger } from '../model/payment-ledger.js';
import type { RawEnvelope } from '../sdk/connector.js';
import type { HubRedis } from './connection.js';
import type { DeliveryRecord } from './ledgers.js';
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
  /** The delivery ledger: each target's confirmed receipt for this order. */
  ledger: Record<string, DeliveryRecord>;
  /** What a person should know about the order (a card number masked at capture …). */
  flags?: OrderFlag[];
  /** For an order in review: what was made of it (the mapped order, or what a connector read). */
  candidate?: unknown;
  /** Changes asked for after capture, oldest first (see src/changes/). */
  changes: ChangeRecord[];
  /** The card payment: authorizations, captures, releases (see src/payments/). */
  payments: PaymentLedger;
}

/** Something about an order a person should see, set when it is captured. */
export interface OrderFlag {
  /** `CARD_NUMBER_MASKED`: a card number arrived where none belongs and was masked before anything was stored. */
  code: string;
  summary: string;
  at: string;
  /** Where in the payload (JSON pointers, XML element paths); never the value. */
  paths?: string[];
}

/**
 * A write that rides on an order change's script call, applied only if the change is:
 * a key pointing at the order, a sorted-set member, or the retention of a key
 * (time to live, no time to live, sorted-set members up to a score removed).
 */
export type IndexWrite =
  /** `ttlSeconds`: set with an expiry, in the same command. */
  | { op: 'set'; key: string; value: string; ttlSeconds?: number }
  | { op: 'zadd'; key: string; score: number; member: string }
  /** Several fields of a hash in one command, then its expiry when `ttlSeconds` is given. */
  | { op: 'hset'; key: string; fields: Record<string, string>; ttlSeconds?: number }
  | { op: 'expire'; key: string; seconds: number }
  | { op: 'persist'; key: string }
  | { op: 'trim'; key: string; maxScore: number }
  | { op: 'zrem'; key: string; member: string };

export interface CaptureInput {
  orderId: string;
  confirmation: string;
  source: string;
  channel: string;
  dedupKey: string;
  externalId: string;
  status: OrderStatus;
  raw: RawEnvelope;
  entries: TimelineEntry[];
  createdAt: string;
  /** The canonical order, when it was normalized at capture. */
  order?: CanonicalOrder;
  /** What the mapping made of an order sent to review, for the reviewer. */
  candidate?: unknown;
  /** Index entries written only if the order is created. */
  writes?: IndexWrite[];
  flags?: OrderFlag[];
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
  writes?: IndexWrite[];
}

export type CompareAndSetReply = 'applied' | 'conflict' | 'duplicate' | 'missing';

type Multi = ChainableCommander & Pick<HubRedis, 'hubCapture' | 'hubCompareAndSet'>;

/** The order-hash field of a target's delivery receipt: the delivery ledger lives with the order. */
const RECEIPT_FIELD_PREFIX = 'rcpt:';

export function receiptField(target: string): string {
  return `${RECEIPT_FIELD_PREFIX}${target}`;
}

function writeKeys(writes: IndexWrite[]): string[] {
  return writes.map((w) => w.key);
}

/** Three arguments per write, as the scripts read them: op, then one or two operands ('' when unused). */
function writeArgs(writes: IndexWrite[]): Array<string | number> {
  return writes.flatMap((w): Array<string | number> => {
    switch (w.op) {
      case 'set': return ['set', w.value, w.ttlSeconds ?? ''];
      case 'zadd': return ['zadd', w.score, w.member];
      case 'hset': return ['hset', JSON.stringify(Object.entries(w.fields).flat()), w.ttlSeconds ?? ''];
      case 'expire': return ['expire', w.seconds, ''];
      case 'persist': return ['persist', '', ''];
      case 'trim': return ['trim', w.maxScore, ''];
      case 'zrem': return ['zrem', w.member, ''];
    }
  });
}

export class OrderStore {
  constructor(
    readonly redis: HubRedis,
    readonly keys: Keys,
    private readonly dedupTtlSeconds: number,
  ) {}

  queueCapture(multi: ChainableCommander, input: CaptureInput): void {
    const k = this.keys;
    const writes = input.writes ?? [];
    const fields = Object.entries({
      status: JSON.stringify(input.status), v: String(input.status.version), source: input.source, channel: input.channel,
      createdAt: input.createdAt, ext: input.externalId, ...(input.order ? { order: JSON.stringify(input.order) } : {}),
      ...(input.candidate ? { candidate: JSON.stringify(input.candidate) } : {}),
      ...(input.flags?.length ? { flags: JSON.stringify(input.flags) } : {}),
    }).flat();
    (multi as Multi).hubCapture(
      5 + writes.length,
      k.dedup(input.source, input.dedupKey), k.order(input.orderId), k.raw(input.orderId), k.timeline(input.orderId),
      k.confirmation(input.confirmation), ...writeKeys(writes),
      input.orderId, input.confirmation, this.dedupTtlSeconds, k.order(''),
      input.raw.body, JSON.stringify(input.raw.meta), input.raw.contentType,
      fields.length / 2, ...fields,
      input.entries.length, ...input.entries.map((e) => JSON.stringify(e)),
      ...writeArgs(writes),
    );
  }

  static parseCaptureReply(reply: unknown): CaptureReply {
    const [code, orderId = '', confirmation = ''] = reply as [number, string?, string?];
    if (code === 2) return { outcome: 'code_collision' };
    return { outcome: code === 1 ? 'created' : 'duplicate', orderId, confirmation };
  }

  queueCompareAndSet(multi: ChainableCommander, input: CompareAndSetInput): void {
    (multi as Multi).hubCompareAndSet(...this.compareAndSetArgs(input));
  }

  /** The same compare-and-set as one script call, for a change that queues no job. */
  async compareAndSet(input: CompareAndSetInput): Promise<unknown> {
    return this.redis.hubCompareAndSet(...this.compareAndSetArgs(input));
  }

  private compareAndSetArgs(input: CompareAndSetInput): Array<string | number> {
    const k = this.keys;
    const fields = Object.entries(input.fields ?? {}).flat();
    const writes = input.writes ?? [];
    return [
      3 + writes.length, k.order(input.orderId), k.timeline(input.orderId), k.events(input.orderId), ...writeKeys(writes),
      String(input.expectedVersion), String(input.status.version), JSON.stringify(input.status), input.eventId ?? '',
      input.entries.length, ...input.entries.map((e) => JSON.stringify(e)), fields.length / 2, ...fields,
      ...writeArgs(writes),
    ];
  }

  static parseCompareAndSetReply(reply: unknown): CompareAndSetReply {
    switch (reply) {
      case 1: return 'applied';
      case 0: return 'conflict';
      case -1: return 'duplicate';
      default: return 'missing';
    }
  }

  /** Index entries of a normalized order: customer e-mail and phones (hashed keys), the channel's reference. */
  orderIndexWrites(order: CanonicalOrder): IndexWrite[] {
    const when = Date.parse(order.placedAt) || Date.now();
    const writes: IndexWrite[] = [];
    if (order.customer.email) writes.push({ op: 'zadd', key: this.keys.email(order.customer.email), score: when, member: order.hubOrderId });
    const phones = new Set([order.customer.phone, order.shipTo?.phone, order.billTo?.phone].filter(Boolean) as string[]);
    for (const phone of phones) writes.push({ op: 'zadd', key: this.keys.phone(phone), score: when, member: order.hubOrderId });
    if (order.externalId) writes.push(this.externalRefWrite(order.source, order.externalId, order.hubOrderId));
    return writes;
  }

  externalRefWrite(instance: string, ref: string, orderId: string): IndexWrite {
    return { op: 'set', key: this.keys.externalRef(instance, ref), value: orderId };
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
      ledger: ledgerOf(hash),
      flags: hash.flags ? (JSON.parse(hash.flags) as OrderFlag[]) : [],
      ...(hash.candidate ? { candidate: JSON.parse(hash.candidate) as unknown } : {}),
      changes: hash.changes ? (JSON.parse(hash.changes) as ChangeRecord[]) : [],
      payments: readLedger(hash.payments),
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

  /** Appends to an existing timeline (every order has one from capture); an expired order's is not brought back. */
  async appendTimeline(orderId: string, ...entries: TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.rpushx(this.keys.timeline(orderId), ...entries.map((e) => JSON.stringify(e)));
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

function ledgerOf(hash: Record<string, string>): Record<string, DeliveryRecord> {
  const ledger: Record<string, DeliveryRecord> = {};
  for (const [field, value] of Object.entries(hash)) {
    if (field.startsWith(RECEIPT_FIELD_PREFIX)) ledger[field.slice(RECEIPT_FIELD_PREFIX.length)] = JSON.parse(value) as DeliveryRecord;
  }
  return ledger;
}
