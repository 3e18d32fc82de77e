/**
 * Notify: every status change fans out to the channel instance the order came from
 * (and, later, to the customer), never back to the instance that reported it. Each
 * notice carries the status as of its version; a notice older than one already sent
 * is dropped, so a channel never sees an order go backwards.
 */
import type { Job } from 'bullmq';
import type { OrderStatus } from '../model/status.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { notifyQueue } from './queue-names.js';
import type { JobSpec } from './queues.js';
import type { HubRuntime } from './runtime.js';

export interface NotifyJob {
  orderId: string;
  version: number;
  state: OrderStatus['state'];
  shipments: OrderStatus['shipments'];
  occurredAt: string;
}

/** Notice jobs for a change that produced `status`, excluding the reporting instance. */
export function noticeJobs(runtime: HubRuntime, stored: StoredOrder, status: OrderStatus, reporter?: string): JobSpec[] {
  const source = runtime.instances.get(stored.source);
  if (!source?.connector.notify || !source.config.notify || source.id === reporter) return [];
  if (!changesWhatChannelsSee(stored.status, status)) return [];
  const data: NotifyJob = {
    orderId: stored.hubOrderId, version: status.version, state: status.state,
    shipments: status.shipments, occurredAt: new Date().toISOString(),
  };
  return [{
    queue: notifyQueue(source.id),
    name: 'notify',
    data: data as unknown as Record<string, unknown>,
    jobId: `${stored.hubOrderId}-v${status.version}`,
    options: { attempts: source.config.retry.attempts, backoff: { type: 'hub' } },
  }];
}

/**
 * A change a channel would not notice (a receipt recorded after the OMS already
 * acknowledged the order, an event timestamp) sends no notice: the channel would be
 * told the same state twice.
 */
function changesWhatChannelsSee(before: OrderStatus, after: OrderStatus): boolean {
  return before.state !== after.state
    || JSON.stringify(before.shipments) !== JSON.stringify(after.shipments)
    || JSON.stringify(before.lines) !== JSON.stringify(after.lines);
}

export async function processNotify(runtime: HubRuntime, instanceId: string, job: Job<NotifyJob>): Promise<string> {
  const { orderId, version } = job.data;
  const instance = runtime.instances.get(instanceId);
  if (!instance?.connector.notify) return 'instance cannot notify';
  if ((await runtime.ledgers.notifiedVersion(instanceId, orderId)) >= version) return 'already told a newer state';
  const stored = await runtime.store.get(orderId);
  if (!stored?.order || stored.version < version) return 'nothing to tell';
  const status: OrderStatus = { ...stored.status, state: job.data.state, version, shipments: job.data.shipments };
  await instance.connector.notify({
    order: stored.order,
    status,
    state: job.data.state,
    idempotencyKey: `${orderId}:${version}`,
    occurredAt: job.data.occurredAt,
  });
  await runtime.ledgers.recordNotified(instanceId, orderId, version);
  await runtime.store.appendTimeline(orderId, timelineEntry('notify', `told ${instanceId}: ${job.data.state}`, {
    instance: instanceId, detail: { version },
  }));
  return 'notified';
}
