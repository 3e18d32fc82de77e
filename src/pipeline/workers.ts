/**
 * The worker side of the hub: one BullMQ worker per queue of the topology, each
 * with its concurrency, lock settings and the hub's retry backoff, plus a heartbeat
 * in Redis so `/readyz` of an API-only process can tell that workers are alive.
 */
import { hostname } from 'node:os';
import { Worker, type Job, type Processor } from 'bullmq';
import { ALERTS_QUEUE, processAlerts, scheduleAlerts } from '../alerts/alert-job.js';
import type { RetryPolicy } from '../config/hub-config.js';
import { BadInputError, HubError, TransientError } from '../sdk/errors/index.js';
import { createRedis, type HubRedis } from '../store/connection.js';
import { retryDelayMs } from './backoff.js';
import { BreakerGate, type BreakerPolicy } from './circuit-breaker.js';
import { CHANGE_JOB } from '../changes/change-job.js';
import { processDeliverQueue } from './deliver.js';
import { processNormalize } from './normalize.js';
import { processNotify } from './notify.js';
import { observedStage, observeProcessor, SKIPPED_RESULT } from './observe-job.js';
import { processPoll, schedulePolls, watchPolls } from './poll.js';
import { processTrack } from '../carriers/track-parcels.js';
import { BULL_PREFIX_SUFFIX } from './queues.js';
import { NORMALIZE_QUEUE, POLL_QUEUE, deliverQueue, notifyQueue, paymentQueue } from './queue-names.js';
import { processPayment } from '../payments/settle-payment.js';
import type { HubRuntime } from './runtime.js';
import { StatsBuffer } from './stats-buffer.js';

export interface WorkerSet {
  workers: Worker[];
  running(): boolean;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 5000;

export async function startWorkers(runtime: HubRuntime): Promise<WorkerSet> {
  const workers: Worker[] = [];
  const connection = createRedis(runtime.config.redis.url, 'hub-worker');
  const stats = new StatsBuffer(runtime.redis, runtime.config.redis.prefix);
  stats.start();
  const add = (queue: string, concurrency: number, retry: RetryPolicy, processor: Processor) => {
    workers.push(createWorker(runtime, connection, queue, concurrency, retry, observeProcessor(runtime, stats, queue, processor)));
  };
  const guarded = (target: string, queue: string, policy: BreakerPolicy) => guardedBy(runtime, new BreakerGate(runtime, target, queue, policy), stats, target);
  add(NORMALIZE_QUEUE, runtime.config.workers.normalizeConcurrency, runtime.config.retry,
    (job) => observedStage(runtime, 'normalize', 'hub', job, () => processNormalize(runtime, job)));
  for (const instance of runtime.instances.values()) {
    const { id, config } = instance;
    if (instance.connector.deliver || instance.connector.deliverBatch) {
      const queue = deliverQueue(id);
      const deliverGate = guarded(id, queue, config.breaker);
      add(queue, config.concurrency, config.retry, (job) => {
        const step = () => processDeliverQueue(runtime, id, job);
        // Only steps that talk to the target count for its breaker (not putting an order in a batch).
        const talksToTarget = !instance.connector.batch || job.name === 'upload' || job.name === CHANGE_JOB;
        return observedStage(runtime, 'deliver', id, job, talksToTarget ? deliverGate(step) : step);
      });
    }
    if (instance.connector.payments) {
      const queue = paymentQueue(id);
      const paymentGate = guarded(id, queue, config.breaker);
      add(queue, config.concurrency, config.retry,
        (job) => observedStage(runtime, 'payment', id, job, paymentGate(() => processPayment(runtime, id, job))));
    }
    if (instance.connector.notify) {
      const queue = notifyQueue(id);
      const notifyGate = guarded(id, queue, config.breaker);
      add(queue, config.concurrency, config.retry,
        (job) => observedStage(runtime, 'notify', id, job, notifyGate(() => processNotify(runtime, id, job))));
    }
  }
  add(POLL_QUEUE, 2, runtime.config.retry, (job) => (job.name === 'track' ? processTrack(runtime, job) : processPoll(runtime, job)).catch((error: unknown) => {
    runtime.log.warn({ connector: job.data.instance, stage: 'poll', err: error }, 'poll failed; the next one will try again');
    throw error;
  }));
  await schedulePolls(runtime);
  const stopWatching = await watchPolls(runtime);
  // Alerts are not a pipeline stage: their worker is not observed as one.
  workers.push(createWorker(runtime, connection, ALERTS_QUEUE, 1, runtime.config.retry, () => processAlerts(runtime).catch((error: unknown) => {
    runtime.log.warn({ stage: 'alerts', err: error }, 'alert evaluation failed; the next one will try again');
    throw error;
  })));
  await scheduleAlerts(runtime);
  const stopHeartbeat = startHeartbeat(runtime, workers);
  return {
    workers,
    running: () => workers.every((w) => w.isRunning()),
    async close() {
      stopHeartbeat();
      await stopWatching();
      await Promise.all(workers.map((w) => w.close()));
      await stats.close();
      connection.disconnect();
    },
  };
}

/** Wraps steps that talk to `target` in the target's circuit breaker, counting attempts for alerts. */
function guardedBy(runtime: HubRuntime, gate: BreakerGate, stats: StatsBuffer, target: string) {
  return (step: () => Promise<string>) => async (): Promise<string> => {
    const hold = await gate.holdIfOpen();
    if (hold) throw hold;
    try {
      const result = await step();
      if (result === SKIPPED_RESULT) return result;
      await gate.success();
      stats.countTarget(target, false);
      return result;
    } catch (error) {
      if (error instanceof HubError && !(error instanceof BadInputError)) stats.countTarget(target, true);
      if (error instanceof TransientError) {
        const state = await gate.failure(error.message);
        if (state === 'open') runtime.log.warn({ connector: target, stage: 'breaker' }, 'circuit opened: target held for a cool-down');
      }
      throw error;
    }
  };
}

function createWorker(runtime: HubRuntime, connection: HubRedis, queue: string, concurrency: number, retry: RetryPolicy, processor: Processor): Worker {
  const worker = new Worker(queue, processor, {
    connection,
    prefix: `${runtime.config.redis.prefix}:${BULL_PREFIX_SUFFIX}`,
    concurrency,
    lockDuration: runtime.config.workers.lockDurationMs,
    stalledInterval: runtime.config.workers.stalledIntervalMs,
    maxStalledCount: 10,
    settings: {
      backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
        retryDelayMs(attemptsMade, retry, error instanceof TransientError ? error.retryAfterMs : undefined),
    },
  });
  worker.on('error', (error) => runtime.log.error({ queue, err: error }, 'worker error'));
  // A stalled job lost its worker (killed, or frozen past the lock); it runs again, and the
  // ledgers keep its effect single. Logged so an operator can tell a crash from a drain.
  worker.on('stalled', (jobId) => runtime.log.warn({ queue, jobId }, 'job stalled: its worker stopped renewing the lock; it runs again'));
  worker.on('failed', (job: Job | undefined, error) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) runtime.log.info({ queue, jobId: job.id, err: error }, 'job failed for good');
  });
  return worker;
}

function startHeartbeat(runtime: HubRuntime, workers: Worker[]): () => void {
  const id = `${hostname()}-${process.pid}`;
  const key = runtime.keys.workerHeartbeats();
  const beat = () => {
    const now = Date.now();
    return runtime.redis.multi().zadd(key, now + HEARTBEAT_MS * 3, id).zremrangebyscore(key, '-inf', now).exec().catch(() => undefined);
  };
  void beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    void runtime.redis.zrem(key, id).catch(() => undefined);
  };
}

export async function liveWorkerCount(runtime: HubRuntime): Promise<number> {
  return runtime.redis.zcount(runtime.keys.workerHeartbeats(), Date.now(), '+inf');
}
