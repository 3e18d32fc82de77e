/**
 * Filed items: what arrived on an order channel but is not an order (bounces,
 * auto-replies, spam), kept with the reason and the original bytes for the retention
 * period, listed newest first for the console and the API. Filing is idempotent per
 * source and dedup key, like capture.
 */
import { randomBytes } from 'node:crypto';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';
import type { TimelineEntry } from './timeline.js';

export interface FiledRecord {
  id: string;
  source: string;
  kind: string;
  reason: string;
  contentType: string;
  at: string;
  meta: Record<string, string>;
  /** The order it concerns (a bounced notice), when known. */
  hubOrderId?: string;
}

export interface FileInput extends FiledRecord {
  dedupKey: string;
  body: Buffer;
  /** Appended to the timeline of `hubOrderId` in the same step. */
  note?: TimelineEntry;
}

export class FiledItems {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys, private readonly ttlSeconds: number) {}

  /** Files the item unless its dedup key was filed before; returns the item's id either way. */
  async file(input: FileInput): Promise<{ id: string; duplicate: boolean }> {
    const id = input.id;
    const fields: Record<string, string> = {
      id, source: input.source, kind: input.kind, reason: input.reason, contentType: input.contentType,
      at: input.at, meta: JSON.stringify(input.meta), ...(input.hubOrderId ? { hubOrderId: input.hubOrderId } : {}),
    };
    const timeline = input.hubOrderId ? this.keys.timeline(input.hubOrderId) : this.keys.filed();
    const [created, filedId] = await this.redis.hubFileItem(
      this.keys.filedDedup(input.source, input.dedupKey), this.keys.filedItem(id), this.keys.filed(), timeline,
      id, this.ttlSeconds, Date.parse(input.at), input.body, input.note && input.hubOrderId ? JSON.stringify(input.note) : '',
      ...Object.entries(fields).flat(),
    );
    return { id: String(filedId), duplicate: Number(created) === 0 };
  }

  /** Newest first; items whose retention ran out are dropped from the index as they are met. */
  async list(limit = 100): Promise<FiledRecord[]> {
    const ids = await this.redis.zrevrange(this.keys.filed(), 0, limit - 1);
    // Sent together, not one round trip after another.
    const found = await Promise.all(ids.map((id) => this.get(id)));
    const expired = ids.filter((_, i) => !found[i]);
    if (expired.length > 0) await this.redis.zrem(this.keys.filed(), ...expired);
    return found.filter((record): record is FiledRecord => record !== undefined);
  }

  async get(id: string): Promise<FiledRecord | undefined> {
    const [source, kind, reason, contentType, at, meta, hubOrderId] = await this.redis.hmget(
      this.keys.filedItem(id), 'source', 'kind', 'reason', 'contentType', 'at', 'meta', 'hubOrderId');
    if (!source || !kind) return undefined;
    return {
      id, source, kind, reason: reason ?? '', contentType: contentType ?? 'application/octet-stream', at: at ?? '',
      meta: meta ? (JSON.parse(meta) as Record<string, string>) : {}, ...(hubOrderId ? { hubOrderId } : {}),
    };
  }

  async raw(id: string): Promise<Buffer | undefined> {
    return (await this.redis.hgetBuffer(this.keys.filedItem(id), 'raw')) ?? undefined;
  }

  async count(): Promise<number> {
    return this.redis.zcard(this.keys.filed());
  }
}

/** Sortable and unguessable: `F` + time (base 36) + random. */
export function newFiledId(at: number): string {
  return `F${(Number.isFinite(at) ? at : Date.now()).toString(36)}${randomBytes(5).toString('hex')}`;
}
