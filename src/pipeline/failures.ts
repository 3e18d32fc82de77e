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
import { refText } from '../mapping/index.js';
import { mappingUsedBy } from './letter-mapping.js';
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
    const subject = await subjectOf(runtime, instance, job);
    runtime.log.warn({ orderId: subject.id, connector: instance, stage, attempt: job.attemptsMade + 1, err: error, final: failure.final }, 'stage failed');
    if (!failure.final) throw error;
    await deadLetter(runtime, stage, instance, job, subject, failure);
    throw new UnrecoverableError(failure.message);
  }
}

interface Subject {
  /** What the dead letter is about: an order id, or `batch:<id>` for a batch of orders. */
  id: string;
  /** Orders whose timelines hear about it. */
  orders: string[];
}

async function subjectOf(runtime: HubRuntime, instance: string, job: Job): Promise<Subject> {
  const data = job.data as { orderId?: string; batchId?: string; source?: string; dedupKey?: string };
  if (data.orderId) return { id: data.orderId, orders: [data.orderId] };
  if (data.batchId) {
    return { id: `batch:${data.batchId}`, orders: await runtime.redis.lrange(runtime.keys.batchOrders(instance, data.batchId), 0, -1) };
  }
  const orderId = data.source && data.dedupKey ? await runtime.store.findByDedupKey(data.source, data.dedupKey) : undefined;
  return orderId ? { id: orderId, orders: [orderId] } : { id: 'unknown', orders: [] };
}

async function deadLetter(runtime: HubRuntime, stage: DeadLetter['stage'], instance: string, job: Job, subject: Subject, failure: StageFailure) {
  const at = new Date().toISOString();
  const mapping = mappingUsedBy(runtime, stage, instance, job);
  await runtime.deadLetters.put({
    id: DeadLetters.idFor(job.queueName, subject.id),
    orderId: subject.id, stage, instance, queue: job.queueName, jobName: job.name,
    errorKind: failure.kind, errorCode: failure.code, message: failure.message, hint: failure.hint,
    attempts: job.attemptsMade + 1, at, job: job.data as Record<string, unknown>, ...(mapping ? { mapping } : {}),
  });
  const entry = timelineEntry(stage, `dead-lettered after ${job.attemptsMade + 1} attempt(s): ${failure.message}`, {
    instance, detail: { kind: failure.kind, code: failure.code, hint: failure.hint, ...(mapping ? { mapping: refText(mapping) } : {}) },
  });
  for (const orderId of subject.orders) await runtime.store.appendTimeline(orderId, entry);
}
