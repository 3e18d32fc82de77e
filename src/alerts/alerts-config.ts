/**
 * Turns the validated `alerts` section into `AlertsConfig`: resolves webhook secrets
 * from the environment and checks what the schema cannot (unique rule ids; targets,
 * instances and queues that the configuration really has).
 */
import type { ConfigProblem } from '../config/config-error.js';
import { resolveEnvRefs, type EnvRef } from '../config/env-refs.js';
import type { AlertRule, AlertsConfig } from '../config/hub-config.js';
import { NORMALIZE_QUEUE, POLL_QUEUE } from '../pipeline/queue-names.js';

type Problem = Omit<ConfigProblem, 'file'>;

/** A rule as the schema leaves it: optional fields may be absent rather than undefined. */
type RawRule = { [K in AlertRule['kind']]: Partial<Extract<AlertRule, { kind: K }>> & { id: string; kind: K } }[AlertRule['kind']];

export interface RawAlerts {
  evaluateEveryMs: number;
  repeatAfterMs: number;
  timeoutMs: number;
  webhooks: Array<{ url: string; secret?: EnvRef }>;
  rules: RawRule[];
}

export function buildAlerts(raw: RawAlerts, instanceIds: Set<string>, env: NodeJS.ProcessEnv, problems: Problem[]): AlertsConfig {
  const rules = raw.rules.map((rule) => normalizeRule(rule));
  rules.forEach((rule, i) => checkRule(rule, `/alerts/rules/${i}`, instanceIds, problems));
  checkUniqueIds(rules, problems);
  return {
    evaluateEveryMs: raw.evaluateEveryMs,
    repeatAfterMs: raw.repeatAfterMs,
    timeoutMs: raw.timeoutMs,
    webhooks: raw.webhooks.map((hook, i) => ({
      url: hook.url,
      secret: hook.secret === undefined ? undefined : String(resolveEnvRefs(hook.secret, `/alerts/webhooks/${i}/secret`, env, problems)),
    })),
    rules,
  };
}

/** Fills the fields the schema leaves out (defaults are already in place). */
function normalizeRule(rule: RawRule): AlertRule {
  switch (rule.kind) {
    case 'circuit_open': return { id: rule.id, kind: rule.kind, target: rule.target };
    case 'dead_letters': return { id: rule.id, kind: rule.kind, instance: rule.instance, above: rule.above ?? 0 };
    case 'ack_overdue': return { id: rule.id, kind: rule.kind, instance: rule.instance };
    default: return rule as AlertRule;
  }
}

function checkRule(rule: AlertRule, at: string, instanceIds: Set<string>, problems: Problem[]): void {
  const known = (id: string | undefined, field: string) => {
    if (id !== undefined && id !== 'hub' && !instanceIds.has(id)) problems.push({ path: `${at}/${field}`, message: `"${id}" is not a configured instance` });
  };
  if (rule.kind === 'failure_rate' || rule.kind === 'circuit_open') known(rule.target, 'target');
  if (rule.kind === 'dead_letters' || rule.kind === 'ack_overdue') known(rule.instance, 'instance');
  if (rule.kind === 'queue_age' && !isTopologyQueue(rule.queue, instanceIds)) {
    problems.push({ path: `${at}/queue`, message: `"${rule.queue}" is not a queue of this hub (normalize, poll, deliver-<target>, notify-<instance>)` });
  }
}

function isTopologyQueue(queue: string, instanceIds: Set<string>): boolean {
  if (queue === NORMALIZE_QUEUE || queue === POLL_QUEUE) return true;
  const match = /^(?:deliver|notify)-(.+)$/.exec(queue);
  return match !== null && instanceIds.has(match[1]!);
}

function checkUniqueIds(rules: AlertRule[], problems: Problem[]): void {
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.id)) problems.push({ path: `/alerts/rules/${i}/id`, message: `rule id "${rule.id}" is used twice` });
    seen.add(rule.id);
  });
}
