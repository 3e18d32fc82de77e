/**
 * The pure judgement of one rule on its observed facts at a given time: firing or
 * not, a message a person can act on (naming the queue or target and the numbers),
 * and a small summary of the facts for the webhook payload.
 */
import type { AlertRule } from '../config/hub-config.js';
import type { RuleFacts } from './facts.js';
import { formatDuration, formatShare } from './format.js';

export interface Verdict {
  firing: boolean;
  message: string;
  facts: Record<string, unknown>;
}

export function evaluateRule(rule: AlertRule, facts: RuleFacts, now: number): Verdict {
  if (rule.kind !== facts.kind) throw new Error(`alert ${rule.id}: facts of kind ${facts.kind} for a ${rule.kind} rule`);
  switch (rule.kind) {
    case 'queue_age': return queueAge(rule, facts as Extract<RuleFacts, { kind: 'queue_age' }>, now);
    case 'failure_rate': return failureRate(rule, facts as Extract<RuleFacts, { kind: 'failure_rate' }>);
    case 'circuit_open': return circuitOpen(rule, facts as Extract<RuleFacts, { kind: 'circuit_open' }>);
    case 'order_stuck': return orderStuck(rule, facts as Extract<RuleFacts, { kind: 'order_stuck' }>, now);
    case 'dead_letters': return deadLetters(rule, facts as Extract<RuleFacts, { kind: 'dead_letters' }>);
    case 'ack_overdue': return ackOverdue(rule, facts as Extract<RuleFacts, { kind: 'ack_overdue' }>, now);
  }
}

type Rule<K extends AlertRule['kind']> = Extract<AlertRule, { kind: K }>;
type Facts<K extends RuleFacts['kind']> = Extract<RuleFacts, { kind: K }>;

function queueAge(rule: Rule<'queue_age'>, facts: Facts<'queue_age'>, now: number): Verdict {
  const limit = formatDuration(rule.olderThanMs);
  if (facts.oldestWaitingAt === undefined) {
    return { firing: false, message: `${rule.queue}: no job is waiting (limit ${limit})`, facts: { queue: rule.queue, oldestWaitingMs: 0 } };
  }
  const age = Math.max(0, now - facts.oldestWaitingAt);
  return {
    firing: age > rule.olderThanMs,
    message: `${rule.queue}: oldest waiting job is ${formatDuration(age)} old (limit ${limit})`,
    facts: { queue: rule.queue, oldestWaitingMs: age, limitMs: rule.olderThanMs },
  };
}

function failureRate(rule: Rule<'failure_rate'>, facts: Facts<'failure_rate'>): Verdict {
  const share = facts.attempts === 0 ? 0 : facts.failures / facts.attempts;
  const window = formatDuration(rule.windowMs);
  const summary = { target: rule.target, attempts: facts.attempts, failures: facts.failures, rate: share, limit: rule.above, windowMs: rule.windowMs };
  if (facts.attempts < rule.minAttempts) {
    return { firing: false, message: `${rule.target}: ${facts.attempts} attempt(s) in the last ${window}, too few to judge (at least ${rule.minAttempts})`, facts: summary };
  }
  return {
    firing: share > rule.above,
    message: `${rule.target}: ${facts.failures} of ${facts.attempts} delivery attempts failed in the last ${window} (${formatShare(share)}, limit ${formatShare(rule.above)})`,
    facts: summary,
  };
}

function circuitOpen(rule: Rule<'circuit_open'>, facts: Facts<'circuit_open'>): Verdict {
  const scope = rule.target ?? 'any target';
  if (facts.open.length === 0) {
    return { firing: false, message: `${scope}: circuit breaker closed`, facts: { open: [] } };
  }
  const parts = facts.open.map((c) => `${c.target} (${c.failures} failure(s) in a row${c.lastError ? `; last error: ${c.lastError.slice(0, 200)}` : ''})`);
  return { firing: true, message: `circuit breaker open for ${parts.join(', ')}`, facts: { open: facts.open } };
}

function orderStuck(rule: Rule<'order_stuck'>, facts: Facts<'order_stuck'>, now: number): Verdict {
  const ages = facts.since.map((at) => Math.max(0, now - at));
  const stuck = ages.filter((age) => age > rule.longerThanMs);
  const oldest = Math.max(0, ...ages);
  const limit = formatDuration(rule.longerThanMs);
  const summary = { state: rule.state, stuck: stuck.length, oldestMs: oldest, limitMs: rule.longerThanMs };
  if (stuck.length === 0) return { firing: false, message: `no order ${rule.state} for longer than ${limit}`, facts: summary };
  return {
    firing: true,
    message: `${stuck.length} order(s) ${rule.state} for longer than ${limit} (oldest ${formatDuration(oldest)})`,
    facts: summary,
  };
}

function deadLetters(rule: Rule<'dead_letters'>, facts: Facts<'dead_letters'>): Verdict {
  const counts = Object.entries(facts.perInstance).filter(([instance]) => rule.instance === undefined || instance === rule.instance);
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  const scope = rule.instance ?? 'all instances';
  const detail = counts.length > 0 ? ` (${counts.map(([instance, n]) => `${instance}: ${n}`).join(', ')})` : '';
  return {
    firing: total > rule.above,
    message: `${scope}: ${total} dead letter(s)${detail} (limit ${rule.above})`,
    facts: { instance: rule.instance, total, perInstance: Object.fromEntries(counts), limit: rule.above },
  };
}

function ackOverdue(rule: Rule<'ack_overdue'>, facts: Facts<'ack_overdue'>, now: number): Verdict {
  const overdue = facts.overdue.filter((ack) => rule.instance === undefined || ack.instance === rule.instance);
  const scope = rule.instance ?? 'all instances';
  if (overdue.length === 0) return { firing: false, message: `${scope}: every sent document is acknowledged or still within its partner's time`, facts: { instance: rule.instance, overdue: 0 } };
  const shown = overdue.slice(0, 5).map((ack) => `${ack.document} to ${ack.partner}${ack.hubOrderId ? ` (order ${ack.hubOrderId})` : ''}, ${formatDuration(Math.max(0, now - ack.dueAt))} overdue`);
  const more = overdue.length > shown.length ? `, and ${overdue.length - shown.length} more` : '';
  return {
    firing: true,
    message: `${scope}: ${overdue.length} sent document(s) not acknowledged in the partner's time: ${shown.join('; ')}${more}. Ask the partner, or send again; GET /api/acknowledgements lists them`,
    facts: { instance: rule.instance, overdue: overdue.length, documents: overdue.slice(0, 20) },
  };
}
