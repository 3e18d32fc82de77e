/**
 * The rules that turn a queue's figures into a status an operator can trust at a
 * glance, with the rule that decided it as text. Pure: the thresholds are one
 * constant, and the same inputs always give the same verdict.
 *
 * failing:  circuit open, or error rate > 50 %, or oldest waiting job > 15 min
 * degraded: error rate > 10 %, or oldest waiting job > 5 min, or dead letters > 0
 * healthy:  otherwise
 */

export const HEALTH_THRESHOLDS = {
  failingErrorRate: 0.5,
  degradedErrorRate: 0.1,
  failingOldestWaitingSeconds: 15 * 60,
  degradedOldestWaitingSeconds: 5 * 60,
  degradedDeadLetters: 0,
} as const;

export type HealthStatus = 'healthy' | 'degraded' | 'failing';

export interface HealthInput {
  /** Circuit breaker state of the target the queue serves; undefined for hub queues. */
  circuit?: 'open' | 'closed';
  /** Failed attempts / attempts over the last 15 minutes; null without attempts. */
  errorRate15m: number | null;
  /** Age of the oldest waiting job in seconds; null when nothing waits. */
  oldestWaitingSeconds: number | null;
  deadLetters: number;
}

export interface HealthVerdict {
  status: HealthStatus;
  rule: string;
}

interface Rule {
  status: Exclude<HealthStatus, 'healthy'>;
  /** The rule's text when it applies to `input`, else undefined. */
  check(input: HealthInput): string | undefined;
}

const T = HEALTH_THRESHOLDS;

const RULES: Rule[] = [
  { status: 'failing', check: (i) => (i.circuit === 'open' ? 'circuit breaker is open' : undefined) },
  { status: 'failing', check: (i) => errorRateAbove(i, T.failingErrorRate) },
  { status: 'failing', check: (i) => oldestAbove(i, T.failingOldestWaitingSeconds) },
  { status: 'degraded', check: (i) => errorRateAbove(i, T.degradedErrorRate) },
  { status: 'degraded', check: (i) => oldestAbove(i, T.degradedOldestWaitingSeconds) },
  {
    status: 'degraded',
    check: (i) => (i.deadLetters > T.degradedDeadLetters
      ? `${i.deadLetters} dead letter(s) waiting (> ${T.degradedDeadLetters})` : undefined),
  },
];

/** The first rule that applies, failing rules before degraded ones. */
export function judgeQueue(input: HealthInput): HealthVerdict {
  for (const rule of RULES) {
    const text = rule.check(input);
    if (text) return { status: rule.status, rule: text };
  }
  return { status: 'healthy', rule: 'within every threshold' };
}

function errorRateAbove(input: HealthInput, limit: number): string | undefined {
  const rate = input.errorRate15m;
  if (rate === null || rate <= limit) return undefined;
  return `error rate over the last 15 min is ${percent(rate)} (> ${percent(limit)})`;
}

function oldestAbove(input: HealthInput, limit: number): string | undefined {
  const age = input.oldestWaitingSeconds;
  if (age === null || age <= limit) return undefined;
  return `oldest waiting job is ${Math.round(age)} s old (> ${limit} s)`;
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}
