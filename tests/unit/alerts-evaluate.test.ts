/**
 * The pure alert judgement: each rule kind on fixed facts at a fixed time, with the
 * message naming the queue or target and the numbers; and the lifecycle (firing →
 * repeat suppression → re-sent after repeatAfterMs → resolved once) with an injected clock.
 */
import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../src/config/hub-config.js';
import { afterDelivery, decide, type RuleState } from '../../src/alerts/decide.js';
import { evaluateRule } from '../../src/alerts/evaluate.js';
import { formatDuration } from '../../src/alerts/format.js';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const MIN = 60_000;

describe('evaluateRule', () => {
  it('queue_age fires when the oldest waiting job is older than the limit', () => {
    const rule: AlertRule = { id: 'backlog', kind: 'queue_age', queue: 'deliver-oms-main', olderThanMs: 10 * MIN };
    const old = evaluateRule(rule, { kind: 'queue_age', oldestWaitingAt: NOW - 14 * MIN - 5000 }, NOW);
    expect(old.firing).toBe(true);
    expect(old.message).toBe('deliver-oms-main: oldest waiting job is 14 min old (limit 10 min)');
    expect(evaluateRule(rule, { kind: 'queue_age', oldestWaitingAt: NOW - 9 * MIN }, NOW).firing).toBe(false);
    const empty = evaluateRule(rule, { kind: 'queue_age', oldestWaitingAt: undefined }, NOW);
    expect(empty).toMatchObject({ firing: false, message: 'deliver-oms-main: no job is waiting (limit 10 min)' });
  });

  it('failure_rate fires above the share, and not on too few attempts', () => {
    const rule: AlertRule = { id: 'failing', kind: 'failure_rate', target: 'oms-main', above: 0.2, windowMs: 15 * MIN, minAttempts: 10 };
    const bad = evaluateRule(rule, { kind: 'failure_rate', attempts: 20, failures: 7 }, NOW);
    expect(bad.firing).toBe(true);
    expect(bad.message).toBe('oms-main: 7 of 20 delivery attempts failed in the last 15 min (35%, limit 20%)');
    expect(bad.facts).toMatchObject({ target: 'oms-main', attempts: 20, failures: 7 });
    expect(evaluateRule(rule, { kind: 'failure_rate', attempts: 20, failures: 4 }, NOW).firing).toBe(false);
    const few = evaluateRule(rule, { kind: 'failure_rate', attempts: 5, failures: 5 }, NOW);
    expect(few.firing).toBe(false);
    expect(few.message).toContain('too few to judge');
  });

  it('circuit_open fires while a breaker is open and names the target and its last error', () => {
    const rule: AlertRule = { id: 'circuit', kind: 'circuit_open', target: undefined };
    const open = evaluateRule(rule, { kind: 'circuit_open', open: [{ target: 'oms-main', failures: 5, lastError: 'HTTP 503' }] }, NOW);
    expect(open.firing).toBe(true);
    expect(open.message).toBe('circuit breaker open for oms-main (5 failure(s) in a row; last error: HTTP 503)');
    expect(evaluateRule(rule, { kind: 'circuit_open', open: [] }, NOW)).toMatchObject({ firing: false, message: 'any target: circuit breaker closed' });
  });

  it('order_stuck counts the orders older than the limit', () => {
    const rule: AlertRule = { id: 'stuck', kind: 'order_stuck', state: 'accepted', longerThanMs: 30 * MIN };
    const facts = { kind: 'order_stuck' as const, since: [NOW - 42 * MIN, NOW - 31 * MIN, NOW - MIN] };
    const stuck = evaluateRule(rule, facts, NOW);
    expect(stuck.firing).toBe(true);
    expect(stuck.message).toBe('2 order(s) accepted for longer than 30 min (oldest 42 min)');
    expect(evaluateRule(rule, { kind: 'order_stuck', since: [NOW - MIN] }, NOW).firing).toBe(false);
    expect(evaluateRule(rule, { kind: 'order_stuck', since: [] }, NOW).message).toBe('no order accepted for longer than 30 min');
  });

  it('dead_letters fires above the limit, for all instances or one', () => {
    const all: AlertRule = { id: 'dead', kind: 'dead_letters', instance: undefined, above: 0 };
    const facts = { kind: 'dead_letters' as const, perInstance: { 'oms-main': 4, hub: 1 } };
    const verdict = evaluateRule(all, facts, NOW);
    expect(verdict.firing).toBe(true);
    expect(verdict.message).toBe('all instances: 5 dead letter(s) (oms-main: 4, hub: 1) (limit 0)');
    const one: AlertRule = { id: 'dead-oms', kind: 'dead_letters', instance: 'oms-main', above: 4 };
    expect(evaluateRule(one, facts, NOW)).toMatchObject({ firing: false, message: 'oms-main: 4 dead letter(s) (oms-main: 4) (limit 4)' });
    expect(evaluateRule(all, { kind: 'dead_letters', perInstance: {} }, NOW).firing).toBe(false);
  });

  it('refuses facts of another kind', () => {
    expect(() => evaluateRule({ id: 'x', kind: 'circuit_open', target: undefined }, { kind: 'dead_letters', perInstance: {} }, NOW)).toThrow(/facts of kind/);
  });
});

describe('decide', () => {
  const REPEAT = 60 * MIN;

  it('sends when firing starts, suppresses repeats, re-sends after repeatAfterMs, resolves once', () => {
    let state: RuleState | undefined;
    const step = (at: number, firing: boolean) => {
      const decision = decide(state, firing, 'msg', at, REPEAT);
      state = afterDelivery(decision, at);
      return decision.notice;
    };
    expect(step(NOW, false)).toBeUndefined();
    expect(step(NOW + MIN, true)).toBe('firing');
    expect(state).toEqual({ firingSince: NOW + MIN, lastSentAt: NOW + MIN, message: 'msg' });
    expect(step(NOW + 2 * MIN, true)).toBeUndefined();
    expect(step(NOW + 30 * MIN, true)).toBeUndefined();
    expect(step(NOW + 61 * MIN, true)).toBe('firing');
    expect(state?.firingSince).toBe(NOW + MIN);
    expect(step(NOW + 62 * MIN, false)).toBe('resolved');
    expect(state).toBeUndefined();
    expect(step(NOW + 63 * MIN, false)).toBeUndefined();
  });

  it('keeps a notice due until it was delivered', () => {
    const first = decide(undefined, true, 'msg', NOW, REPEAT);
    expect(first.notice).toBe('firing');
    // not delivered: the state is kept without lastSentAt, so the next evaluation sends again
    expect(decide(first.next, true, 'msg', NOW + 1000, REPEAT).notice).toBe('firing');
  });

  it('ends silently an alert whose firing notice never got out', () => {
    const never: RuleState = { firingSince: NOW, lastSentAt: undefined, message: 'msg' };
    expect(decide(never, false, 'ok', NOW + MIN, REPEAT)).toEqual({ notice: undefined, next: undefined });
  });
});

describe('formatDuration', () => {
  it('words seconds, minutes and hours', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(14 * MIN + 59_000)).toBe('14 min');
    expect(formatDuration(125 * MIN)).toBe('2 h 5 min');
    expect(formatDuration(120 * MIN)).toBe('2 h');
  });
});
