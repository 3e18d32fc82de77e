/**
 * CLI of the X12 trading-partner simulator for the demo:
 *   HUB_X12_TOKEN=… tsx sims/x12-partner/main.ts --hub-url <hub x12 url> --token-env HUB_X12_TOKEN \
 *       --partner-id NORTHWIND --hub-id ORDERHUB --send 5 --interval-ms 1000 --port 4650
 *   tsx sims/x12-partner/main.ts --sftp-host <host> --sftp-port 2222 --sftp-user partner --sftp-key-file <key> \
 *       --drop /inbound --pickup /to-northwind --partner-id NORTHWIND --hub-id ORDERHUB --send 3
 * Sends n generated purchase orders (seeded, from a small catalog or --skus), then keeps
 * taking the hub's documents (HTTP receiver with --port, the pickup folder with SFTP) and
 * answering them with 997s. Prints one JSON line per order sent, document received and 997 sent.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { closeOnSignals, runMain } from '../shared/run-main.js';
import { sleep } from '../shared/wait.js';
import { SAMPLE_CATALOG, samplePurchaseOrder, startX12Partner, type AcknowledgeMode, type CatalogEntry, type X12PartnerOptions, type X12PartnerSim } from './index.js';

const USAGE = `usage: tsx sims/x12-partner/main.ts --partner-id ID --hub-id ID
       (--hub-url URL --token-env NAME | --sftp-host HOST --sftp-user USER --sftp-key-file FILE [--sftp-port 22]
        [--sftp-host-key-fingerprint SHA256:…] [--drop /inbound] [--pickup /outbound] [--poll-interval-ms 1000])
       [--partner-qualifier ZZ] [--hub-qualifier ZZ] [--version 004010|005010] [--usage P|T] [--first-control-number 1]
       [--send 0] [--interval-ms 1000] [--seed 1] [--skus SKU-1,SKU-2] [--currency USD] [--port PORT]
       [--acknowledge accept|reject|never]`;

interface Cli {
  options: X12PartnerOptions;
  hub: { url: string; token: string } | undefined;
  send: number;
  intervalMs: number;
  seed: number;
  catalog: CatalogEntry[];
  currency: string | undefined;
}

function fail(message: string): never {
  throw new Error(`${message}\n${USAGE}`);
}

function count(text: string, flag: string, min = 0): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) fail(`${flag} must be a whole number >= ${min}`);
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) fail(`${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function readCli(): Cli {
  const { values } = parseArgs({
    options: {
      'hub-url': { type: 'string' },
      'token-env': { type: 'string' },
      'sftp-host': { type: 'string' },
      'sftp-port': { type: 'string', default: '22' },
      'sftp-user': { type: 'string' },
      'sftp-key-file': { type: 'string' },
      'sftp-host-key-fingerprint': { type: 'string' },
      drop: { type: 'string', default: '/inbound' },
      pickup: { type: 'string', default: '/outbound' },
      'poll-interval-ms': { type: 'string', default: '1000' },
      'partner-id': { type: 'string' },
      'partner-qualifier': { type: 'string', default: 'ZZ' },
      'hub-id': { type: 'string' },
      'hub-qualifier': { type: 'string', default: 'ZZ' },
      version: { type: 'string', default: '004010' },
      usage: { type: 'string', default: 'P' },
      'first-control-number': { type: 'string', default: '1' },
      send: { type: 'string', default: '0' },
      'interval-ms': { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      skus: { type: 'string' },
      currency: { type: 'string' },
      port: { type: 'string' },
      acknowledge: { type: 'string', default: 'accept' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values['partner-id'] || !values['hub-id']) fail('--partner-id and --hub-id are required');
  const hub = hubOf(values['hub-url'], values['token-env']);
  const sftp = sftpOf(values);
  if (!hub && !sftp) fail('give --hub-url with --token-env, or the --sftp-* options');
  const options: X12PartnerOptions = {
    partner: { qualifier: values['partner-qualifier'], id: values['partner-id'] },
    hub: { qualifier: values['hub-qualifier'], id: values['hub-id'] },
    version: oneOf(values.version, ['004010', '005010'] as const, '--version'),
    usage: oneOf(values.usage, ['P', 'T'] as const, '--usage'),
    firstControlNumber: count(values['first-control-number'], '--first-control-number', 1),
    acknowledge: oneOf<AcknowledgeMode>(values.acknowledge, ['accept', 'reject', 'never'], '--acknowledge'),
    onLog: (entry) => console.log(JSON.stringify(entry)),
    ...(sftp ? { sftp } : {}),
    ...(values.port === undefined ? {} : { http: { port: count(values.port, '--port') } }),
    ...(sftp ? { ackVia: { sftp: true as const } } : hub ? { ackVia: { url: hub.url, token: hub.token } } : {}),
  };
  return {
    options, hub, send: count(values.send, '--send'), intervalMs: count(values['interval-ms'], '--interval-ms'),
    seed: count(values.seed, '--seed'), catalog: catalogOf(values.skus), currency: values.currency,
  };
}

function hubOf(url: string | undefined, tokenEnv: string | undefined): Cli['hub'] {
  if (url === undefined) return undefined;
  if (tokenEnv === undefined) fail('--hub-url needs --token-env NAME (the environment variable holding the bearer token)');
  const token = process.env[tokenEnv];
  if (!token) fail(`the environment variable ${tokenEnv} is not set`);
  return { url, token };
}

function sftpOf(values: Record<string, string | boolean | undefined>): X12PartnerOptions['sftp'] {
  const host = values['sftp-host'];
  if (typeof host !== 'string') return undefined;
  const username = values['sftp-user'];
  const keyFile = values['sftp-key-file'];
  if (typeof username !== 'string' || typeof keyFile !== 'string') fail('--sftp-host needs --sftp-user and --sftp-key-file');
  const fingerprint = values['sftp-host-key-fingerprint'];
  return {
    host, port: count(String(values['sftp-port']), '--sftp-port', 1), username, privateKey: readFileSync(keyFile, 'utf8'),
    dropFolder: String(values['drop']), pickupFolder: String(values['pickup']), pollIntervalMs: count(String(values['poll-interval-ms']), '--poll-interval-ms', 10),
    ...(typeof fingerprint === 'string' ? { hostKeyFingerprint: fingerprint } : {}),
  };
}

/** The built-in catalog, or the given SKUs with its prices and descriptions in turn. */
function catalogOf(skus: string | undefined): CatalogEntry[] {
  if (skus === undefined) return SAMPLE_CATALOG;
  const list = skus.split(',').map((sku) => sku.trim()).filter(Boolean);
  if (list.length === 0) fail('--skus must name at least one SKU');
  return list.map((sku, index) => {
    const model = SAMPLE_CATALOG[index % SAMPLE_CATALOG.length]!;
    return { sku, description: `Item ${sku}`, unitPrice: model.unitPrice };
  });
}

async function sendOrders(sim: X12PartnerSim, cli: Cli): Promise<void> {
  for (let n = 1; n <= cli.send; n++) {
    if (n > 1) await sleep(cli.intervalMs);
    const plan = samplePurchaseOrder(n, { seed: cli.seed, catalog: cli.catalog, ...(cli.currency ? { currency: cli.currency } : {}) });
    const { text, controlNumber } = sim.purchaseOrder(plan);
    try {
      if (cli.hub) {
        const answer = await sim.postToHub(cli.hub.url, cli.hub.token, text);
        console.log(JSON.stringify({ event: 'poSent', poNumber: plan.poNumber, controlNumber, via: 'http', status: answer.status }));
      } else {
        const path = await sim.dropOverSftp(text);
        console.log(JSON.stringify({ event: 'poSent', poNumber: plan.poNumber, controlNumber, via: 'sftp', path }));
      }
    } catch (error) {
      console.log(JSON.stringify({ event: 'poFailed', poNumber: plan.poNumber, controlNumber, error: error instanceof Error ? error.message : String(error) }));
    }
  }
}

async function main(): Promise<void> {
  const cli = readCli();
  const sim = await startX12Partner(cli.options);
  closeOnSignals(() => sim.close());
  console.log(JSON.stringify({
    event: 'started', partner: cli.options.partner.id, hub: cli.options.hub.id, version: cli.options.version,
    receiveUrl: sim.receiveUrl, sftp: cli.options.sftp ? `${cli.options.sftp.username}@${cli.options.sftp.host}:${cli.options.sftp.port}` : undefined,
  }));
  await sendOrders(sim, cli);
}

runMain(main);
