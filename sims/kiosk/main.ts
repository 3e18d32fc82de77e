/**
 * CLI of the kiosk fleet simulator for the demo:
 *   tsx sims/kiosk/main.ts --hub http://127.0.0.1:3000 --instance kiosks --devices devices.json \
 *       --transport http|mqtt [--broker mqtt://127.0.0.1:1883] [--orders 20] [--seed 1] ...
 * `--transport memory` runs against the in-memory hub stand-in (no hub needed; --devices N
 * makes N devices). Prints JSON lines: the start, with --verbose every upload and hub message,
 * a line per kiosk and a summary. Exits 1 when the fleet did not drain.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sleep } from '../shared/wait.js';
import {
  DEFAULT_CATALOG, Fleet, lookupOrder, MemoryHub, readDevicesFile, type CatalogItem, type FleetOptions, type KioskIdentity,
} from './index.js';

const USAGE = `usage: tsx sims/kiosk/main.ts --devices FILE|N [--transport http|mqtt|memory]
       [--hub http://127.0.0.1:3000] [--instance kiosks] [--broker mqtt://127.0.0.1:1883] [--prefix kiosks]
       [--orders 20] [--duration-ms MS] [--seed 1] [--batch-size 100] [--in-order]
       [--duplicate-rate 0] [--lost-response-rate 0] [--tick-ms 25] [--receipt-timeout-ms 10000]
       [--drain-timeout-ms 60000] [--catalog FILE.json | --skus SKU-1,SKU-2] [--lookup N] [--listen-ms 0] [--verbose]`;

interface Cli {
  fleet: FleetOptions;
  orders: number | undefined;
  durationMs: number | undefined;
  drainTimeoutMs: number;
  lookup: number;
  listenMs: number;
  verbose: boolean;
  hubUrl: string | undefined;
}

function fail(message: string): never {
  throw new Error(`${message}\n${USAGE}`);
}

function numberOf(text: string | undefined, flag: string, { integer = true, max = Number.POSITIVE_INFINITY } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > max || (integer && !Number.isInteger(value))) fail(`${flag} must be a ${integer ? 'non-negative integer' : `number in [0, ${max}]`}`);
  return value;
}

async function catalogOf(file: string | undefined, skus: string | undefined): Promise<CatalogItem[] | undefined> {
  if (file !== undefined) return JSON.parse(await readFile(file, 'utf8')) as CatalogItem[];
  if (skus === undefined) return undefined;
  return skus.split(',').filter(Boolean).map((sku, index) => ({ sku, description: `Kiosk item ${sku}`, unitPrice: DEFAULT_CATALOG[index % DEFAULT_CATALOG.length]?.unitPrice ?? 999 }));
}

async function devicesOf(spec: string): Promise<KioskIdentity[]> {
  if (/^\d+$/.test(spec)) {
    return Array.from({ length: Number(spec) }, (_, i) => ({
      deviceId: `kiosk-${String(i + 1).padStart(2, '0')}`, store: `store-${(i % 3) + 1}`, key: { keyId: `kiosk-${i + 1}.demo`, secret: `demo-secret-${i + 1}` },
    }));
  }
  return readDevicesFile(spec);
}

async function readCli(): Promise<Cli> {
  const { values } = parseArgs({
    options: {
      hub: { type: 'string' },
      instance: { type: 'string', default: 'kiosks' },
      devices: { type: 'string' },
      transport: { type: 'string', default: 'http' },
      broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      prefix: { type: 'string', default: 'kiosks' },
      orders: { type: 'string' },
      'duration-ms': { type: 'string' },
      seed: { type: 'string', default: '1' },
      'batch-size': { type: 'string', default: '100' },
      'in-order': { type: 'boolean', default: false },
      'duplicate-rate': { type: 'string', default: '0' },
      'lost-response-rate': { type: 'string', default: '0' },
      'tick-ms': { type: 'string', default: '25' },
      'receipt-timeout-ms': { type: 'string', default: '10000' },
      'drain-timeout-ms': { type: 'string', default: '60000' },
      catalog: { type: 'string' },
      skus: { type: 'string' },
      lookup: { type: 'string', default: '0' },
      'listen-ms': { type: 'string', default: '0' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.devices === undefined) fail('--devices is required');
  const transport = values.transport;
  if (transport !== 'http' && transport !== 'mqtt' && transport !== 'memory') fail('--transport must be http, mqtt or memory');
  if (transport === 'http' && values.hub === undefined) fail('--transport http needs --hub');
  if (values.lookup !== '0' && values.hub === undefined) fail('--lookup needs --hub');
  const catalog = await catalogOf(values.catalog, values.skus);
  const devices = await devicesOf(values.devices);
  const fleet: FleetOptions = {
    devices,
    transport: transport === 'memory' ? memoryTransport(catalog) : transport,
    instance: values.instance,
    brokerUrl: values.broker,
    topicPrefix: values.prefix,
    seed: values.seed,
    batchSize: numberOf(values['batch-size'], '--batch-size') as number,
    shuffle: !values['in-order'],
    duplicateRate: numberOf(values['duplicate-rate'], '--duplicate-rate', { integer: false, max: 1 }) as number,
    lostResponseRate: numberOf(values['lost-response-rate'], '--lost-response-rate', { integer: false, max: 1 }) as number,
    tickMs: numberOf(values['tick-ms'], '--tick-ms') as number,
    receiptTimeoutMs: numberOf(values['receipt-timeout-ms'], '--receipt-timeout-ms') as number,
    ...(values.hub === undefined ? {} : { hubUrl: values.hub }),
    ...(catalog === undefined ? {} : { catalog }),
  };
  return {
    fleet,
    orders: numberOf(values.orders, '--orders'),
    durationMs: numberOf(values['duration-ms'], '--duration-ms'),
    drainTimeoutMs: numberOf(values['drain-timeout-ms'], '--drain-timeout-ms') as number,
    lookup: numberOf(values.lookup, '--lookup') as number,
    listenMs: numberOf(values['listen-ms'], '--listen-ms') as number,
    verbose: values.verbose,
    hubUrl: values.hub,
  };
}

function memoryTransport(catalog: CatalogItem[] | undefined): FleetOptions['transport'] {
  const hub = new MemoryHub({ knownSkus: (catalog ?? DEFAULT_CATALOG).map((item) => item.sku), pushStatuses: true });
  return (identity) => hub.transport(identity);
}

async function main(): Promise<void> {
  const cli = await readCli();
  if (cli.verbose) {
    cli.fleet.onEvent = ({ type, ...rest }) => console.log(JSON.stringify({ event: type, ...rest }));
  }
  const fleet = new Fleet(cli.fleet);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  console.log(JSON.stringify({
    event: 'start', transport: typeof cli.fleet.transport === 'string' ? cli.fleet.transport : 'memory', kiosks: cli.fleet.devices.length,
    hub: cli.fleet.hubUrl, broker: cli.fleet.transport === 'mqtt' ? cli.fleet.brokerUrl : undefined, seed: cli.fleet.seed,
  }));
  try {
    let report = await fleet.run({
      ...(cli.orders === undefined ? {} : { ordersPerKiosk: cli.orders }),
      ...(cli.durationMs === undefined ? {} : { durationMs: cli.durationMs }),
      drainTimeoutMs: cli.drainTimeoutMs,
      signal: stop.signal,
    });
    if (cli.listenMs > 0) {
      await sleep(cli.listenMs, stop.signal);
      report = fleet.report();
    }
    for (const kiosk of report.kiosks) {
      const { deviceId, store, lastSeq, highestContiguous, inSync, pending, unanswered, outcomes, confirmations, statuses, stats, blocked, anomalies } = kiosk;
      console.log(JSON.stringify({
        event: 'kiosk', deviceId, store, lastSeq, highestContiguous, inSync, pending: pending.length, unanswered: unanswered.length,
        outcomes, confirmations, statuses, uploads: stats.uploads, retries: stats.retries, lost: stats.lostResponses, duplicatesSent: stats.duplicatesSent,
        ...(blocked ? { blocked } : {}), ...(anomalies.length > 0 ? { anomalies } : {}),
      }));
    }
    if (cli.lookup > 0 && cli.hubUrl !== undefined) await lookups(fleet, cli.hubUrl, cli.lookup);
    console.log(JSON.stringify({ event: 'summary', drained: report.drained, elapsedMs: report.elapsedMs, ...report.totals }));
    process.exitCode = report.drained ? 0 : 1;
  } finally {
    await fleet.close();
  }
}

/** Looks up the first `count` confirmations the fleet received, signed by the kiosk that owns each. */
async function lookups(fleet: Fleet, hubUrl: string, count: number): Promise<void> {
  let done = 0;
  for (const kiosk of fleet.kiosks) {
    for (const record of kiosk.ledger.records()) {
      if (done >= count) return;
      if (record.confirmation === undefined) continue;
      done += 1;
      try {
        const answer = await lookupOrder({ hubUrl, identity: kiosk.identity, confirmation: record.confirmation });
        console.log(JSON.stringify({ event: 'lookup', deviceId: kiosk.deviceId, seq: record.seq, confirmation: record.confirmation, status: answer.status, body: answer.body }));
      } catch (error) {
        console.log(JSON.stringify({ event: 'lookup', deviceId: kiosk.deviceId, seq: record.seq, error: error instanceof Error ? error.message : String(error) }));
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
