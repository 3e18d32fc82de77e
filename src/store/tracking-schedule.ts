/**
 * When to ask a carrier about each parcel it follows: a sorted set per instance (score:
 * when next) and the wait each parcel is at now. News brings a parcel back to the
 * shortest wait; every quiet look doubles it up to the longest; a parcel delivered,
 * returned or voided is no longer asked about. See lua/tracking.ts for the claim.
 */
import type { Redis } from 'ioredis';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

export interface Cadence {
  everyMs: number;
  maxEveryMs: number;
}

export type LookOutcome = 'news' | 'quiet' | 'done';

export class TrackingSchedule {
  constructor(private readonly redis: Redis, private readonly keys: Keys) {}

  /** Due parcels, claimed for `leaseMs`. */
  claim(instance: string, now: number, leaseMs: number, limit: number): Promise<string[]> {
    return (this.redis as HubRedis).hubTrackClaim(this.keys.trackingDue(instance), now, leaseMs, limit);
  }

  /** After a look: when to look next (undefined: never again). */
  async after(instance: string, trackingNumber: string, outcome: LookOutcome, cadence: Cadence, now: number): Promise<number | undefined> {
    const due = this.keys.trackingDue(instance);
    const every = this.keys.trackingEvery(instance);
    if (outcome === 'done') {
      await this.redis.multi().zrem(due, trackingNumber).hdel(every, trackingNumber).exec();
      return undefined;
    }
    const waited = Number(await this.redis.hget(every, trackingNumber)) || cadence.everyMs;
    const wait = outcome === 'news' ? cadence.everyMs : Math.min(cadence.maxEveryMs, Math.max(cadence.everyMs, waited) * 2);
    await this.redis.multi().zadd(due, 'XX', String(now + wait), trackingNumber).hset(every, trackingNumber, String(wait)).exec();
    return wait;
  }

  /** The carrier could not answer: ask again about these after `ms`, at their current wait. */
  async postpone(instance: string, trackingNumbers: string[], now: number, ms: number): Promise<void> {
    if (trackingNumbers.length === 0) return;
    const multi = this.redis.multi();
    for (const number of trackingNumbers) multi.zadd(this.keys.trackingDue(instance), 'XX', String(now + ms), number);
    await multi.exec();
  }

  /** When each followed parcel is due, soonest first (for the console and tests). */
  async dueTimes(instance: string): Promise<Array<{ trackingNumber: string; dueAt: number; everyMs: number | undefined }>> {
    const [pairs, every] = await Promise.all([
      this.redis.zrange(this.keys.trackingDue(instance), '0', '-1', 'WITHSCORES'),
      this.redis.hgetall(this.keys.trackingEvery(instance)),
    ]);
    const rows: Array<{ trackingNumber: string; dueAt: number; everyMs: number | undefined }> = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const number = pairs[i]!;
      rows.push({ trackingNumber: number, dueAt: Number(pairs[i + 1]), everyMs: every[number] ? Number(every[number]) : undefined });
    }
    return rows;
  }
}
