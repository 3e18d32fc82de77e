/**
 * The queues of the topology as data: which queue exists for which stage and instance
 * (normalize, deliver-<target>, notify-<instance>, payment-<gateway>, poll), for gauges, health views and
 * the worker wrapper that labels its observations.
 */
import type { LiveInstance } from './runtime.js';
import { NORMALIZE_QUEUE, POLL_QUEUE, deliverQueue, notifyQueue, paymentQueue } from './queue-names.js';

export type QueueStage = 'normalize' | 'deliver' | 'notify' | 'payment' | 'poll';

export interface QueueRole {
  queue: string;
  stage: QueueStage;
  /** The instance the queue serves: the target for deliver and notify, `hub` for normalize and poll. */
  instance: string;
}

/** Every queue the workers of this configuration consume, in a stable order. */
export function topologyQueues(instances: Iterable<LiveInstance>): QueueRole[] {
  const roles: QueueRole[] = [{ queue: NORMALIZE_QUEUE, stage: 'normalize', instance: 'hub' }];
  for (const instance of instances) {
    if (instance.connector.deliver || instance.connector.deliverBatch) {
      roles.push({ queue: deliverQueue(instance.id), stage: 'deliver', instance: instance.id });
    }
    if (instance.connector.notify) roles.push({ queue: notifyQueue(instance.id), stage: 'notify', instance: instance.id });
    if (instance.connector.payments) roles.push({ queue: paymentQueue(instance.id), stage: 'payment', instance: instance.id });
  }
  roles.push({ queue: POLL_QUEUE, stage: 'poll', instance: 'hub' });
  return roles;
}

/** The role of a queue from its name (the inverse of queue-names.ts). */
export function roleOfQueue(queue: string): QueueRole {
  if (queue === NORMALIZE_QUEUE) return { queue, stage: 'normalize', instance: 'hub' };
  if (queue === POLL_QUEUE) return { queue, stage: 'poll', instance: 'hub' };
  for (const stage of ['deliver', 'notify', 'payment'] as const) {
    if (queue.startsWith(`${stage}-`)) return { queue, stage, instance: queue.slice(stage.length + 1) };
  }
  throw new Error(`queue ${queue} is not part of the topology`);
}
