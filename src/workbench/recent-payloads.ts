/**
 * Real payloads as workbench samples: the newest orders of the instances that use a
 * mapping (an instance with forms: only the envelopes of the form this mapping reads),
 * and one order's raw envelope parsed by its instance's connector as the hub parses it
 * (evaluate-order.ts), then masked (./mask-sample.ts) before anyone sees it.
 */
import type { InstanceConfig } from '../config/hub-config.js';
import { readEnvelope } from '../pipeline/evaluate-order.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { recentOrders, type RecentOrder } from '../store/recent-orders.js';
import type { InboundMapping } from './inbound-mappings.js';
import { maskSample } from './mask-sample.js';

export const RECENT_LIMIT = 20;

export type MaskedPayload =
  | { ok: true; order: RecentOrder; sample: string; doubts: string[] }
  | { ok: false; problem: string };

export function recentOrdersOf(runtime: HubRuntime, entry: InboundMapping): Promise<RecentOrder[]> {
  return recentOrders(runtime.redis, runtime.keys, {
    sources: new Set(entry.instances),
    limit: RECENT_LIMIT,
    keep: (order) => readsWith(runtime, entry, order),
  });
}

export async function maskedPayload(runtime: HubRuntime, entry: InboundMapping, hubOrderId: string): Promise<MaskedPayload> {
  const stored = await runtime.store.get(hubOrderId);
  const instance = stored ? runtime.instances.get(stored.source) : undefined;
  const order = stored && { hubOrderId, confirmation: stored.confirmation, source: stored.source, createdAt: stored.createdAt };
  if (!order || !instance || !entry.instances.includes(order.source) || !(await readsWith(runtime, entry, order))) {
    return { ok: false, problem: `Order ${hubOrderId} is not an order of an instance that uses ${entry.mapping.id}.` };
  }
  const raw = await runtime.store.getRaw(hubOrderId);
  if (!raw) return { ok: false, problem: `The payload of order ${order.confirmation} is no longer kept.` };
  const parsed = await readEnvelope(instance, raw);
  if ('problem' in parsed) return { ok: false, problem: `Instance ${instance.id} cannot read the payload of order ${order.confirmation}: ${parsed.problem}.` };
  const doubts = 'doubts' in parsed ? parsed.doubts : [];
  return { ok: true, order, sample: JSON.stringify(maskSample(parsed.data), null, 2), doubts };
}

/** Whether the order's envelope is mapped with this mapping (for an instance with forms, by the form it came as). */
async function readsWith(runtime: HubRuntime, entry: InboundMapping, order: RecentOrder): Promise<boolean> {
  const config = runtime.config.instances.get(order.source);
  if (!config) return false;
  if (Object.keys(config.mappings.forms ?? {}).length === 0) return config.mappings.inbound === entry.file;
  return mappingFileOf(config, await envelopeForm(runtime, order.hubOrderId)) === entry.file;
}

function mappingFileOf(config: InstanceConfig, form: string | undefined): string | undefined {
  return form ? config.mappings.forms?.[form] : config.mappings.inbound;
}

async function envelopeForm(runtime: HubRuntime, hubOrderId: string): Promise<string | undefined> {
  const meta = await runtime.redis.hget(runtime.keys.raw(hubOrderId), 'meta');
  const form: unknown = meta ? (JSON.parse(meta) as Record<string, unknown>).form : undefined;
  return typeof form === 'string' ? form : undefined;
}
