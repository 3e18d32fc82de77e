/**
 * Runs the alert rules once per `evaluateEveryMs` across all worker processes: a
 * BullMQ job scheduler on the `alerts` queue (like polls) adds one job per interval,
 * and a short Redis lock keeps two slow evaluations from overlapping. Wires the
 * cycle to the hub: facts from Redis and the queues, states in Redis, notices to the
 * configured webhooks, and each delivered notice in the audit log (actor `alerts`).
 */
import { randomUUID } from 'node:crypto';
import type { HubRuntime } from '../pipeline/runtime.js';
import { runAlertCycle, type RuleOutcome } from './alert-cycle.js';
import { gatherFacts } from './facts.js';
import { redisRuleStates } from './rule-state.js';
import { postToAll } from './webhook.js';

export const ALERTS_QUEUE = 'alerts';
const SCHEDULER_ID = 'alerts-evaluate';
const RELEASE_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Creates, updates or (without rules) removes the alert scheduler. */
export async function scheduleAlerts(runtime: HubRuntime): Promise<void> {
  const queue = runtime.queues.get(ALERTS_QUEUE);
  const { evaluateEveryMs, rules } = runtime.config.alerts;
  if (rules.length === 0) {
    await queue.removeJobScheduler(SCHEDULER_ID);
    return;
  }
  await queue.upsertJobScheduler(SCHEDULER_ID, { every: evaluateEveryMs }, {
    name: 'evaluate', data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
  });
}

/** The processor of the `alerts` queue: one evaluation, unless another one is still running. */
export async function processAlerts(runtime: HubRuntime): Promise<string> {
  const lock = `${runtime.keys.prefix}:alert-lock`;
  const token = randomUUID();
  const { timeoutMs, rules } = runtime.config.alerts;
  const holdMs = Math.max(60_000, timeoutMs * (rules.length + 1));
  if ((await runtime.redis.set(lock, token, 'PX', holdMs, 'NX')) === null) return 'skipped: an evaluation is still running';
  try {
    return summarize(await evaluateOnce(runtime));
  } finally {
    await runtime.redis.eval(RELEASE_LOCK, 1, lock, token).catch(() => undefined);
  }
}

function evaluateOnce(runtime: HubRuntime): Promise<RuleOutcome[]> {
  const { repeatAfterMs, timeoutMs, webhooks, rules } = runtime.config.alerts;
  const log = runtime.log.child({ stage: 'alerts' });
  return runAlertCycle({
    rules,
    repeatAfterMs,
    now: Date.now,
    facts: (rule, now) => gatherFacts(runtime, rule, now),
    states: redisRuleStates(runtime.redis, runtime.keys.prefix),
    send: (payload) => postToAll(webhooks, payload, timeoutMs, log),
    audit: (notice, payload) => runtime.audit.record('alerts', `alert.${notice}`, payload.alert, {
      message: payload.message, since: payload.since, facts: payload.facts,
    }),
    log,
  });
}

function summarize(outcomes: RuleOutcome[]): string {
  const sent = outcomes.filter((o) => o.notice && o.delivered).map((o) => `${o.rule}:${o.notice}`);
  const firing = outcomes.filter((o) => o.firing).length;
  return `${outcomes.length} rule(s) evaluated, ${firing} firing${sent.length ? `, sent ${sent.join(' ')}` : ''}`;
}
