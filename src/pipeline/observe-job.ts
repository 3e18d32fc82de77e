/**
 * The worker wrapper that observes every processor call without touching stage logic:
 * it times the call, labels it with how it ended (ok, review, retry, dead_letter),
 * counts errors by kind, and gathers the queue's per-minute counters and latency
 * reservoir for Redis (StatsBuffer). A call held by an open circuit breaker is not an attempt and is
 * not observed.
 */
import { performance } from 'node:perf_hooks';
import { RateLimitError, UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { StageOutcome } from '../obs/metrics.js';
import { classify, runStage, type StageFailure } from './failures.js';
import type { HubRuntime } from './runtime.js';
import type { StatsBuffer } from './stats-buffer.js';
import { roleOfQueue } from './topology.js';

/** What normalize answers when it sent an order to the review queue. */
const REVIEW_RESULT = 'needs review';

/**
 * What a stage answers when its job had nothing to work on (the job of a capture that
 * created no order): not an attempt, so neither counted nor timed.
 */
export const SKIPPED_RESULT = 'skipped: no such order';

/** The failure of the stage body, remembered per job: runStage replaces a final one by an UnrecoverableError. */
const failures = new WeakMap<Job, StageFailure>();

/** `runStage`, remembering how the stage body failed so the wrapper can count the error's real kind. */
export function observedStage<T extends { orderId?: string }>(
  runtime: HubRuntime, stage: Parameters<typeof runStage>[1], instance: string, job: Job<T>, body: () => Promise<string>,
): Promise<string> {
  return runStage(runtime, stage, instance, job, async () => {
    try {
      return await body();
    } catch (error) {
      if (!(error instanceof RateLimitError)) failures.set(job, classify(error, job));
      throw error;
    }
  });
}

/** Wraps a processor registered for `queue` with timing, error counts and queue statistics. */
export function observeProcessor(runtime: HubRuntime, stats: StatsBuffer, queue: string, processor: Processor): Processor {
  const role = roleOfQueue(queue);
  return async (job, token, signal) => {
    const instance = role.stage === 'poll' ? instanceOf(job) : role.instance;
    const started = performance.now();
    failures.delete(job);
    try {
      const result: unknown = await processor(job, token, signal);
      if (result === SKIPPED_RESULT) return result;
      observe(runtime, stats, { queue, stage: role.stage, instance }, started, result === REVIEW_RESULT ? 'review' : 'ok');
      return result;
    } catch (error) {
      if (error instanceof RateLimitError) throw error;
      const failure = failures.get(job) ?? classify(error, job);
      runtime.metrics?.stageErrors.inc({ stage: role.stage, instance, kind: failure.kind });
      observe(runtime, stats, { queue, stage: role.stage, instance }, started, error instanceof UnrecoverableError ? 'dead_letter' : 'retry');
      throw error;
    } finally {
      failures.delete(job);
    }
  };
}

interface Labels {
  queue: string;
  stage: string;
  instance: string;
}

function observe(runtime: HubRuntime, stats: StatsBuffer, labels: Labels, started: number, outcome: StageOutcome): void {
  const durationMs = performance.now() - started;
  const ok = outcome === 'ok' || outcome === 'review';
  stats.record(labels.queue, { at: Date.now(), durationMs, ok });
  runtime.metrics?.stageDuration.observe({ stage: labels.stage, instance: labels.instance, outcome }, durationMs / 1000);
}

function instanceOf(job: Job): string {
  const instance = (job.data as { instance?: unknown } | undefined)?.instance;
  return typeof instance === 'string' ? instance : 'hub';
}
