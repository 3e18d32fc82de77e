/**
 * Dead letters: jobs that failed for good, kept with the error, the stage and what a
 * person should do, until replayed or discarded. Sorted by time for listing.
 */
import type { MappingRef } from '../mapping/index.js';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

export interface DeadLetter {
  id: string;
  orderId: string;
  stage: 'normalize' | 'deliver' | 'notify' | 'payment';
  instance: string;
  queue: string;
  /** BullMQ job name, to replay the same kind of job (deliver, upload, …). */
  jobName: string;
  errorKind: string;
  errorCode: string;
  message: string;
  hint: string;
  attempts: number;
  at: string;
  /** Job data to re-enqueue on replay. */
  job: Record<string, unknown>;
  /** The mapping version the failed job rendered with (deliveries rendered by an outbound mapping). */
  mapping?: MappingRef;
}

export class DeadLetters {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys) {}

  static idFor(queue: string, orderId: string): string {
    return `${queue}.${orderId}`;
  }

  async put(letter: DeadLetter): Promise<void> {
    await this.redis
      .multi()
      .set(this.keys.deadLetter(letter.id), JSON.stringify(letter))
      .zadd(this.keys.deadLetters(), Date.parse(letter.at), letter.id)
      .exec();
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const text = await this.redis.get(this.keys.deadLetter(id));
    return text ? (JSON.parse(text) as DeadLetter) : undefined;
  }

  async list(limit = 100): Promise<DeadLetter[]> {
    const ids = await this.redis.zrevrange(this.keys.deadLetters(), 0, limit - 1);
    if (ids.length === 0) return [];
    const texts = await this.redis.mget(ids.map((id) => this.keys.deadLetter(id)));
    return texts.filter((t): t is string => t !== null).map((t) => JSON.parse(t) as DeadLetter);
  }

  async remove(id: string): Promise<void> {
    await this.redis.multi().del(this.keys.deadLetter(id)).zrem(this.keys.deadLetters(), id).exec();
  }

  async count(): Promise<number> {
    return this.redis.zcard(this.keys.deadLetters());
  }
}
