/**
 * Filing: an inbound item that is not an order (a bounce, an auto-reply, spam) is kept
 * with its reason and original bytes, once per dedup key, and never becomes an order.
 * A bounce of one of our notices is noted on that order's timeline in the same step.
 * Card numbers are masked in the bytes first, as for orders.
 */
import type { FiledItem, FiledReceipt } from '../sdk/connector.js';
import { newFiledId } from '../store/filed-items.js';
import { timelineEntry } from '../store/timeline.js';
import { maskCardNumbersInEnvelope } from './card-numbers.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

export async function fileItem(runtime: HubRuntime, instance: LiveInstance, item: FiledItem): Promise<FiledReceipt> {
  const now = new Date();
  const { envelope } = await maskCardNumbersInEnvelope(
    { dedupKey: item.dedupKey, contentType: item.contentType, body: item.body, ...(item.meta ? { meta: item.meta } : {}) }, () => undefined);
  const id = newFiledId(now.getTime());
  const about = item.about;
  const { id: filedId, duplicate } = await runtime.filed.file({
    id, source: instance.id, dedupKey: item.dedupKey, kind: item.kind, reason: item.reason, contentType: item.contentType,
    at: now.toISOString(), meta: envelope.meta ?? {}, body: envelope.body,
    ...(about ? {
      hubOrderId: about.hubOrderId,
      note: timelineEntry('notify', about.note, { instance: instance.id, detail: { ...about.detail, filed: id } }, now),
    } : {}),
  });
  if (!duplicate) {
    runtime.log.info({ connector: instance.id, stage: 'capture', filed: filedId, kind: item.kind, ...(about ? { orderId: about.hubOrderId } : {}) },
      `filed, not an order: ${item.reason}`);
  }
  return { filedId, duplicate };
}
