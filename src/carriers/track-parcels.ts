/**
 * Following parcels by asking their carrier: each carrier instance with the track role
 * gets a job scheduler (`track-<instance>` on the poll queue, every `tickMs`), so one
 * worker across the fleet asks about the parcels that are due, in batches. What the
 * carrier says goes through status-in like any report (duplicates and older events
 * change nothing); news brings a parcel's next look closer, quiet pushes it out, and a
 * parcel delivered, returned or voided is no longer asked about. A carrier that cannot
 * answer (rate limit, outage) is asked again later: nothing it knows is lost, because it
 * answers with every event of the parcel each time.
 */
import type { Job } from 'bullmq';
import { isHubError } from '../sdk/errors/index.js';
import type { TrackedParcel, Tracking } from '../sdk/connector.js';
import { TrackingSchedule, type LookOutcome } from '../store/tracking-schedule.js';
import { POLL_QUEUE } from '../pipeline/queue-names.js';
import { requireInstance, type HubRuntime } from '../pipeline/runtime.js';
import { applyStatusEvents } from '../pipeline/status-in.js';

export interface TrackJob {
  instance: string;
}

const FINAL_PARCEL: ReadonlySet<string> = new Set(['delivered', 'returned', 'voided']);

/** The job schedulers asking carriers about their parcels, one per instance that tracks. */
export function trackingSchedulers(runtime: HubRuntime): Array<{ id: string; everyMs: number; data: TrackJob }> {
  return [...runtime.instances.values()]
    .filter((instance) => instance.connector.tracking)
    .map((instance) => ({ id: `track-${instance.id}`, everyMs: instance.connector.tracking!.tickMs, data: { instance: instance.id } }));
}

export async function processTrack(runtime: HubRuntime, job: Job<TrackJob>): Promise<string> {
  const instance = requireInstance(runtime, job.data.instance);
  const tracking = instance.connector.tracking;
  if (!tracking) return 'instance does not track parcels';
  const schedule = new TrackingSchedule(runtime.redis, runtime.keys);
  const now = Date.now();
  const numbers = await schedule.claim(instance.id, now, leaseMs(tracking), tracking.batchSize);
  if (numbers.length === 0) return 'no parcel due';
  let answers: TrackedParcel[];
  try {
    answers = await tracking.track(numbers);
  } catch (error) {
    const wait = isHubError(error) && error.kind === 'transient' ? (error as { retryAfterMs?: number }).retryAfterMs ?? tracking.tickMs * 2 : tracking.everyMs;
    await schedule.postpone(instance.id, numbers, now, wait);
    runtime.log.warn({ connector: instance.id, stage: 'track', parcels: numbers.length, err: error }, 'the carrier could not answer; asking again later');
    return `carrier unavailable: ${numbers.length} parcel(s) asked again in ${wait} ms`;
  }
  const outcomes = await Promise.all(numbers.map(async (number) => {
    const answer = answers.find((a) => a.trackingNumber === number);
    const outcome = answer ? await lookOutcome(runtime, instance.id, answer) : 'quiet';
    await schedule.after(instance.id, number, outcome, tracking, Date.now());
    return outcome;
  }));
  return `asked about ${numbers.length} parcel(s): ${count(outcomes, 'news')} with news, ${count(outcomes, 'done')} done`;
}

/** Applies what the carrier says of one parcel; news when anything applied, done once final. */
async function lookOutcome(runtime: HubRuntime, instanceId: string, answer: TrackedParcel): Promise<LookOutcome> {
  if (answer.unknown || answer.events.length === 0) return 'quiet';
  const results = await applyStatusEvents(runtime, instanceId, answer.events);
  if (results.every((r) => r.outcome === 'unknown_order')) return 'done';
  const last = answer.events[answer.events.length - 1];
  if (last?.parcel && FINAL_PARCEL.has(last.parcel.status)) return 'done';
  return results.some((r) => r.outcome === 'applied') ? 'news' : 'quiet';
}

/** A claimed parcel is asked about again after this if its worker dies mid-way. */
function leaseMs(tracking: Tracking): number {
  return Math.max(30_000, tracking.tickMs * 5);
}

function count(outcomes: LookOutcome[], which: LookOutcome): number {
  return outcomes.filter((o) => o === which).length;
}

