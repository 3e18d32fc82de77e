/**
 * The API's gate in front of Redis. A frozen Redis (a stopped process, a dead network
 * path) keeps its connection open and answers nothing, so each request would wait the
 * whole command time-out. Once a command has timed out, or while the connection is down,
 * the gate is shut: orders are refused at once with 503 `REDIS_UNAVAILABLE` (the sender
 * retries; duplicates are recognised). A background PING reopens it the moment Redis
 * answers again, without a restart.
 */
import type { Redis } from 'ioredis';
import { TransientError } from '../sdk/errors/index.js';

const PROBE_EVERY_MS = 250;
const RETRY_AFTER_MS = 2000;

export class RedisGate {
  private shut = false;
  private probing = false;

  constructor(private readonly redis: Redis, private readonly probeTimeoutMs = 1000) {}

  /** True when a command sent now can be expected to get an answer. */
  get open(): boolean {
    return !this.shut && this.redis.status === 'ready';
  }

  /** Throws a 503-mapped transient error when Redis cannot take a command now. */
  ensureOpen(): void {
    if (this.open) return;
    throw new TransientError('Redis does not answer: the order was not recorded', {
      code: 'REDIS_UNAVAILABLE', retryAfterMs: RETRY_AFTER_MS,
      hint: 'retry with the same payload in a few seconds: duplicates are recognised',
    });
  }

  /** Looks at a failed request: a Redis command time-out shuts the gate until a PING is answered. */
  observe(error: unknown): void {
    // ioredis's own message (Command.js): other time-outs (an SFTP check, an OMS) say nothing of Redis.
    if (!(error instanceof Error) || error.message !== 'Command timed out') return;
    this.shut = true;
    void this.probe();
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      while (this.shut) {
        if (await this.answers()) this.shut = false;
        else await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
      }
    } finally {
      this.probing = false;
    }
  }

  private async answers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), this.probeTimeoutMs); });
    try {
      return await Promise.race([this.redis.ping().then(() => true, () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
