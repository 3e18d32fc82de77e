/**
 * One evaluation of every alert rule: read the rule's facts, judge them, decide with
 * the rule's stored state whether a notice is due, send it, and keep the new state.
 * Everything it touches is injected (clock, facts, state store, sender, audit), so
 * the whole lifecycle can be tested without Redis or HTTP. A rule whose facts cannot
 * be read is skipped this time and logged; it never stops the other rules.
 */
import type { AlertRule } from '../config/hub-config.js';
import { afterDelivery, decide, type Notice } from './decide.js';
import { evaluateRule } from './evaluate.js';
import type { RuleFacts } from './facts.js';
import type { RuleStateStore } from './rule-state.js';
import type { AlertPayload, WarnLog } from './webhook.js';

export interface CycleDeps {
  rules: AlertRule[];
  repeatAfterMs: number;
  now(): number;
  facts(rule: AlertRule, now: number): Promise<RuleFacts>;
  states: RuleStateStore;
  /** Sends a notice to every webhook; true when all took it. */
  send(payload: AlertPayload): Promise<boolean>;
  /** Records a delivered notice (actor `alerts`). */
  audit(notice: Notice, payload: AlertPayload): Promise<void>;
  log: WarnLog;
}

export interface RuleOutcome {
  rule: string;
  firing: boolean;
  notice: Notice | undefined;
  delivered: boolean;
}

export async function runAlertCycle(deps: CycleDeps): Promise<RuleOutcome[]> {
  const outcomes: RuleOutcome[] = [];
  for (const rule of deps.rules) {
    try {
      outcomes.push(await runRule(deps, rule));
    } catch (error) {
      deps.log.warn({ stage: 'alerts', alert: rule.id, err: error }, 'alert rule could not be evaluated; the next evaluation tries again');
    }
  }
  return outcomes;
}

async function runRule(deps: CycleDeps, rule: AlertRule): Promise<RuleOutcome> {
  const now = deps.now();
  const verdict = evaluateRule(rule, await deps.facts(rule, now), now);
  const previous = await deps.states.read(rule.id);
  const decision = decide(previous, verdict.firing, verdict.message, now, deps.repeatAfterMs);
  if (!decision.notice) {
    if (decision.next !== previous) await deps.states.write(rule.id, decision.next);
    return { rule: rule.id, firing: verdict.firing, notice: undefined, delivered: false };
  }
  const payload: AlertPayload = {
    alert: rule.id,
    status: decision.notice,
    message: verdict.message,
    since: new Date(decision.next?.firingSince ?? now).toISOString(),
    at: new Date(now).toISOString(),
    facts: verdict.facts,
  };
  const delivered = await deps.send(payload);
  if (delivered) await deps.audit(decision.notice, payload);
  await deps.states.write(rule.id, delivered ? afterDelivery(decision, now) : decision.next);
  return { rule: rule.id, firing: verdict.firing, notice: decision.notice, delivered };
}
