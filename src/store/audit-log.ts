/**
 * The audit log: every operator action (replay, discard, pause, resume, re-upload,
 * log-in) with who, when, on what and why. A capped list in Redis, newest first.
 */
import type { Redis } from 'ioredis';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail?: Record<string, unknown>;
}

const KEEP = 10_000;

export class AuditLog {
  constructor(private readonly redis: Redis, private readonly key: string) {}

  async record(actor: string, action: string, subject: string, detail?: Record<string, unknown>): Promise<void> {
    const entry: AuditEntry = { at: new Date().toISOString(), actor, action, subject, ...(detail ? { detail } : {}) };
    await this.redis.multi().lpush(this.key, JSON.stringify(entry)).ltrim(this.key, 0, KEEP - 1).exec();
  }

  async list(limit = 100): Promise<AuditEntry[]> {
    const entries = await this.redis.lrange(this.key, 0, Math.min(limit, KEEP) - 1);
    return entries.map((e) => JSON.parse(e) as AuditEntry);
  }
}
