/**
 * What an operator needs to know about each target: its queue (waiting, active,
 * delayed, failed), its circuit breaker, its last success and last error, and its
 * dead letters.
 */
import { readBreaker, type BreakerState } from './circuit-breaker.js';
import { deliverQueue, notifyQueue } from './queue-names.js';
import type { HubRuntime } from './runtime.js';

export interface TargetHealth {
  instance: string;
  connector: string;
  role: 'deliver' | 'notify';
  queue: string;
  counts: Record<string, number>;
  paused: boolean;
  breaker: BreakerState;
  deadLetters: number;
}

export async function targetHealth(runtime: HubRuntime): Promise<TargetHealth[]> {
  const letters = await runtime.deadLetters.list(10_000);
  const rows: TargetHealth[] = [];
  for (const instance of runtime.instances.values()) {
    const roles: Array<['deliver' | 'notify', string]> = [];
    if (instance.connector.deliver || instance.connector.deliverBatch) roles.push(['deliver', deliverQueue(instance.id)]);
    if (instance.connector.notify) roles.push(['notify', notifyQueue(instance.id)]);
    for (const [role, queue] of roles) {
      rows.push({
        instance: instance.id,
        connector: instance.config.connector,
        role,
        queue,
        counts: await runtime.queues.get(queue).getJobCounts('waiting', 'active', 'delayed', 'failed'),
        paused: await runtime.queues.get(queue).isPaused(),
        breaker: await readBreaker(runtime, instance.id),
        deadLetters: letters.filter((l) => l.queue === queue).length,
      });
    }
  }
  return rows;
}
