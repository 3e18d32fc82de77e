/**
 * The health of every queue of the topology, for operators and `/api/queues`: job
 * counts, throughput, latency, the oldest waiting job, dead letters, pause state and,
 * for target queues, the circuit breaker, with a status and the rule that decided it.
 */
import { readBreaker } from './circuit-breaker.js';
import { ageSeconds, countByQueue, oldestWaitingAt } from './metrics-gauges.js';
import { judgeQueue, type HealthStatus } from './queue-health-rules.js';
import { readQueueStats, type QueueStats } from './queue-stats.js';
import type { HubRuntime } from './runtime.js';
import { topologyQueues, type QueueRole, type QueueStage } from './topology.js';

export interface TargetView {
  circuit: 'open' | 'closed';
  /** While open: when the next trial may go through (ISO time). */
  openUntil: string | null;
  /** The last success seen by the breaker or by this queue's worker (ISO time). */
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface QueueHealth {
  queue: string;
  stage: QueueStage;
  instance: string;
  status: HealthStatus;
  /** The rule that decided the status, in words. */
  rule: string;
  counts: { waiting: number; active: number; delayed: number; failed: number };
  paused: boolean;
  completedPerMinute: QueueStats['completedPerMinute'];
  errorRate15m: number | null;
  attempts15m: number;
  latencyMs: QueueStats['latencyMs'];
  /** Age in seconds of the oldest waiting job (since it was first queued); null when none waits. */
  oldestWaitingSeconds: number | null;
  deadLetters: number;
  /** For deliver and notify queues: the target's breaker and last success. */
  target: TargetView | null;
}

export async function queueHealth(runtime: HubRuntime, now = Date.now()): Promise<QueueHealth[]> {
  const roles = topologyQueues(runtime.instances.values());
  const letters = countByQueue(roles, await runtime.redis.zrange(runtime.keys.deadLetters(), '0', '-1'));
  return Promise.all(roles.map((role) => oneQueue(runtime, role, letters.get(role.queue) ?? 0, now)));
}

async function oneQueue(runtime: HubRuntime, role: QueueRole, deadLetters: number, now: number): Promise<QueueHealth> {
  const queue = runtime.queues.get(role.queue);
  const [counts, paused, oldestAt, stats, target] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'failed'),
    queue.isPaused(),
    oldestWaitingAt(runtime.queues, role.queue),
    readQueueStats(runtime.redis, runtime.config.redis.prefix, role.queue, now),
    role.stage === 'deliver' || role.stage === 'notify' || role.stage === 'payment' ? targetView(runtime, role.instance) : Promise.resolve(null),
  ]);
  if (target && stats.lastOkAt !== undefined) target.lastSuccessAt = latestIso(target.lastSuccessAt, stats.lastOkAt);
  const oldestWaitingSeconds = oldestAt === undefined ? null : Math.round(ageSeconds(oldestAt, now));
  const verdict = judgeQueue({ circuit: target?.circuit, errorRate15m: stats.errorRate15m, oldestWaitingSeconds, deadLetters });
  return {
    queue: role.queue,
    stage: role.stage,
    instance: role.instance,
    status: verdict.status,
    rule: verdict.rule,
    counts: { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 },
    paused,
    completedPerMinute: stats.completedPerMinute,
    errorRate15m: stats.errorRate15m,
    attempts15m: stats.attempts15m,
    latencyMs: stats.latencyMs,
    oldestWaitingSeconds,
    deadLetters,
    target,
  };
}

async function targetView(runtime: HubRuntime, target: string): Promise<TargetView> {
  const breaker = await readBreaker(runtime, target);
  return {
    circuit: breaker.state,
    openUntil: breaker.state === 'open' && breaker.openUntil !== undefined ? new Date(breaker.openUntil).toISOString() : null,
    lastSuccessAt: breaker.lastSuccessAt !== undefined ? new Date(breaker.lastSuccessAt).toISOString() : null,
    lastError: breaker.lastError ?? null,
  };
}

function latestIso(current: string | null, at: number): string {
  return current !== null && Date.parse(current) >= at ? current : new Date(at).toISOString();
}
