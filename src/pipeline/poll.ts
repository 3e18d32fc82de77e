/**
 * Pull channels: each instance with a poller gets a BullMQ job scheduler, so a poll
 * runs once across however many worker processes there are (carriers that are asked
 * about their parcels get one too, `track-<instance>`: see carriers/track-parcels.ts). A poll captures what it
 * found, applies the status events, and only then saves the cursor: a crash re-reads,
 * and the dedup ledger makes the re-read harmless.
 *
 * A source that can push (IMAP IDLE) wakes the poll at once through `watch`; the
 * schedule stays as the safety net for a watch that missed something.
 */
import { takeChangeAsk } from '../changes/change-by-message.js';
import type { Job } from 'bullmq';
import { captureOrder } from './capture.js';
import { fileItem } from './file-item.js';
import { POLL_QUEUE } from './queue-names.js';
import { requireInstance, type HubRuntime } from './runtime.js';
import { applyStatusEvents } from './status-in.js';
import { trackingSchedulers } from '../carriers/track-parcels.js';

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
  for (const tracker of trackingSchedulers(runtime)) {
    wanted.add(tracker.id);
    await queue.upsertJobScheduler(tracker.id, { every: tracker.everyMs }, {
      name: 'track', data: tracker.data, opts: { removeOnComplete: true, removeOnFail: 100 },
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
  let filed = 0;
  let changes = 0;
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const cursor = (await runtime.redis.get(cursorKey)) ?? undefined;
    const result = await poller.run(cursor);
    for (const envelope of result.orders ?? []) {
      await captureOrder(runtime, instance, envelope);
      orders++;
    }
    for (const update of result.stock ?? []) await runtime.stockView.apply(update);
    for (const item of result.filed ?? []) {
      await fileItem(runtime, instance, item);
      filed++;
    }
    for (const ask of result.changes ?? []) {
      await takeChangeAsk(runtime, instance, ask);
      changes++;
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
  return `polled ${instance.id}: ${orders} order(s), ${events} event(s)${filed > 0 ? `, ${filed} filed` : ''}${changes > 0 ? `, ${changes} change request(s)` : ''}`;
}

/** Wakes of one instance within this window share one poll job. */
const WAKE_WINDOW_MS = 250;

/**
 * Starts every instance's watch (in each worker process); a wake queues one immediate
 * poll. Returns a function that stops them all.
 */
export async function watchPolls(runtime: HubRuntime): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  for (const instance of runtime.instances.values()) {
    const watch = instance.connector.poll?.watch;
    if (!watch) continue;
    const wake = () => queueWake(runtime, instance.id, () => !stopped, timers);
    try {
      stops.push(await watch.call(instance.connector.poll, wake));
    } catch (error) {
      runtime.log.warn({ connector: instance.id, stage: 'poll', err: error }, 'could not start watching; polling on the schedule only');
    }
  }
  return async () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    await Promise.allSettled(stops.map((stop) => stop()));
  };
}

/** Queues one poll now; while Redis cannot take it, tries again every second: a wake is delayed, never dropped. */
function queueWake(runtime: HubRuntime, instanceId: string, running: () => boolean, timers: Set<NodeJS.Timeout>, failures = 0): void {
  if (!running()) return;
  const slot = Math.floor(Date.now() / WAKE_WINDOW_MS);
  runtime.queues.get(POLL_QUEUE)
    .add('poll', { instance: instanceId } satisfies PollJob, { jobId: `wake-${instanceId}-${slot}`, removeOnComplete: true, removeOnFail: 100 })
    .catch((error: unknown) => {
      if (failures === 0) runtime.log.warn({ connector: instanceId, stage: 'poll', err: error }, 'could not queue a poll on wake; trying again every second');
      const timer = setTimeout(() => {
        timers.delete(timer);
        queueWake(runtime, instanceId, running, timers, failures + 1);
      }, 1_000);
      timers.add(timer);
    });
}
