/**
 * Queue health rules and the arithmetic behind their inputs, with fixed inputs:
 * failing before degraded, the rule's words, sliding windows and percentiles.
 */
import { describe, expect, it } from 'vitest';
import { HEALTH_THRESHOLDS, judgeQueue, type HealthInput } from '../../src/pipeline/queue-health-rules.js';
import { latency, slidingSum } from '../../src/pipeline/queue-stats.js';

const calm: HealthInput = { circuit: 'closed', errorRate15m: 0, oldestWaitingSeconds: null, deadLetters: 0 };

describe('queue health rules', () => {
  it('calls a quiet queue healthy', () => {
    expect(judgeQueue(calm)).toEqual({ status: 'healthy', rule: 'within every threshold' });
    expect(judgeQueue({ errorRate15m: null, oldestWaitingSeconds: 300, deadLetters: 0 }).status).toBe('healthy');
  });

  it('fails on an open circuit before anything else', () => {
    expect(judgeQueue({ ...calm, circuit: 'open', errorRate15m: 0.9, deadLetters: 4 })).toEqual({ status: 'failing', rule: 'circuit breaker is open' });
  });

  it('fails on an error rate above 50% or a job waiting more than 15 minutes', () => {
    expect(judgeQueue({ ...calm, errorRate15m: 0.62 })).toEqual({ status: 'failing', rule: 'error rate over the last 15 min is 62% (> 50%)' });
    expect(judgeQueue({ ...calm, oldestWaitingSeconds: 901 })).toEqual({ status: 'failing', rule: 'oldest waiting job is 901 s old (> 900 s)' });
  });

  it('degrades on an error rate above 10%, a job waiting more than 5 minutes, or any dead letter', () => {
    expect(judgeQueue({ ...calm, errorRate15m: 0.5 })).toEqual({ status: 'degraded', rule: 'error rate over the last 15 min is 50% (> 10%)' });
    expect(judgeQueue({ ...calm, oldestWaitingSeconds: 312 })).toEqual({ status: 'degraded', rule: 'oldest waiting job is 312 s old (> 300 s)' });
    expect(judgeQueue({ ...calm, deadLetters: 2 })).toEqual({ status: 'degraded', rule: '2 dead letter(s) waiting (> 0)' });
  });

  it('names the first rule that applies when several do', () => {
    expect(judgeQueue({ ...calm, errorRate15m: 0.2, oldestWaitingSeconds: 1000, deadLetters: 1 }).rule).toMatch(/^oldest waiting job/);
    expect(judgeQueue({ ...calm, errorRate15m: 0.2, deadLetters: 1 }).rule).toMatch(/^error rate/);
  });

  it('keeps its thresholds in one constant', () => {
    expect(HEALTH_THRESHOLDS).toEqual({
      failingErrorRate: 0.5, degradedErrorRate: 0.1, failingOldestWaitingSeconds: 900, degradedOldestWaitingSeconds: 300, degradedDeadLetters: 0,
    });
  });
});

describe('queue statistics arithmetic', () => {
  const buckets = new Map([[100, 6], [99, 10], [98, 4]]);
  const count = (minute: number) => buckets.get(minute) ?? 0;

  it('sums per-minute buckets over a sliding window, weighting the oldest by what is left of it', () => {
    expect(slidingSum(count, 100, 1, 0.5)).toBe(6 + 10 * 0.5);
    expect(slidingSum(count, 100, 1, 0)).toBe(16);
    expect(slidingSum(count, 100, 2, 0.25)).toBe(6 + 10 + 4 * 0.75);
    expect(slidingSum(count, 100, 60, 0.9)).toBe(20);
  });

  it('takes nearest-rank percentiles', () => {
    expect(latency([])).toEqual({ p50: null, p95: null, samples: 0 });
    expect(latency([5])).toEqual({ p50: 5, p95: 5, samples: 1 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latency(hundred)).toEqual({ p50: 50, p95: 95, samples: 100 });
  });
});
