/**
 * One alert evaluation end to end without Redis or HTTP: an in-memory state store, a
 * recording sender that can be told to fail, and a clock the test moves. Checks the
 * notices sent, the audit entries, retry after a failed delivery and that a rule
 * whose facts cannot be read does not stop the others.
 */
import { describe, expect, it } from 'vitest';
import { runAlertCycle, type CycleDeps } from '../../src/alerts/alert-cycle.js';
import type { RuleState } from '../../src/alerts/decide.js';
import type { RuleFacts } from '../../src/alerts/facts.js';
import type { AlertPayload } from '../../src/alerts/webhook.js';
import type { AlertRule } from '../../src/config/hub-config.js';

const START = Date.parse('2025-03-01T12:00:00Z');

function harness(rules: AlertRule[]) {
  const states = new Map<string, RuleState>();
  const sent: AlertPayload[] = [];
  const audited: string[] = [];
  const warnings: string[] = [];
  const world = { now: START, open: false, webhookUp: true, factsFail: false };
  const deps: CycleDeps = {
    rules,
    repeatAfterMs: 10_000,
    now: () => world.now,
    facts: async (rule): Promise<RuleFacts> => {
      if (rule.kind === 'dead_letters' && world.factsFail) throw new Error('redis down');
      if (rule.kind === 'dead_letters') return { kind: 'dead_letters', perInstance: {} };
      return { kind: 'circuit_open', open: world.open ? [{ target: 'oms-main', failures: 3, lastError: 'HTTP 503' }] : [] };
    },
    states: {
      read: async (id) => states.get(id),
      write: async (id, state) => { if (state) states.set(id, state); else states.delete(id); },
    },
    send: async (payload) => {
      if (!world.webhookUp) return false;
      sent.push(payload);
      return true;
    },
    audit: async (notice, payload) => { audited.push(`${notice}:${payload.alert}`); },
    log: { warn: (_fields, message) => { warnings.push(message); } },
  };
  return { deps, world, sent, audited, warnings, states };
}

const circuit: AlertRule = { id: 'circuit', kind: 'circuit_open', target: undefined };
const dead: AlertRule = { id: 'dead', kind: 'dead_letters', instance: undefined, above: 0 };

describe('runAlertCycle', () => {
  it('sends firing once, suppresses repeats, re-sends after repeatAfterMs, then resolved once', async () => {
    const h = harness([circuit]);
    h.world.open = true;
    await runAlertCycle(h.deps);
    h.world.now += 1000;
    await runAlertCycle(h.deps);
    h.world.now += 1000;
    await runAlertCycle(h.deps);
    expect(h.sent.map((p) => p.status)).toEqual(['firing']);
    expect(h.sent[0]).toMatchObject({ alert: 'circuit', since: new Date(START).toISOString(), facts: { open: [{ target: 'oms-main' }] } });
    expect(h.sent[0]!.message).toContain('oms-main');

    h.world.now = START + 10_000;
    await runAlertCycle(h.deps);
    expect(h.sent.map((p) => p.status)).toEqual(['firing', 'firing']);

    h.world.open = false;
    h.world.now += 1000;
    await runAlertCycle(h.deps);
    await runAlertCycle(h.deps);
    expect(h.sent.map((p) => p.status)).toEqual(['firing', 'firing', 'resolved']);
    expect(h.sent[2]).toMatchObject({ since: new Date(START).toISOString(), message: 'any target: circuit breaker closed' });
    expect(h.audited).toEqual(['firing:circuit', 'firing:circuit', 'resolved:circuit']);
    expect(h.states.size).toBe(0);
  });

  it('retries an undelivered notice at the next evaluation, and audits only delivered ones', async () => {
    const h = harness([circuit]);
    h.world.open = true;
    h.world.webhookUp = false;
    const [first] = await runAlertCycle(h.deps);
    expect(first).toMatchObject({ notice: 'firing', delivered: false });
    expect(h.audited).toEqual([]);
    h.world.webhookUp = true;
    h.world.now += 1000;
    await runAlertCycle(h.deps);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.since).toBe(new Date(START).toISOString());
    expect(h.audited).toEqual(['firing:circuit']);
  });

  it('skips a rule whose facts cannot be read and evaluates the others', async () => {
    const h = harness([dead, circuit]);
    h.world.factsFail = true;
    h.world.open = true;
    const outcomes = await runAlertCycle(h.deps);
    expect(outcomes.map((o) => o.rule)).toEqual(['circuit']);
    expect(h.warnings).toHaveLength(1);
    expect(h.sent.map((p) => p.alert)).toEqual(['circuit']);
  });
});
