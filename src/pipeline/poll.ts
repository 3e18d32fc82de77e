/**
 * Pull channels: each instance with a poller gets a BullMQ job scheduler, so a poll
 * runs once across however many worker processes there are. A poll captures what it
 * found, applies the status events, and only then saves the cursor: a crash re-reads,
 * and the dedup ledger makes the re-read harmless.
 */
import type { Job } from 'bullmq';
import { captureOrder } from './capture.js';
import { POLL_QUEUE } from './queue-names.js';
import { requireInstance, type HubRuntime } from './runtime.js';
import { applyStatusEvents } from './status-in.js';

export interface PollJob {
  instance: string;
}

const MAX_PAGES_PER_RUN = 20;

export async function schedulePolls(runtime: HubRuntime): Promise<void> {
  const queue = runtime.queues.get(POLL_QUEUE);
  const wanted = new Set<string>();
  for (const instance of runtime.instances.values()) {
    const poller = instance.connector.poll;
    if (!poller) continue;
    const schedulerId = `poll-${instance.id}`;
    wanted.add(schedulerId);
    await queue.upsertJobScheduler(schedulerId, { every: poller.intervalMs }, {
      name: 'poll', data: { instance: instance.id } satisfies PollJob, opts: { removeOnComplete: true, removeOnFail: 100 },
    });
  }
  for (const scheduler of await queue.getJobSchedulers()) {
    if (scheduler.key && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
}

export async function processPoll(runtime: HubRuntime, job: Job<PollJob>): Promise<string> {
  const instance = requireInstance(runtime, job.data.instance);
  const poller = instance.connector.poll;
  if (!poller) return 'instance does not poll';
  const cursorKey = runtime.keys.cursor(instance.id);
  let orders = 0;
  let events = 0;
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const cursor = (await runtime.redis.get(cursorKey)) ?? undefined;
    const result = await poller.run(cursor);
    for (const envelope of result.orders ?? []) {
      await captureOrder(runtime, instance, envelope);
      orders++;
    }
    if (result.events?.length) {
      const outcomes = await applyStatusEvents(runtime, instance.id, result.events);
      const unknown = outcomes.filter((o) => o.outcome === 'unknown_order').map((o) => o.eventId);
      if (unknown.length > 0) runtime.log.warn({ connector: instance.id, stage: 'status', events: unknown }, 'status events for unknown orders');
      events += result.events.length;
    }
    if (result.cursor !== undefined && result.cursor !== cursor) await runtime.redis.set(cursorKey, result.cursor);
    await result.afterCommit?.();
    if (!result.more) break;
  }
  return `polled ${instance.id}: ${orders} order(s), ${events} event(s)`;
}
