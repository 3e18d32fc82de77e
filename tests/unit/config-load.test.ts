/**
 * Loading the hub configuration: defaults filled, `{ env: NAME }` resolved, and every
 * bad configuration refused with the file, a JSON pointer, the line and a clear message.
 * The registry is a small fake carrying the real settings schemas and roles of the two
 * connectors (not discovered, so a connector folder being written elsewhere cannot
 * change these tests).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema as omsSchema } from '../../connectors/oms-xml-http/config.js';
import { configSchema as storefrontSchema } from '../../connectors/web-storefront/config.js';
import { ConfigError, formatProblem, type ConfigProblem } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ConnectorRegistry } from '../../src/registry/discover.js';
import type { ConnectorDefinition } from '../../src/sdk/connector.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/config');
/** Only what loadConfig reads: id, roles (as in each connector's index.ts) and settings schema. */
function fakeConnector(id: string, roles: string[], configSchema: object): ConnectorDefinition {
  return { id, roles, configSchema, create: () => ({}) } as unknown as ConnectorDefinition;
}
const CONNECTORS = [
  fakeConnector('oms-xml-http', ['deliver', 'status', 'push', 'pull'], omsSchema),
  fakeConnector('web-storefront', ['push', 'pull', 'notify'], storefrontSchema),
];
const registry: ConnectorRegistry = {
  get: (id) => CONNECTORS.find((c) => c.id === id),
  list: () => CONNECTORS,
};

const ENV = {
  TEST_SHOP_SECRET: 'shop-secret-0123456789',
  TEST_SHOP_TOKEN: 'shop-token',
  TEST_OMS_PASSWORD: 'oms-password',
};

const dir = mkdtempSync(join(tmpdir(), 'hub-config-test-'));
mkdirSync(join(dir, 'mappings'));
for (const name of ['inbound.json', 'outbound.json']) copyFileSync(join(FIXTURES, 'mappings', name), join(dir, 'mappings', name));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function writeConfig(text: string, extension = 'yaml'): string {
  fileCount += 1;
  const file = join(dir, `config-${fileCount}.${extension}`);
  writeFileSync(file, text);
  return file;
}

/** The problems of loading `text`; fails the test if it loads. */
function problemsOf(text: string, env: NodeJS.ProcessEnv = ENV): ConfigProblem[] {
  const file = writeConfig(text);
  try {
    loadConfig(file, registry, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    for (const problem of problems) expect(problem.file).toBe(file);
    return problems;
  }
  throw new Error('expected the configuration to be refused');
}

/** 1-based number of the first line of `text` containing `marker`. */
function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line contains ${marker}`);
  return index + 1;
}

/** A valid configuration to break one piece of at a time. */
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

describe('a good configuration', () => {
  it('the base used below loads', () => {
    expect(loadConfig(writeConfig(BASE), registry, ENV).instances.size).toBe(2);
  });

  it('loads from YAML with every default filled and env refs resolved', () => {
    const config = loadConfig(join(FIXTURES, 'good.yaml'), registry, ENV);
    expect(config.file).toBe(join(FIXTURES, 'good.yaml'));
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6399', prefix: 'hub', durability: 'require', commandTimeoutMs: 2000 });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 1048576, secureCookies: false });
    expect(config.workers).toEqual({ normalizeConcurrency: 8, lockDurationMs: 30000, stalledIntervalMs: 30000 });
    expect(config.retry).toEqual({ attempts: 8, baseDelayMs: 50, maxDelayMs: 300000 });
    expect(config.retention).toEqual({ dedupDays: 30, orderDays: 90 });
    expect(config.routing).toEqual({ default: 'oms-main', rules: [], stores: [] });
    expect([...config.instances.keys()]).toEqual(['web-shop', 'oms-main']);

    const shop = config.instances.get('web-shop')!;
    expect(shop).toMatchObject({ id: 'web-shop', connector: 'web-storefront', channel: 'web', notify: true, concurrency: 16, route: undefined });
    expect(shop.settings).toEqual({
      style: 'shopify',
      webhookSecret: ENV.TEST_SHOP_SECRET,
      toleranceSeconds: 300,
      requireTimestamp: true,
      pull: { url: 'http://127.0.0.1:9102', apiToken: ENV.TEST_SHOP_TOKEN, intervalMs: 30000, pageSize: 50 },
    });
    expect(shop.mappings).toEqual({ inbound: join(FIXTURES, 'mappings/inbound.json') });
    expect(shop.retry).toEqual(config.retry);

    const oms = config.instances.get('oms-main')!;
    expect(oms.settings).toEqual({ url: 'http://127.0.0.1:9101', password: ENV.TEST_OMS_PASSWORD, timeoutMs: 10000 });
    expect(oms.mappings).toEqual({ outbound: join(FIXTURES, 'mappings/outbound.json') });
    expect(oms.channel).toBeUndefined();
  });

  it('an instance retry overrides only what it names and inherits the rest from the top level', () => {
    const oms = loadConfig(join(FIXTURES, 'good.yaml'), registry, ENV).instances.get('oms-main')!;
    expect(oms.retry).toEqual({ attempts: 3, baseDelayMs: 50, maxDelayMs: 300000 });
  });

  it('takes values from the environment over the defaults written beside them', () => {
    const config = loadConfig(join(FIXTURES, 'good.yaml'), registry, {
      ...ENV, TEST_REDIS_URL: 'redis://redis.internal:6379', TEST_OMS_URL: 'https://oms.example.com',
    });
    expect(config.redis.url).toBe('redis://redis.internal:6379');
    expect(config.instances.get('oms-main')!.settings.url).toBe('https://oms.example.com');
  });

  it('reads the pickup stores, each with its optional name and target', () => {
    const text = BASE.replace('  default: oms-main\n', '  default: oms-main\n  stores:\n    - { id: S01, name: Leeds Briggate, postalCode: LS1 6HB, country: GB, target: oms-main }\n    - { id: S02, postalCode: BS1 3XE, country: GB }\n');
    expect(loadConfig(writeConfig(text), registry, ENV).routing.stores).toEqual([
      { id: 'S01', name: 'Leeds Briggate', postalCode: 'LS1 6HB', country: 'GB', target: 'oms-main' },
      { id: 'S02', postalCode: 'BS1 3XE', country: 'GB' },
    ]);
  });

  it('loads JSON too', () => {
    const config = loadConfig(join(FIXTURES, 'good.json'), registry, {});
    expect(config.http.port).toBe(0);
    expect(config.instances.get('oms-main')!.settings).toEqual({ url: 'http://127.0.0.1:9101', timeoutMs: 2500 });
  });

  it('reads the HTTP port from the environment as a number', () => {
    const text = `http:\n  port: { env: TEST_PORT, default: "8081" }\n${BASE}`;
    expect(loadConfig(writeConfig(text), registry, ENV).http.port).toBe(8081);
    expect(loadConfig(writeConfig(text), registry, { ...ENV, TEST_PORT: '9000' }).http.port).toBe(9000);
  });
});

describe('a bad configuration is refused', () => {
  it('when the file does not exist', () => {
    const missing = join(dir, 'nope.yaml');
    expect(() => loadConfig(missing, registry, ENV)).toThrow(ConfigError);
    try {
      loadConfig(missing, registry, ENV);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([{ file: missing, path: '', message: 'file not found' }]);
    }
  });

  it('when the YAML does not parse, with the line', () => {
    const text = `${BASE}  broken:\n    connector: [unclosed\n`;
    const [problem, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(problem!.path).toBe('');
    expect(problem!.line).toBeGreaterThanOrEqual(lineOf(text, '[unclosed'));
    expect(problem!.message).toMatch(/flow sequence|\]/i);
  });

  it('when a key is written twice', () => {
    const text = `${BASE}  oms-main:\n    connector: oms-xml-http\n`;
    const problems = problemsOf(text);
    expect(problems[0]!.message).toMatch(/Map keys must be unique/);
    expect(problems[0]!.line).toBe(text.split('\n').lastIndexOf('  oms-main:') + 1);
  });

  it('when a top-level field is unknown (a typo)', () => {
    const text = `redsi:\n  url: redis://x\n${BASE}`;
    expect(problemsOf(text)).toEqual([expect.objectContaining({ path: '', message: 'has an unknown field "redsi"', line: 1 })]);
  });

  it('when notifications.customer names an instance that cannot notify, at its line', () => {
    const text = `notifications:\n  customer: oms-main\n${BASE}`;
    expect(problemsOf(text)).toEqual([expect.objectContaining({
      path: '/notifications/customer', line: 2,
      message: '"oms-main" is not a configured instance that can notify (e.g. connector customer-email)',
    })]);
    expect(loadConfig(writeConfig(`notifications:\n  customer: web-shop\n${BASE}`), registry, ENV).notifications.customer).toBe('web-shop');
  });

  it('when instances are missing', () => {
    expect(problemsOf('redis:\n  prefix: hub\n')).toEqual([expect.objectContaining({ path: '', message: 'is missing "instances"' })]);
  });

  it('when an instance has no connector', () => {
    const text = BASE.replace('    connector: oms-xml-http\n', '');
    const problems = problemsOf(text);
    expect(problems).toEqual([expect.objectContaining({ path: '/instances/oms-main', message: 'is missing "connector"' })]);
    expect(problems[0]!.line).toBe(lineOf(text, '  oms-main:') + 1);
  });

  it('when a value has the wrong type, at the line of the value', () => {
    const text = BASE.replace('    connector: oms-xml-http\n', '    connector: oms-xml-http\n    concurrency: 0\n    notify: "yes"\n');
    const problems = problemsOf(text);
    expect(problems).toContainEqual(expect.objectContaining({ path: '/instances/oms-main/concurrency', message: 'must be >= 1', line: lineOf(text, 'concurrency: 0') }));
    expect(problems).toContainEqual(expect.objectContaining({ path: '/instances/oms-main/notify', message: 'must be boolean', line: lineOf(text, 'notify:') }));
  });

  it('when an instance id is not a valid name', () => {
    const text = BASE.replace('  web-shop:', '  Web_Shop:');
    const problems = problemsOf(text);
    expect(problems.every((p) => p.path === '/instances')).toBe(true);
    expect(problems[0]!.message).toContain('must match pattern');
  });

  it('when the HTTP port is out of range', () => {
    const text = `http:\n  port: 70000\n${BASE}`;
    expect(problemsOf(text)).toContainEqual(expect.objectContaining({ path: '/http/port', message: 'must be <= 65535', line: 2 }));
  });

  it('when the HTTP port from the environment is not a port number', () => {
    const text = `http:\n  port: { env: TEST_PORT }\n${BASE}`;
    for (const value of ['eighty', '', '70000', '80.5']) {
      expect(problemsOf(text, { ...ENV, TEST_PORT: value })).toEqual([
        expect.objectContaining({ path: '/http/port', message: `${JSON.stringify(value)} is not a port number (0-65535)`, line: 2 }),
      ]);
    }
  });

  it('when the connector is unknown, naming the known ones', () => {
    const text = BASE.replace('connector: oms-xml-http', 'connector: oms-xml-htp');
    expect(problemsOf(text)).toContainEqual({
      file: expect.any(String),
      path: '/instances/oms-main/connector',
      line: lineOf(text, 'oms-xml-htp'),
      message: 'no connector "oms-xml-htp" (known: oms-xml-http, web-storefront)',
    });
  });

  it('when a secret is written literally, at any depth of the settings', () => {
    const text = BASE.replace(
      '      webhookSecret: { env: TEST_SHOP_SECRET }\n',
      '      webhookSecret: literally-the-secret-value\n      pull:\n        url: http://127.0.0.1:9102\n        apiToken: tok-123\n',
    );
    const problems = problemsOf(text);
    expect(problems).toEqual([
      expect.objectContaining({ path: '/instances/web-shop/settings/webhookSecret', line: lineOf(text, 'webhookSecret:'), message: 'secrets must come from the environment: write { env: NAME }' }),
      expect.objectContaining({ path: '/instances/web-shop/settings/pull/apiToken', line: lineOf(text, 'apiToken:'), message: 'secrets must come from the environment: write { env: NAME }' }),
    ]);
    // The refusal never repeats the secret itself.
    expect(new ConfigError(problems).message).not.toContain('literally-the-secret-value');
  });

  it('when an environment variable is not set (and has no default)', () => {
    const env = { ...ENV } as NodeJS.ProcessEnv;
    delete env.TEST_SHOP_SECRET;
    const problems = problemsOf(BASE, env);
    expect(problems).toEqual([expect.objectContaining({
      path: '/instances/web-shop/settings/webhookSecret', line: lineOf(BASE, 'webhookSecret'), message: 'environment variable TEST_SHOP_SECRET is not set',
    })]);
  });

  it('when a required secret is missing from the environment: one problem, not two', () => {
    const text = BASE.replace('      url: http://127.0.0.1:9101\n', '      url: { env: TEST_OMS_URL }\n');
    expect(problemsOf(text)).toEqual([expect.objectContaining({ path: '/instances/oms-main/settings/url', message: 'environment variable TEST_OMS_URL is not set' })]);
  });

  it('when an environment reference is malformed', () => {
    const text = `redis:\n  url: { env: lower-case }\n${BASE}`;
    expect(problemsOf(text).map((p) => p.path)).toContain('/redis/url/env');
  });

  it('when settings break the connector schema', () => {
    const text = BASE.replace('      url: http://127.0.0.1:9101\n', '      url: not a url\n      timeoutMs: 5\n      colour: blue\n');
    const problems = problemsOf(text);
    expect(problems).toContainEqual(expect.objectContaining({ path: '/instances/oms-main/settings/url', message: 'must match format "uri"', line: lineOf(text, 'not a url') }));
    expect(problems).toContainEqual(expect.objectContaining({ path: '/instances/oms-main/settings/timeoutMs', message: 'must be >= 100', line: lineOf(text, 'timeoutMs') }));
    expect(problems).toContainEqual(expect.objectContaining({ path: '/instances/oms-main/settings', message: 'has an unknown field "colour"' }));
  });

  it('when a mapping file is missing', () => {
    const text = BASE.replace('mappings/inbound.json', 'mappings/nope.json');
    expect(problemsOf(text)).toEqual([expect.objectContaining({
      path: '/instances/web-shop/mappings/inbound', line: lineOf(text, 'nope.json'),
      message: `mapping file ${join(dir, 'mappings/nope.json')} not found`,
    })]);
  });

  it('when the default route points at an instance that cannot deliver', () => {
    const text = BASE.replace('default: oms-main', 'default: web-shop');
    expect(problemsOf(text)).toEqual([expect.objectContaining({
      path: '/routing/default', line: 2, message: '"web-shop" is not a configured instance that can deliver orders',
    })]);
  });

  it('when a routing rule or an instance route names an instance that does not exist', () => {
    const text = BASE
      .replace('  default: oms-main\n', '  default: oms-main\n  rules:\n    - when: { path: /channel, equals: web }\n      target: oms-backup\n')
      .replace('    channel: web\n', '    channel: web\n    route: oms-archive\n');
    const problems = problemsOf(text);
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/routing/rules/0/target', line: lineOf(text, 'target: oms-backup'), message: '"oms-backup" is not a configured instance that can deliver orders' }),
      expect.objectContaining({ path: '/instances/web-shop/route', line: lineOf(text, 'route: oms-archive'), message: '"oms-archive" is not a configured instance that can deliver orders' }),
    ]));
    expect(problems).toHaveLength(2);
  });

  it('when a pickup store is listed twice, or names a target that cannot deliver', () => {
    const text = BASE.replace('  default: oms-main\n', '  default: oms-main\n  stores:\n    - { id: S01, postalCode: LS1 6HB, country: GB }\n    - { id: S01, postalCode: BS1 3XE, country: GB, target: web-shop }\n');
    const problems = problemsOf(text);
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/routing/stores/1/id', message: 'store S01 is listed twice' }),
      expect.objectContaining({ path: '/routing/stores/1/target', message: '"web-shop" is not a configured instance that can deliver orders' }),
    ]));
    expect(problems).toHaveLength(2);
  });

  it('when a delivery target has no outbound mapping', () => {
    const text = BASE.replace('    mappings:\n      outbound: mappings/outbound.json\n', '');
    expect(problemsOf(text)).toEqual([expect.objectContaining({
      path: '/instances/oms-main/mappings/outbound', message: 'a delivery target needs an outbound mapping',
    })]);
  });

  it('when orders from an instance have nowhere to go', () => {
    const text = BASE.replace('routing:\n  default: oms-main\n', '');
    expect(problemsOf(text)).toEqual([expect.objectContaining({
      path: '/instances/web-shop', line: lineOf(text, 'connector: web-storefront'),
      message: 'orders from this instance have nowhere to go: set route or routing.default',
    })]);
  });

  it('when an instance that takes orders has no channel', () => {
    const text = BASE.replace('    channel: web\n', '');
    expect(problemsOf(text)).toEqual([expect.objectContaining({
      path: '/instances/web-shop/channel', message: expect.stringContaining('needs a channel'),
    })]);
  });

  it('with every problem of the file at once, one line each in the message', () => {
    const env = { ...ENV } as NodeJS.ProcessEnv;
    delete env.TEST_SHOP_SECRET;
    const text = BASE.replace('mappings/outbound.json', 'mappings/gone.json').replace('connector: web-storefront', 'connector: web-storefront\n    concurrency: 2');
    const file = writeConfig(text);
    let error: ConfigError | undefined;
    try {
      loadConfig(file, registry, env);
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error?.problems.map((p) => p.path)).toEqual([
      '/instances/web-shop/settings/webhookSecret',
      '/instances/oms-main/mappings/outbound',
    ]);
    expect(error!.message.split('\n')).toEqual(error!.problems.map(formatProblem));
    expect(error!.message.split('\n')[0]).toBe(`${file}:${lineOf(text, 'webhookSecret')} /instances/web-shop/settings/webhookSecret: environment variable TEST_SHOP_SECRET is not set`);
  });
});

describe('formatProblem', () => {
  it('shows file:line, the pointer (or /) and the message', () => {
    expect(formatProblem({ file: 'hub.yaml', path: '/http/port', line: 3, message: 'must be integer' })).toBe('hub.yaml:3 /http/port: must be integer');
    expect(formatProblem({ file: 'hub.yaml', path: '', message: 'file not found' })).toBe('hub.yaml /: file not found');
  });
});
