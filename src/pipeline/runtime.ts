/**
 * The hub runtime: configuration, Redis, store, ledgers, queues and the live
 * connector instances with their compiled mappings. Built once per process and
 * handed to every stage, route and worker.
 */
import type { HubConfig, InstanceConfig } from '../config/hub-config.js';
import { loadMapping, type CompiledMapping } from '../mapping/index.js';
import type { Logger } from '../obs/logger.js';
import { createMetrics, type HubMetrics } from '../obs/metrics.js';
import type { ConnectorRegistry } from '../registry/discover.js';
import type { ConnectorDefinition, ConnectorInstance } from '../sdk/connector.js';
import { DeviceDirectory } from '../devices/device-directory.js';
import { DeviceStore } from '../store/device-store.js';
import { AcknowledgementStore } from '../store/acknowledgement-store.js';
import { ControlNumberStore } from '../store/control-numbers.js';
import { RedisGate } from '../store/redis-gate.js';
import { createRedis, type HubRedis } from '../store/connection.js';
import { AuditLog } from '../store/audit-log.js';
import { DeadLetters } from '../store/dead-letters.js';
import { MappingArchive } from '../store/mapping-archive.js';
import { FiledItems } from '../store/filed-items.js';
import { StockStore } from '../store/stock-store.js';
import { TogetherStore } from '../store/together-store.js';
import { loadSubstitutions, type Substitutions } from '../inventory/substitutions.js';
import { loadWarehouses, type Warehouses } from '../inventory/place-in-warehouses.js';
import { loadPickupStores, type PickupStores } from '../inventory/pickup-stores.js';
import { loadCatalog, type Catalog } from '../inventory/catalog.js';
import { Keys } from '../store/keys.js';
import { Ledgers } from '../store/ledgers.js';
import { OrderStore } from '../store/order-store.js';
import { loadFileLayouts } from './file-layouts.js';
import type { InstanceServices } from './instance-services.js';
import { pipelineGauges } from './metrics-gauges.js';
import { Queues } from './queues.js';

export interface LiveInstance {
  id: string;
  config: InstanceConfig;
  definition: ConnectorDefinition;
  connector: ConnectorInstance;
  inbound: CompiledMapping | undefined;
  /** Inbound mappings by form (`mappings.forms`), for envelopes that name their form. */
  forms: Map<string, CompiledMapping>;
  outbound: CompiledMapping | undefined;
  /** Renders change requests for this target (`mappings.changes`). */
  changes: CompiledMapping | undefined;
}

export interface HubRuntime {
  config: HubConfig;
  log: Logger;
  redis: HubRedis;
  /** Shut while Redis does not answer: the API refuses at once instead of waiting. */
  redisGate: RedisGate;
  keys: Keys;
  store: OrderStore;
  ledgers: Ledgers;
  deadLetters: DeadLetters;
  /** Every mapping version the hub has run, by `id@version` (write-once). */
  mappingArchive: MappingArchive;
  /** Inbound items that are not orders (bounces, auto-replies, spam), with their reasons. */
  filed: FiledItems;
  /** The inventory view: stock per SKU and DC from the OMS, less what orders in flight took. */
  stockView: StockStore;
  /** Which items are bought together, counted from the hub's own accepted orders. */
  together: TogetherStore;
  /** What to offer instead of an out-of-stock SKU (inventory.substitutions). */
  substitutions: Substitutions;
  /** Items and prices the agent desk offers (inventory.catalog); empty without it. */
  catalog: Catalog;
  /** The DCs with their locations, for nearest-DC routing (routing.warehouses); undefined without it. */
  warehouses: Warehouses | undefined;
  /** The stores where customers collect pickup orders, with their locations (routing.stores); empty without it. */
  stores: PickupStores;
  audit: AuditLog;
  /** Registered devices (kiosks): their keys and what their numbered orders hold. */
  devices: DeviceDirectory;
  /** Control numbers of the documents instances send (X12), one per document. */
  controlNumbers: ControlNumberStore;
  /** Sent documents waiting for the partner's acknowledgement (X12 997). */
  acknowledgements: AcknowledgementStore;
  queues: Queues;
  instances: Map<string, LiveInstance>;
  /** Prometheus instruments of this process (its own registry). */
  metrics?: HubMetrics;
  close(): Promise<void>;
}

export async function createRuntime(config: HubConfig, registry: ConnectorRegistry, log: Logger): Promise<HubRuntime> {
  // Commands fail fast while Redis is unreachable (the API answers 503 rather than hang);
  // workers get their own connection that waits for Redis to come back.
  // In-flight commands are never resent after a dropped connection: Redis may have run a
  // command whose reply was lost, and resending it would apply it twice (a timeline entry,
  // a counter). It fails instead (after commandTimeoutMs at the latest), and the caller's own
  // retry goes through the idempotent paths: the API answers 503 and the sender retries into
  // the dedup ledger; a stage's job fails and runs again under its own id. (BullMQ's worker
  // connection keeps resending: its blocking fetch must survive a reconnect.)
  const redis = createRedis(config.redis.url, 'hub', {
    enableOfflineQueue: false, commandTimeout: config.redis.commandTimeoutMs, autoResendUnfulfilledCommands: false,
  });
  const keys = new Keys(config.redis.prefix);
  const keepSeconds = config.retention.dedupDays * 86400;
  const services = {
    devices: new DeviceDirectory(new DeviceStore(redis, keys), config.devices),
    controlNumbers: new ControlNumberStore(redis, keys, keepSeconds),
    acknowledgements: new AcknowledgementStore(redis, keys, keepSeconds),
  };
  const instances = new Map<string, LiveInstance>();
  for (const instance of config.instances.values()) {
    instances.set(instance.id, await startInstance(instance, registry, log, services));
  }
  const queues = new Queues(redis, config.redis.prefix);
  return {
    config,
    log,
    redis,
    redisGate: new RedisGate(redis),
    keys,
    store: new OrderStore(redis, keys, config.retention.dedupDays * 86400),
    ledgers: new Ledgers(redis, keys),
    deadLetters: new DeadLetters(redis, keys),
    mappingArchive: new MappingArchive(redis, keys),
    filed: new FiledItems(redis, keys, config.retention.dedupDays * 86400),
    stockView: new StockStore(redis, keys),
    together: new TogetherStore(redis, keys),
    substitutions: await loadSubstitutions(config.inventory.substitutions),
    warehouses: await loadWarehouses(config.routing.warehouses),
    stores: await loadPickupStores(config.routing),
    catalog: await loadCatalog(config.inventory.catalog),
    audit: new AuditLog(redis, keys.audit()),
    ...services,
    queues,
    instances,
    metrics: createMetrics(pipelineGauges({ redis, keys, queues, instances })),
    async close() {
      await queues.close();
      await Promise.allSettled([...instances.values()].map((i) => i.connector.close?.()));
      redis.disconnect();
    },
  };
}

/**
 * One configured instance, live: its connector created with its settings and its
 * mappings compiled. Touches no Redis itself (the services are handed in), so
 * `hub dry-run` builds the one instance it needs with it.
 */
export async function startInstance(config: InstanceConfig, registry: ConnectorRegistry, log: Logger, services: InstanceServices): Promise<LiveInstance> {
  const definition = registry.get(config.connector);
  if (!definition) throw new Error(`instance ${config.id}: connector ${config.connector} is not installed`);
  const connector = await definition.create({
    instanceId: config.id,
    channel: config.channel,
    config: config.settings,
    log: log.child({ connector: config.connector, instance: config.id }),
    fileLayouts: await loadFileLayouts(config.mappings.files ?? {}),
    devices: services.devices,
    controlNumbers: services.controlNumbers.forInstance(config.id),
    acknowledgements: services.acknowledgements.forInstance(config.id),
    ...(config.mappings.status ? { statusMapping: await statusMappingOf(config.mappings.status) } : {}),
  });
  return {
    id: config.id,
    config,
    definition,
    connector,
    inbound: config.mappings.inbound ? await loadMapping(config.mappings.inbound) : undefined,
    forms: await loadForms(config.mappings.forms ?? {}),
    outbound: config.mappings.outbound ? await loadMapping(config.mappings.outbound) : undefined,
    changes: config.mappings.changes ? await loadMapping(config.mappings.changes) : undefined,
  };
}

/** A status mapping as a function, for the connector to apply to what its source reports. */
async function statusMappingOf(file: string): Promise<(input: unknown) => Record<string, unknown>> {
  const mapping = await loadMapping(file);
  return (input) => mapping.apply(input);
}

async function loadForms(forms: Record<string, string>): Promise<Map<string, CompiledMapping>> {
  const loaded = new Map<string, CompiledMapping>();
  for (const [form, file] of Object.entries(forms)) loaded.set(form, await loadMapping(file));
  return loaded;
}

export function requireInstance(runtime: HubRuntime, id: string): LiveInstance {
  const instance = runtime.instances.get(id);
  if (!instance) throw new Error(`no connector instance "${id}" is configured`);
  return instance;
}
