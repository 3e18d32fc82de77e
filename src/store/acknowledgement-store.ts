/**
 * Documents sent by connector instances that wait for the partner's acknowledgement (an
 * X12 997): each is kept (JSON, for the retention) with a place in one sorted set by due
 * time until its acknowledgement comes or a person dismisses it. What the acknowledgement
 * said goes on the order's timeline, once, however often the same acknowledgement is read.
 */
import type {
  AcknowledgementOutcome, Acknowledgements, AwaitedAcknowledgement, SettledAcknowledgement,
} from '../sdk/connector.js';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';
import { timelineEntry } from './timeline.js';

export type AcknowledgementState = 'awaiting' | AcknowledgementOutcome['verdict'] | 'dismissed';

export interface AcknowledgementRecord extends AwaitedAcknowledgement {
  instance: string;
  sentAt: string;
  state: AcknowledgementState;
  settledAt?: string;
  detail?: string;
  /** Who dismissed it. */
  actor?: string;
}

const MEMBER_SEPARATOR = ' ';

export class AcknowledgementStore {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys, private readonly keepSeconds: number) {}

  /** The instance's view: what its connector's context holds. */
  forInstance(instance: string): Acknowledgements {
    return {
      expect: (awaited) => this.expect(instance, awaited),
      settle: (key, outcome) => this.settle(instance, key, outcome),
    };
  }

  /** Records a sent document as waiting; sent again, it keeps its first record and due time. */
  async expect(instance: string, awaited: AwaitedAcknowledgement, now = new Date()): Promise<void> {
    const dueAt = Date.parse(awaited.dueAt);
    if (!Number.isFinite(dueAt)) throw new Error(`acknowledgement ${awaited.key} of ${instance}: dueAt "${awaited.dueAt}" is not a time`);
    const record: AcknowledgementRecord = { ...awaited, instance, sentAt: now.toISOString(), state: 'awaiting' };
    const created = await this.redis.set(this.keys.awaitedAck(instance, awaited.key), JSON.stringify(record), 'EX', this.keepSeconds, 'NX');
    if (created === 'OK') await this.redis.zadd(this.keys.acksDue(), 'NX', dueAt, member(instance, awaited.key));
  }

  async settle(instance: string, key: string, outcome: AcknowledgementOutcome, now = new Date()): Promise<SettledAcknowledgement> {
    const record = await this.get(instance, key);
    if (!record) return { known: false, duplicate: false };
    const first = await this.redis.set(this.keys.ackSettled(instance, key), outcome.verdict, 'EX', this.keepSeconds, 'NX');
    if (first !== 'OK') return { known: true, duplicate: true, awaited: record };
    const settled: AcknowledgementRecord = { ...record, state: outcome.verdict, settledAt: now.toISOString(), detail: outcome.detail };
    const late = Date.parse(record.dueAt) < now.getTime();
    const multi = this.redis.multi()
      .set(this.keys.awaitedAck(instance, key), JSON.stringify(settled), 'KEEPTTL')
      .zrem(this.keys.acksDue(), member(instance, key));
    if (record.hubOrderId) {
      multi.rpush(this.keys.timeline(record.hubOrderId), JSON.stringify(timelineEntry('notify',
        `${record.partner} acknowledged ${record.document}: ${outcome.verdict}${late ? ' (after its due time)' : ''}`,
        { instance, detail: { key, verdict: outcome.verdict, detail: outcome.detail } }, now)));
    }
    await multi.exec();
    return { known: true, duplicate: false, awaited: record };
  }

  /** A person gives up waiting (the partner confirmed another way): the document leaves the list. */
  async dismiss(instance: string, key: string, actor: string, now = new Date()): Promise<AcknowledgementRecord | undefined> {
    const record = await this.get(instance, key);
    if (!record || record.state !== 'awaiting') return undefined;
    const dismissed: AcknowledgementRecord = { ...record, state: 'dismissed', settledAt: now.toISOString(), actor };
    const multi = this.redis.multi()
      .set(this.keys.awaitedAck(instance, key), JSON.stringify(dismissed), 'KEEPTTL')
      .zrem(this.keys.acksDue(), member(instance, key));
    if (record.hubOrderId) {
      multi.rpush(this.keys.timeline(record.hubOrderId), JSON.stringify(timelineEntry('admin',
        `stopped waiting for ${record.partner}'s acknowledgement of ${record.document}`, { instance, actor, detail: { key } }, now)));
    }
    await multi.exec();
    return dismissed;
  }

  async get(instance: string, key: string): Promise<AcknowledgementRecord | undefined> {
    const text = await this.redis.get(this.keys.awaitedAck(instance, key));
    return text ? (JSON.parse(text) as AcknowledgementRecord) : undefined;
  }

  /** Documents still waiting, soonest due first; `dueBefore` (exclusive) keeps those due before it only. */
  async awaiting(options: { dueBefore?: number; limit?: number } = {}): Promise<AcknowledgementRecord[]> {
    const until = options.dueBefore === undefined ? '+inf' : `(${options.dueBefore}`;
    const members = await this.redis.zrangebyscore(this.keys.acksDue(), '-inf', until, 'LIMIT', 0, options.limit ?? 1000);
    if (members.length === 0) return [];
    const texts = await this.redis.mget(members.map((m) => this.keys.awaitedAck(...split(m))));
    const gone = members.filter((_, i) => texts[i] === null);
    // A record past the retention is gone: its place in the list goes too.
    if (gone.length > 0) await this.redis.zrem(this.keys.acksDue(), ...gone);
    return texts.filter((t): t is string => t !== null).map((t) => JSON.parse(t) as AcknowledgementRecord);
  }
}

function member(instance: string, key: string): string {
  return `${instance}${MEMBER_SEPARATOR}${key}`;
}

function split(value: string): [string, string] {
  const at = value.indexOf(MEMBER_SEPARATOR);
  return [value.slice(0, at), value.slice(at + 1)];
}
