/**
 * Labels of booked parcels, kept so a warehouse or store can print them again: one hash
 * per tracking number (format, content type, bytes), kept as long as a finished order.
 */
import type { HubRuntime } from '../pipeline/runtime.js';

export interface StoredLabel {
  format: string;
  contentType: string;
  data: Buffer;
}

export async function saveLabels(runtime: HubRuntime, labels: Array<{ trackingNumber: string } & StoredLabel>): Promise<void> {
  const ttl = Math.round(runtime.config.retention.orderDays * 86400) + 30 * 86400;
  const multi = runtime.redis.multi();
  for (const label of labels) {
    const key = runtime.keys.label(label.trackingNumber);
    multi.hset(key, 'format', label.format, 'contentType', label.contentType, 'data', label.data).expire(key, ttl);
  }
  await multi.exec();
}

export async function readLabel(runtime: HubRuntime, trackingNumber: string): Promise<StoredLabel | undefined> {
  const key = runtime.keys.label(trackingNumber);
  const [meta, data] = await Promise.all([runtime.redis.hmget(key, 'format', 'contentType'), runtime.redis.hgetBuffer(key, 'data')]);
  if (!data || !meta[0] || !meta[1]) return undefined;
  return { format: meta[0], contentType: meta[1], data };
}
