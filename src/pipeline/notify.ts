/**
 * Notify: every status change fans out to the channel instance the order came from
 * and, when `notifications.customer` is set, to the customer; never back to the
 * instance that reported it. Each
 * notice carries the status as of its version; a notice older than one already sent
 * is dropped, so a channel never sees an order go backwards.
 */
import type { Job } from 'bullmq';
import type { OrderStatus } from '../model/status.js';
import type { ChangeNotice } from '../sdk/connector.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { notifyQueue } from './queue-names.js';
import type { JobSpec } from './queues.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

export interface NotifyJob {
  orderId: string;
  version: number;
  state: OrderStatus['state'];
  shipments: OrderStatus['shipments'];
  /** The order before the change, so a notice can say what changed (absent for a new order). */
  previous?: Pick<OrderStatus, 'state' | 'lines' | 'shipments'>;
  occurredAt: string;
  /** The answer to a change request, when the notice is about one. */
  change?: ChangeNotice;
}

/**
 * Notice jobs for a change that produced `status`: one for the channel the order came
 * from (never the instance that reported the change), and one for the customer when
 * `notifications.customer` names an instance.
 */
export function noticeJobs(runtime: HubRuntime, stored: StoredOrder, status: OrderStatus, reporter?: string): JobSpec[] {
  if (!changesWhatChannelsSee(stored.status, status)) return [];
  const previous = { state: stored.status.state, lines: stored.status.lines, shipments: stored.status.shipments };
  const source = runtime.instances.get(stored.source);
  const toChannel = source?.connector.notify && source.config.notify && source.id !== reporter ? [source] : [];
  return [...toChannel, ...customerNotifier(runtime, reporter)].map((instance) => noticeJob(instance, stored.hubOrderId, status, previous));
}

/**
 * Notice jobs for the answer to a change request: always sent (an accepted change of
 * address or variant changes nothing in the status, yet the customer must hear of it),
 * to the channel the order came from and to the customer, never to the reporter.
 */
export function changeNoticeJobs(runtime: HubRuntime, stored: StoredOrder, status: OrderStatus, change: ChangeNotice, reporter?: string): JobSpec[] {
  const previous = { state: stored.status.state, lines: stored.status.lines, shipments: stored.status.shipments };
  const source = runtime.instances.get(stored.source);
  const toChannel = source?.connector.notify && source.config.notify && source.id !== reporter ? [source] : [];
  return [...toChannel, ...customerNotifier(runtime, reporter)].map((instance) => noticeJob(instance, stored.hubOrderId, status, previous, change));
}

/** The notice job telling the customer about a new order, queued with the capture itself. */
export function newOrderNoticeJobs(runtime: HubRuntime, orderId: string, status: OrderStatus): JobSpec[] {
  return customerNotifier(runtime).map((instance) => noticeJob(instance, orderId, status, undefined));
}

function customerNotifier(runtime: HubRuntime, reporter?: string): LiveInstance[] {
  const id = runtime.config.notifications.customer;
  const instance = id === undefined ? undefined : runtime.instances.get(id);
  return instance?.connector.notify && instance.config.notify && instance.id !== reporter ? [instance] : [];
}

function noticeJob(instance: LiveInstance, orderId: string, status: OrderStatus, previous: NotifyJob['previous'], change?: ChangeNotice): JobSpec {
  const data: NotifyJob = {
    orderId, version: status.version, state: status.state, shipments: status.shipments,
    ...(previous ? { previous } : {}), occurredAt: new Date().toISOString(), ...(change ? { change } : {}),
  };
  return {
    queue: notifyQueue(instance.id),
    name: 'notify',
    data: data as unknown as Record<string, unknown>,
    jobId: `${orderId}-v${status.version}`,
    options: { attempts: instance.config.retry.attempts, backoff: { type: 'hub' } },
  };
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
  // Per version for messages of their own, else one high-water mark per instance.
  const ledgerName = instance.connector.notices === 'every-change' ? `${instanceId}#v${version}` : instanceId;
  if ((await runtime.ledgers.notifiedVersion(ledgerName, orderId)) >= version) return 'already told (this version or a newer one)';
  const stored = await runtime.store.get(orderId);
  if (!stored?.order || stored.version < version) return 'nothing to tell';
  const status: OrderStatus = { ...stored.status, state: job.data.state, version, shipments: job.data.shipments };
  const outcome = await instance.connector.notify({
    order: stored.order,
    status,
    state: job.data.state,
    idempotencyKey: `${orderId}:${version}`,
    occurredAt: job.data.occurredAt,
    ...(job.data.previous ? { previous: job.data.previous } : {}),
    ...(job.data.change ? { change: job.data.change } : {}),
  });
  await runtime.ledgers.recordNotified(ledgerName, orderId, version);
  await runtime.store.appendTimeline(orderId, timelineEntry('notify', outcome?.summary ?? `told ${instanceId}: ${job.data.state}`, {
    instance: instanceId, detail: { version, ...outcome?.detail },
  }));
  return 'notified';
}
