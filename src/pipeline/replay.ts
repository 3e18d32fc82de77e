/**
 * Replay of dead letters after the cause is fixed: the job goes back on its queue
 * under a fresh job id (the old one may still be stored as failed), the dead letter
 * is removed and the replay is written on the order's timeline. The stage's ledger
 * keeps the replay from delivering twice. A replay runs with the mapping loaded now,
 * unless it is pinned to a mapping version (`pin`): then the job carries that version
 * and the worker renders with exactly it.
 */
import { refText, type MappingRef } from '../mapping/index.js';
import type { DeadLetter } from '../store/dead-letters.js';
import { timelineEntry } from '../store/timeline.js';
import { pinOf } from './letter-mapping.js';
import type { HubRuntime } from './runtime.js';

export interface ReplayResult {
  id: string;
  orderId: string;
  queue: string;
  jobId: string;
  /** The mapping version the replay is pinned to (`id@version`), when it is. */
  mapping?: string;
}

export async function replayDeadLetter(runtime: HubRuntime, id: string, actor = 'operator', pin?: MappingRef): Promise<ReplayResult | undefined> {
  const letter = await runtime.deadLetters.get(id);
  if (!letter) return undefined;
  const jobId = `${letter.orderId}-replay-${Date.now()}`;
  const attempts = attemptsFor(runtime, letter);
  const summary = pin ? `dead letter replayed with ${refText(pin)} by ${actor}` : `dead letter replayed by ${actor}`;
  await runtime.queues.transaction((multi) => {
    multi.del(runtime.keys.deadLetter(id)).zrem(runtime.keys.deadLetters(), id);
    if (!letter.orderId.includes(':') && letter.orderId !== 'unknown') {
      multi.rpush(runtime.keys.timeline(letter.orderId), JSON.stringify(timelineEntry(letter.stage, summary, {
        instance: letter.instance, actor, detail: { previousError: letter.errorCode, ...(pin ? { mapping: refText(pin) } : {}) },
      })));
    }
  }, [{ queue: letter.queue, name: letter.jobName ?? letter.stage, data: jobData(letter, pin), jobId: jobId.replace(/:/g, '-'), options: { attempts, backoff: { type: 'hub' } } }]);
  return { id, orderId: letter.orderId, queue: letter.queue, jobId, ...(pin ? { mapping: refText(pin) } : {}) };
}

/** The job again: pinned to `pin`, or (a plain replay) without the pin a pinned replay may have left on it. */
function jobData(letter: DeadLetter, pin: MappingRef | undefined): Record<string, unknown> {
  if (!pin && !pinOf(letter.job)) return letter.job;
  const { mapping: _earlierPin, ...data } = letter.job;
  return pin ? { ...data, mapping: { id: pin.id, version: pin.version } } : data;
}

export async function replayAll(runtime: HubRuntime, filter: (letter: DeadLetter) => boolean, actor = 'operator'): Promise<ReplayResult[]> {
  const replayed: ReplayResult[] = [];
  for (const letter of await runtime.deadLetters.list(10_000)) {
    if (!filter(letter)) continue;
    const result = await replayDeadLetter(runtime, letter.id, actor);
    if (result) replayed.push(result);
  }
  return replayed;
}

function attemptsFor(runtime: HubRuntime, letter: DeadLetter): number {
  return runtime.instances.get(letter.instance)?.config.retry.attempts ?? runtime.config.retry.attempts;
}
