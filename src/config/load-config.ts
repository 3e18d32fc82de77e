/**
 * Loads the hub configuration: parse YAML or JSON, validate against the schema
 * (filling defaults), resolve `{ env: NAME }` references, validate each instance's
 * settings against its connector's schema, and check routing and mapping files.
 * Every problem is collected and reported with the file, the path and the line.
 */
import type { TogetherRules } from '../inventory/bought-together.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { buildAlerts, type RawAlerts } from '../alerts/alerts-config.js';
import { describeErrors } from '../model/validate.js';
import type { Channel } from '../model/order.js';
import type { ConnectorRegistry } from '../registry/discover.js';
import { createConfigAjv } from './ajv.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { configSchema } from './config-schema.js';
import { isEnvRef, literalSecrets, resolveEnvRefs } from './env-refs.js';
import type { BreakerPolicy, HubConfig, InstanceConfig, RetryPolicy, RouteRule, StoreConfig, WarehouseRouting } from './hub-config.js';

type Problem = Omit<ConfigProblem, 'file'>;

interface RawInstance {
  connector: string;
  channel?: Channel;
  settings: Record<string, unknown>;
  mappings: { inbound?: string; outbound?: string; changes?: string; status?: string; files?: Record<string, string>; forms?: Record<string, string> };
  route?: string;
  notify: boolean;
  retry?: Partial<RetryPolicy>;
  breaker: BreakerPolicy;
  concurrency: number;
}

interface RawConfig {
  redis: { url: unknown; prefix: string; durability: 'require' | 'warn'; commandTimeoutMs: number };
  http: { host: unknown; port: unknown; bodyLimitBytes: number; secureCookies: boolean };
  workers: HubConfig['workers'];
  retry: RetryPolicy;
  retention: HubConfig['retention'];
  routing: { default?: string; rules: RouteRule[]; warehouses?: Omit<WarehouseRouting, 'coordinates'> & { coordinates?: string }; stores: StoreConfig[] };
  notifications: { customer?: string };
  payments: { gateway?: string };
  devices: { keySecret?: unknown; overlapSeconds: number };
  carriers: Record<string, string>;
  inventory: { substitutions?: string; catalog?: string; checkAtCapture: boolean; boughtTogether: TogetherRules };
  instances: Record<string, RawInstance>;
  alerts: RawAlerts;
}

const ajv = createConfigAjv();
const validateShape = ajv.compile(configSchema);

export function loadConfig(file: string, registry: ConnectorRegistry, env: NodeJS.ProcessEnv = process.env): HubConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigError([{ file: path, path: '', message: 'file not found' }]);
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines });
  const lineOf = (pointer: string) => lineOfPointer(document, lines, pointer);
  const fail = (problems: Problem[]) =>
    new ConfigError(problems.map((p) => ({ file: path, ...p, ...withLine(lineOf(p.path)) })));

  if (document.errors.length > 0) {
    throw new ConfigError(document.errors.map((e) => ({
      file: path, path: '', line: e.linePos?.[0]?.line, message: e.message,
    })));
  }
  const raw = document.toJS() as unknown;
  if (!validateShape(raw)) {
    // An if/then branch that failed is already reported by the keywords inside its `then`.
    throw fail((validateShape.errors ?? []).filter((e) => e.keyword !== 'if').map((e, i) => ({
      path: e.instancePath, message: describeErrors([e])[0]!.replace(/^\S+ /, '') ?? String(i),
    })));
  }
  const problems: Problem[] = [];
  const config = buildConfig(raw as RawConfig, path, registry, env, problems);
  if (problems.length > 0) throw fail(problems);
  return config;
}

function buildConfig(raw: RawConfig, file: string, registry: ConnectorRegistry, env: NodeJS.ProcessEnv, problems: Problem[]): HubConfig {
  const baseDir = dirname(file);
  const instances = new Map<string, InstanceConfig>();
  for (const [id, instance] of Object.entries(raw.instances)) {
    const built = buildInstance(id, instance, raw.retry, baseDir, registry, env, problems);
    if (built) instances.set(id, built);
  }
  checkRouting(raw, instances, registry, problems);
  return {
    file,
    redis: {
      url: String(resolveEnvRefs(raw.redis.url, '/redis/url', env, problems)),
      prefix: raw.redis.prefix,
      durability: raw.redis.durability,
      commandTimeoutMs: raw.redis.commandTimeoutMs,
    },
    http: {
      host: String(resolveEnvRefs(raw.http.host, '/http/host', env, problems)),
      port: portNumber(resolveEnvRefs(raw.http.port, '/http/port', env, problems), problems),
      bodyLimitBytes: raw.http.bodyLimitBytes,
      secureCookies: raw.http.secureCookies,
    },
    workers: raw.workers,
    retry: raw.retry,
    retention: raw.retention,
    routing: {
      default: raw.routing.default, rules: raw.routing.rules, stores: raw.routing.stores,
      warehouses: raw.routing.warehouses && {
        ...raw.routing.warehouses,
        coordinates: raw.routing.warehouses.coordinates === undefined ? undefined
          : existingFile(resolve(baseDir, raw.routing.warehouses.coordinates), '/routing/warehouses/coordinates', problems),
      },
    },
    notifications: { customer: raw.notifications.customer },
    payments: { gateway: raw.payments.gateway },
    devices: { keySecret: deviceKeySecret(raw.devices.keySecret, env, problems), overlapSeconds: raw.devices.overlapSeconds },
    carriers: checkedCarriers(raw.carriers, instances, registry, problems),
    inventory: {
      substitutions: raw.inventory.substitutions === undefined ? undefined : existingFile(resolve(baseDir, raw.inventory.substitutions), '/inventory/substitutions', problems),
      catalog: raw.inventory.catalog === undefined ? undefined : existingFile(resolve(baseDir, raw.inventory.catalog), '/inventory/catalog', problems),
      checkAtCapture: raw.inventory.checkAtCapture,
      boughtTogether: raw.inventory.boughtTogether,
    },
    instances,
    alerts: buildAlerts(raw.alerts, new Set(Object.keys(raw.instances)), env, problems),
  };
}

function buildInstance(
  id: string, raw: RawInstance, defaultRetry: RetryPolicy, baseDir: string,
  registry: ConnectorRegistry, env: NodeJS.ProcessEnv, problems: Problem[],
): InstanceConfig | undefined {
  const at = `/instances/${id}`;
  const connector = registry.get(raw.connector);
  if (!connector) {
    const known = registry.list().map((c) => c.id).join(', ');
    problems.push({ path: `${at}/connector`, message: `no connector "${raw.connector}" (known: ${known})` });
    return undefined;
  }
  for (const secretPath of literalSecrets(connector.configSchema, raw.settings, `${at}/settings`)) {
    problems.push({ path: secretPath, message: 'secrets must come from the environment: write { env: NAME }' });
  }
  const settings = resolveEnvRefs(raw.settings, `${at}/settings`, env, problems) as Record<string, unknown>;
  const validateSettings = ajv.compile(connector.configSchema);
  if (!validateSettings(settings)) {
    const alreadyReported = new Set(problems.map((p) => p.path));
    for (const error of validateSettings.errors ?? []) {
      const path = `${at}/settings${error.instancePath}`;
      const missing = error.keyword === 'required' ? `${path}/${String(error.params.missingProperty)}` : undefined;
      if (missing && alreadyReported.has(missing)) continue;
      problems.push({ path, message: describeErrors([error])[0]!.replace(/^\S+ /, '') });
    }
  }
  const mappings = resolveMappingFiles(raw.mappings, baseDir, at, problems);
  return {
    id,
    connector: raw.connector,
    channel: raw.channel,
    settings,
    mappings,
    route: raw.route,
    notify: raw.notify,
    retry: { ...defaultRetry, ...raw.retry },
    breaker: raw.breaker,
    concurrency: raw.concurrency,
  };
}

function resolveMappingFiles(mappings: RawInstance['mappings'], baseDir: string, at: string, problems: Problem[]) {
  const resolved: InstanceConfig['mappings'] = {};
  const existing = (file: string, path: string) => {
    const full = resolve(baseDir, file);
    if (!existsSync(full)) problems.push({ path, message: `mapping file ${full} not found` });
    return full;
  };
  for (const direction of ['inbound', 'outbound', 'changes', 'status'] as const) {
    const file = mappings[direction];
    if (file !== undefined) resolved[direction] = existing(file, `${at}/mappings/${direction}`);
  }
  if (mappings.files) {
    resolved.files = Object.fromEntries(Object.entries(mappings.files).map(([pattern, file]) =>
      [pattern, existing(file, `${at}/mappings/files/${pattern.replace(/~/g, '~0').replace(/\//g, '~1')}`)]));
  }
  if (mappings.forms) {
    resolved.forms = Object.fromEntries(Object.entries(mappings.forms).map(([form, file]) =>
      [form, existing(file, `${at}/mappings/forms/${form}`)]));
  }
  return resolved;
}

function checkRouting(raw: RawConfig, instances: Map<string, InstanceConfig>, registry: ConnectorRegistry, problems: Problem[]): void {
  const canDeliver = (id: string) => {
    const instance = instances.get(id);
    return instance !== undefined && (registry.get(instance.connector)?.roles.includes('deliver') ?? false);
  };
  const targets: Array<[string, string]> = [];
  if (raw.routing.default) targets.push(['/routing/default', raw.routing.default]);
  raw.routing.rules.forEach((rule, i) => targets.push([`/routing/rules/${i}/target`, rule.target]));
  raw.routing.warehouses?.dcs.forEach((dc, i) => { if (dc.target) targets.push([`/routing/warehouses/dcs/${i}/target`, dc.target]); });
  raw.routing.stores.forEach((store, i) => { if (store.target) targets.push([`/routing/stores/${i}/target`, store.target]); });
  checkStoreIds(raw.routing.stores, problems);
  for (const [id, instance] of instances) {
    if (instance.route) targets.push([`/instances/${id}/route`, instance.route]);
    const receives = registry.get(instance.connector)?.roles.some((r) => r === 'push' || r === 'pull' || r === 'listen' || r === 'keyed');
    const takesOrders = instance.mappings.inbound !== undefined || Object.keys(instance.mappings.forms ?? {}).length > 0;
    if (receives && takesOrders && !instance.route && !raw.routing.default && raw.routing.rules.length === 0) {
      problems.push({ path: `/instances/${id}`, message: 'orders from this instance have nowhere to go: set route or routing.default' });
    }
    if (takesOrders && instance.channel === undefined) {
      problems.push({ path: `/instances/${id}/channel`, message: 'an instance that takes orders needs a channel (web, phone, fax, mail, kiosk, edi, api)' });
    }
  }
  const customer = raw.notifications.customer;
  if (customer !== undefined && !(instances.has(customer) && registry.get(instances.get(customer)!.connector)?.roles.includes('notify'))) {
    problems.push({ path: '/notifications/customer', message: `"${customer}" is not a configured instance that can notify (e.g. connector customer-email)` });
  }
  const gateway = raw.payments.gateway;
  if (gateway !== undefined && !(instances.has(gateway) && registry.get(instances.get(gateway)!.connector)?.roles.includes('payment'))) {
    problems.push({ path: '/payments/gateway', message: `"${gateway}" is not a configured instance with the payment role (e.g. connector payment-gateway)` });
  }
  for (const [path, target] of targets) {
    if (!canDeliver(target)) problems.push({ path, message: `"${target}" is not a configured instance that can deliver orders` });
    else if (!instances.get(target)!.mappings.outbound) {
      problems.push({ path: `/instances/${target}/mappings/outbound`, message: 'a delivery target needs an outbound mapping' });
    }
  }
}

/** Each store once: a pickup order names its store by id. */
function checkStoreIds(stores: StoreConfig[], problems: Problem[]): void {
  const seen = new Set<string>();
  stores.forEach((store, i) => {
    if (seen.has(store.id)) problems.push({ path: `/routing/stores/${i}/id`, message: `store ${store.id} is listed twice` });
    seen.add(store.id);
  });
}

function lineOfPointer(document: ReturnType<typeof parseDocument>, lines: LineCounter, pointer: string): number | undefined {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = document.getIn(segments.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** A port read from the environment is text: it must still be a whole number 0-65535. */
function portNumber(value: unknown, problems: Problem[]): number {
  const port = Number(value);
  const blank = typeof value === 'string' && value.trim() === '';
  if (value !== undefined && (blank || !Number.isInteger(port) || port < 0 || port > 65535)) {
    problems.push({ path: '/http/port', message: `${JSON.stringify(value)} is not a port number (0-65535)` });
  }
  return port;
}

function withLine(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** The path, after noting a problem when no file is there. */
function existingFile(path: string, pointer: string, problems: Problem[]): string {
  if (!existsSync(path)) problems.push({ path: pointer, message: `file ${path} not found` });
  return path;
}

/** The devices' key secret from the environment: long enough to derive keys from, or a problem. */
function deviceKeySecret(value: unknown, env: NodeJS.ProcessEnv, problems: Problem[]): string | undefined {
  if (value === undefined) return undefined;
  if (!isEnvRef(value)) {
    problems.push({ path: '/devices/keySecret', message: 'a secret must come from the environment: write { env: NAME }' });
    return undefined;
  }
  const secret = resolveEnvRefs(value, '/devices/keySecret', env, problems);
  if (typeof secret !== 'string') return undefined;
  if (secret.length < 32) problems.push({ path: '/devices/keySecret', message: `environment variable ${value.env} must hold at least 32 characters` });
  return secret;
}

/** Every carrier names a configured instance that can follow parcels (the track role). */
function checkedCarriers(carriers: Record<string, string>, instances: Map<string, InstanceConfig>, registry: ConnectorRegistry, problems: Problem[]): Record<string, string> {
  for (const [carrier, instance] of Object.entries(carriers)) {
    const connector = instances.get(instance)?.connector;
    if (!connector || !registry.get(connector)?.roles.includes('track')) {
      problems.push({ path: `/carriers/${carrier}`, message: `"${instance}" is not a configured instance that follows parcels (a connector with the track role, e.g. parcel-carrier)` });
    }
  }
  return carriers;
}
