/**
 * `hub dry-run <instance> <file>`: runs a payload through a configured instance as the
 * hub would (receive, parse, map, validate, route, render for the target) and prints
 * every step, without Redis and without delivering anything: only the one inbound
 * instance is built (its connector created, its mappings compiled), and the target's
 * outbound mapping is loaded. Exit code 0 when the order would be accepted, 2 when it
 * would go to review, 3 when its delivery would fail, 1 for usage or configuration errors.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { loadPickupStores } from '../inventory/pickup-stores.js';
import { createLogger } from '../obs/logger.js';
import { traceOrder } from '../pipeline/trace-order.js';
import { startInstance } from '../pipeline/runtime.js';
import { discoverConnectors } from '../registry/discover.js';
import type { EnvelopeIn } from '../sdk/connector.js';
import { contentTypeOf } from './content-type.js';
import { exitCodeOf, formatTrace } from './dry-run-report.js';
import { offlineServices } from './offline-services.js';
import { UsageError } from './usage-error.js';

export interface DryRunOptions {
  instance: string;
  file: string;
  config: string;
  contentType?: string;
  /** The envelope's form, for instances that map several (`mappings.forms`). */
  form?: string;
}

export interface DryRunResult {
  report: string;
  exitCode: number;
}

export async function dryRun(options: DryRunOptions): Promise<DryRunResult> {
  const registry = await discoverConnectors();
  const config = loadConfig(options.config, registry);
  const instanceConfig = config.instances.get(options.instance);
  if (!instanceConfig) throw new UsageError(`${config.file} has no instance "${options.instance}" (it has ${[...config.instances.keys()].join(', ')})`);
  if (!instanceConfig.mappings.inbound && Object.keys(instanceConfig.mappings.forms ?? {}).length === 0) {
    throw new UsageError(`instance ${options.instance} takes no orders (no mappings.inbound or mappings.forms in ${config.file}): dry-run an instance orders come in through`);
  }
  const envelope = await envelopeOf(options);
  const log = createLogger({ level: 'error' });
  const instance = await startInstance(instanceConfig, registry, log, offlineServices());
  try {
    const trace = await traceOrder({ config, instance, envelope, stores: await loadPickupStores(config.routing) });
    const heading = `dry run of ${options.file} through ${instance.id} (connector ${instanceConfig.connector}, channel ${instanceConfig.channel ?? 'api'}): nothing is stored, nothing is delivered`;
    return { report: formatTrace(trace, heading), exitCode: exitCodeOf(trace.outcome) };
  } finally {
    await instance.connector.close?.();
  }
}

async function envelopeOf(options: DryRunOptions): Promise<EnvelopeIn> {
  const contentType = options.contentType ?? contentTypeOf(options.file);
  if (!contentType) throw new UsageError(`cannot tell the content type of ${options.file} from its extension: give --content-type (e.g. application/json)`);
  let body: Buffer;
  try {
    body = await readFile(resolve(options.file));
  } catch (error) {
    throw new UsageError(`cannot read ${options.file}: ${(error as Error).message}`);
  }
  const name = basename(options.file);
  return { dedupKey: `dry-run:${name}`, contentType, body, meta: { via: 'dry-run', file: name }, ...(options.form ? { form: options.form } : {}) };
}
