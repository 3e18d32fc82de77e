/**
 * Where the scrape-time gauges of `src/obs/metrics.ts` read their values: one
 * `getJobCounts` and one `getWaiting(0, 0)` per queue of the topology, one HGET per
 * target's breaker, and one ZRANGE of the dead-letter ids (an id is `<queue>.<order>`,
 * so the instance is known without reading the letters).
 */
import type { GaugeSources } from '../obs/metrics.js';
import type { HubRedis } from '../store/connection.js';
import type { Keys } from '../store/keys.js';
import type { Queues } from './queues.js';
import type { LiveInstance } from './runtime.js';
import { topologyQueues, type QueueRole } from './topology.js';

export interface GaugeDeps {
  redis: HubRedis;
  keys: Keys;
  queues: Queues;
  instances: Map<string, LiveInstance>;
}

export function pipelineGauges(deps: GaugeDeps): GaugeSources {
  const roles = () => topologyQueues(deps.instances.values());
  return {
    queueCounts: () => Promise.all(roles().map(async ({ queue }) => ({
      queue,
      counts: await deps.queues.get(queue).getJobCounts('waiting', 'active', 'delayed', 'failed'),
    }))),
    oldestWaitingSeconds: () => Promise.all(roles().map(async ({ queue }) => ({
      queue,
      seconds: ageSeconds(await oldestWaitingAt(deps.queues, queue)),
    }))),
    circuits: () => Promise.all(targets(roles()).map(async (target) => ({
      target,
      open: (await deps.redis.hget(deps.keys.breaker(target), 'state')) === 'open',
    }))),
    deadLetters: async () => countByInstance(roles(), await deps.redis.zrange(deps.keys.deadLetters(), '0', '-1')),
  };
}

/** Creation time (epoch ms) of the oldest waiting job of a queue, if one waits. */
export async function oldestWaitingAt(queues: Queues, queue: string): Promise<number | undefined> {
  const [oldest] = await queues.get(queue).getWaiting(0, 0);
  return oldest?.timestamp;
}

export function ageSeconds(since: number | undefined, now = Date.now()): number {
  return since === undefined ? 0 : Math.max(0, (now - since) / 1000);
}

/** Dead letters per queue, from their ids (`<queue>.<subject>`). */
export function countByQueue(roles: QueueRole[], ids: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const role = roles.find((r) => id.startsWith(`${r.queue}.`));
    if (role) counts.set(role.queue, (counts.get(role.queue) ?? 0) + 1);
  }
  return counts;
}

function countByInstance(roles: QueueRole[], ids: string[]): Array<{ instance: string; count: number }> {
  const perQueue = countByQueue(roles, ids);
  const perInstance = new Map<string, number>();
  for (const role of roles) perInstance.set(role.instance, (perInstance.get(role.instance) ?? 0) + (perQueue.get(role.queue) ?? 0));
  return [...perInstance].map(([instance, count]) => ({ instance, count }));
}

function targets(roles: QueueRole[]): string[] {
  return [...new Set(roles.filter((r) => r.stage === 'deliver' || r.stage === 'notify' || r.stage === 'payment').map((r) => r.instance))];
}
