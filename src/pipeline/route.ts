/**
 * Routing: which target instance receives an order. The inbound instance's own
 * `route` wins; otherwise the first matching rule; otherwise the default.
 */
import type { HubConfig, RouteRule } from '../config/hub-config.js';
import type { CanonicalOrder } from '../model/order.js';

export interface RouteDecision {
  target: string | undefined;
  reason: string;
}

export function chooseTarget(config: HubConfig, order: CanonicalOrder): RouteDecision {
  const own = config.instances.get(order.source)?.route;
  if (own) return { target: own, reason: `instance ${order.source} routes to ${own}` };
  const index = config.routing.rules.findIndex((rule) => matches(rule, order));
  if (index >= 0) return { target: config.routing.rules[index]!.target, reason: `routing rule ${index + 1} matched` };
  if (config.routing.default) return { target: config.routing.default, reason: 'default route' };
  return { target: undefined, reason: 'no routing rule matches and there is no default route' };
}

function matches(rule: RouteRule, order: CanonicalOrder): boolean {
  const value = readPointer(order, rule.when.path);
  if (rule.when.exists !== undefined && (value !== undefined) !== rule.when.exists) return false;
  if (rule.when.equals !== undefined && value !== rule.when.equals) return false;
  if (rule.when.in !== undefined && !rule.when.in.includes(value)) return false;
  return true;
}

function readPointer(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
