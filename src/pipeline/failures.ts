/**
 * What happens when a stage fails. The error's kind decides: transient errors are
 * retried with backoff until the attempts run out; permanent and bad-input errors,
 * and transient ones out of attempts, become dead letters with a message a person
 * can act on, and the job stops retrying.
 */
import { RateLimitError, UnrecoverableError, type Job } from 'bullmq';
import { isHubError } from '../sdk/errors/index.js';
import { scrubText } from '../obs/scrub.js';
import { DeadLetters, type DeadLetter } from '../store/dead-letters.js';
import { timelineEntry } from '../store/timeline.js';
import type { HubRuntime } from './runtime.js';

export interface StageFailure {
  kind: string;
  code: string;
  message: string;
  hint: string;
  final: boolean;
}

const DEFAULT_HINTS: Record<string, string> = {
  transient: 'the far side kept failing; check it is up, then replay',
  permanent: 'the receiver refused it; fix the data, mapping or settings, then replay',
  bad_input: 'the data cannot be used as it is; correct it, then replay',
  unauthorized: 'check the credentials in the environment, then replay',
};

export function classify(error: unknown, job: Pick<Job, 'attemptsMade' | 'opts'>): StageFailure {
  const kind = isHubError(error) ? error.kind : 'transient';
  const attempts = job.opts.attempts ?? 1;
  const final = kind !== 'transient' || job.attemptsMade + 1 >= attempts;
  return {
    kind,
    code: isHubError(error) ? error.code : (error as { code?: string }).code ?? 'UNEXPECTED',
    message: scrubText((error as Error).message ?? String(error)),
    hint: (isHubError(error) ? error.hint : undefined) ?? DEFAULT_HINTS[kind] ?? 'look at the error, then replay',
    final,
  };
}

/** Runs a stage; on a final failure records the dead letter and stops BullMQ retrying. */
export async function runStage<T extends { orderId?: string }>(
  runtime: HubRuntime, stage: DeadLetter['stage'], instance: string, job: Job<T>, body: () => Promise<string>,
): Promise<string> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof RateLimitError) throw error;
    const failure = classify(error, job);
    const orderId = job.data.orderId ?? (await orderIdOf(runtime, job));
    runtime.log.warn({ orderId, connector: instance, stage, attempt: job.attemptsMade + 1, err: error, final: failure.final }, 'stage failed');
    if (!failure.final) throw error;
    await deadLetter(runtime, stage, instance, job, orderId ?? 'unknown', failure);
    throw new UnrecoverableError(failure.message);
  }
}

async function orderIdOf(runtime: HubRuntime, job: Job): Promise<string | undefined> {
  const data = job.data as { source?: string; dedupKey?: string };
  if (!data.source || !data.dedupKey) return undefined;
  return runtime.store.findByDedupKey(data.source, data.dedupKey);
}

async function deadLetter(runtime: HubRuntime, stage: DeadLetter['stage'], instance: string, job: Job, orderId: string, failure: StageFailure) {
  const at = new Date().toISOString();
  await runtime.deadLetters.put({
    id: DeadLetters.idFor(job.queueName, orderId),
    orderId, stage, instance, queue: job.queueName,
    errorKind: failure.kind, errorCode: failure.code, message: failure.message, hint: failure.hint,
    attempts: job.attemptsMade + 1, at, job: job.data as Record<string, unknown>,
  });
  if (orderId !== 'unknown') {
    await runtime.store.appendTimeline(orderId, timelineEntry(stage, `dead-lettered after ${job.attemptsMade + 1} attempt(s): ${failure.message}`, {
      instance, detail: { kind: failure.kind, code: failure.code, hint: failure.hint },
    }));
  }
}
