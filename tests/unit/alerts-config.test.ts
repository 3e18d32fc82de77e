/**
 * The `alerts` section of the configuration: defaults, rule defaults per kind, webhook
 * secrets only from the environment, and rules that name something the hub does not have.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema as omsSchema } from '../../connectors/oms-xml-http/config.js';
import { configSchema as storefrontSchema } from '../../connectors/web-storefront/config.js';
import { ConfigError, type ConfigProblem } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { HubConfig } from '../../src/config/hub-config.js';
import type { ConnectorRegistry } from '../../src/registry/discover.js';
import type { ConnectorDefinition } from '../../src/sdk/connector.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/config');
const CONNECTORS = [
  { id: 'oms-xml-http', roles: ['deliver', 'status', 'push', 'pull'], configSchema: omsSchema },
  { id: 'web-storefront', roles: ['push', 'pull', 'notify'], configSchema: storefrontSchema },
] as unknown as ConnectorDefinition[];
const registry: ConnectorRegistry = { get: (id) => CONNECTORS.find((c) => c.id === id), list: () => CONNECTORS };
const ENV = { TEST_SHOP_SECRET: 'shop-secret-0123456789', ALERT_SECRET: 'alert-secret' };

const dir = mkdtempSync(join(tmpdir(), 'hub-alerts-config-'));
mkdirSync(join(dir, 'mappings'));
for (const name of ['inbound.json', 'outbound.json']) copyFileSync(join(FIXTURES, 'mappings', name), join(dir, 'mappings', name));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = `routing:
  default: oms-main
instances:
  web-shop:
    connector: web-storefront
    channel: web
    settings:
      webhookSecret: { env: TEST_SHOP_SECRET }
    mappings:
      inbound: mappings/inbound.json
  oms-main:
    connector: oms-xml-http
    settings:
      url: http://127.0.0.1:9101
    mappings:
      outbound: mappings/outbound.json
`;

let count = 0;
function load(alerts: string): HubConfig {
  const file = join(dir, `config-${++count}.yaml`);
  writeFileSync(file, `${BASE}${alerts}`);
  return loadConfig(file, registry, ENV);
}

function problemsOf(alerts: string): ConfigProblem[] {
  try {
    load(alerts);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('alerts configuration', () => {
  it('defaults to no rules and no webhooks', () => {
    expect(load('').alerts).toEqual({ evaluateEveryMs: 15000, repeatAfterMs: 3600000, timeoutMs: 5000, webhooks: [], rules: [] });
  });

  it('loads every rule kind with its defaults and resolves the webhook secret', () => {
    const { alerts } = load(`alerts:
  webhooks:
    - url: https://ops.example/hooks/hub
      secret: { env: ALERT_SECRET }
    - url: http://127.0.0.1:9/plain
  rules:
    - { id: oms-backlog, kind: queue_age, queue: deliver-oms-main, olderThanMs: 600000 }
    - { id: oms-failing, kind: failure_rate, target: oms-main, above: 0.2 }
    - { id: circuit, kind: circuit_open }
    - { id: stuck, kind: order_stuck, state: accepted, longerThanMs: 1800000 }
    - { id: dead, kind: dead_letters }
`);
    expect(alerts.webhooks).toEqual([
      { url: 'https://ops.example/hooks/hub', secret: 'alert-secret' },
      { url: 'http://127.0.0.1:9/plain', secret: undefined },
    ]);
    expect(alerts.rules).toEqual([
      { id: 'oms-backlog', kind: 'queue_age', queue: 'deliver-oms-main', olderThanMs: 600000 },
      { id: 'oms-failing', kind: 'failure_rate', target: 'oms-main', above: 0.2, windowMs: 900000, minAttempts: 10 },
      { id: 'circuit', kind: 'circuit_open', target: undefined },
      { id: 'stuck', kind: 'order_stuck', state: 'accepted', longerThanMs: 1800000 },
      { id: 'dead', kind: 'dead_letters', instance: undefined, above: 0 },
    ]);
  });

  it('refuses a literal webhook secret', () => {
    const problems = problemsOf(`alerts:
  webhooks:
    - { url: https://ops.example/hook, secret: plain-text }
`);
    expect(problems.map((p) => p.path)).toContain('/alerts/webhooks/0/secret');
  });

  it('refuses a field of another kind, a missing field and an unknown kind', () => {
    const problems = problemsOf(`alerts:
  rules:
    - { id: a, kind: queue_age, queue: deliver-oms-main, above: 3 }
    - { id: b, kind: nope }
`);
    expect(problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      '/alerts/rules/0 is missing "olderThanMs"',
      '/alerts/rules/0 has an unknown field "above"',
      '/alerts/rules/1/kind must be equal to one of the allowed values',
    ]);
  });

  it('refuses unknown targets, instances and queues, and a rule id used twice', () => {
    const problems = problemsOf(`alerts:
  rules:
    - { id: a, kind: circuit_open, target: nowhere }
    - { id: b, kind: queue_age, queue: deliver-nowhere, olderThanMs: 1000 }
    - { id: c, kind: dead_letters, instance: ghost }
    - { id: a, kind: failure_rate, target: oms-main, above: 0.5 }
`);
    expect(problems.map((p) => p.path).sort()).toEqual([
      '/alerts/rules/0/target', '/alerts/rules/1/queue', '/alerts/rules/2/instance', '/alerts/rules/3/id',
    ]);
  });
});
