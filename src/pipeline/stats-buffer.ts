/**
 * Queue statistics and per-target attempt counts, gathered in memory by the workers of
 * one process and written to Redis in one transaction per interval (1 s) instead of
 * one per job. What they feed (per-minute rates, 15-minute latency percentiles and
 * failure rates, alert windows of minutes) is minute-scale, so a second's delay
 * changes nothing an operator sees; a crash loses at most one interval of statistics,
 * never an order. Closing flushes what is left.
 */
import { queueTargetAttempts } from '../alerts/attempt-counter.js';
import type { HubRedis } from '../store/connection.js';
import { queueAttemptStats, type Attempt } from './queue-stats.js';

export const STATS_FLUSH_MS = 1000;

interface TargetCount {
  target: string;
  minute: number;
  attempts: number;
  failures: number;
}

export class StatsBuffer {
  private attempts = new Map<string, Attempt[]>();
  private targets = new Map<string, TargetCount>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly redis: HubRedis, private readonly prefix: string) {}

  /** One finished attempt of a job on `queue`. */
  record(queue: string, attempt: Attempt): void {
    const list = this.attempts.get(queue);
    if (list) list.push(attempt);
    else this.attempts.set(queue, [attempt]);
  }

  /** One attempt at a target, for failure_rate alerts. */
  countTarget(target: string, failed: boolean, at = Date.now()): void {
    const minute = Math.floor(at / 60_000);
    const id = `${target}\n${minute}`;
    const count = this.targets.get(id) ?? { target, minute, attempts: 0, failures: 0 };
    count.attempts++;
    if (failed) count.failures++;
    this.targets.set(id, count);
  }

  start(intervalMs = STATS_FLUSH_MS): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Writes what was gathered in one transaction; best effort, a failed write is dropped. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.attempts.size === 0 && this.targets.size === 0) return;
    const attempts = this.attempts;
    const targets = this.targets;
    this.attempts = new Map();
    this.targets = new Map();
    const multi = this.redis.multi();
    for (const [queue, list] of attempts) queueAttemptStats(multi, this.prefix, queue, list);
    for (const count of targets.values()) queueTargetAttempts(multi, this.prefix, count.target, count.minute, count.attempts, count.failures);
    await multi.exec().catch(() => undefined);
  }
}
