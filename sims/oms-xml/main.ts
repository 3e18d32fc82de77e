/**
 * CLI of the OMS simulator for the demo:
 *   tsx sims/oms-xml/main.ts --port 9101 --callback-url http://127.0.0.1:8080/in/oms-main/status --auto-progress
 * The callback secret comes from OMS_CALLBACK_SECRET; Basic auth from
 * OMS_BASIC_USER / OMS_BASIC_PASSWORD when both are set. The JSON control API
 * lives under /_sim/ (fail, reject, accept, delay, hang, orders/:ref/status,
 * stock, stock/snapshot). `--stock FILE` reads the stock option as JSON
 * (`{"dcs":[…],"items":[{"sku","dc","onHand","expectedDate"?}],"pushUrl"?}`).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startOmsSim } from './index.js';
import type { OmsSimOptions, OmsStockOptions } from './types.js';
import { closeOnSignals, runMain } from '../shared/run-main.js';

const USAGE = `usage: tsx sims/oms-xml/main.ts [--port 9101] [--host 127.0.0.1] [--callback-url URL]
       [--auto-progress] [--carrier UPS] [--duplicate-hub-order-id reject|accept] [--stock stock.json]`;

function readOptions(): OmsSimOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9101' },
      host: { type: 'string', default: '127.0.0.1' },
      'callback-url': { type: 'string' },
      'auto-progress': { type: 'boolean', default: false },
      carrier: { type: 'string', default: 'UPS' },
      'duplicate-hub-order-id': { type: 'string', default: 'reject' },
      stock: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number\n${USAGE}`);
  const duplicate = values['duplicate-hub-order-id'];
  if (duplicate !== 'reject' && duplicate !== 'accept') throw new Error(`--duplicate-hub-order-id must be reject or accept`);
  const options: OmsSimOptions = { port, host: values.host, carrier: values.carrier, controlApi: true, duplicateHubOrderId: duplicate };
  if (values['callback-url']) options.callbackUrl = values['callback-url'];
  if (process.env['OMS_CALLBACK_SECRET']) options.callbackSecret = process.env['OMS_CALLBACK_SECRET'];
  const user = process.env['OMS_BASIC_USER'];
  const password = process.env['OMS_BASIC_PASSWORD'];
  if (user && password) options.basicAuth = { user, password };
  if (values.stock) options.stock = readStockFile(values.stock);
  if (values['auto-progress']) options.autoProgress = { acknowledgeAfterMs: 1000, allocateAfterMs: 2000, shipAfterMs: 4000 };
  return options;
}

/** The JSON is checked by the simulator itself when it starts. */
function readStockFile(path: string): OmsStockOptions {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as OmsStockOptions;
  } catch (error) {
    throw new Error(`--stock ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const sim = await startOmsSim(options);
  sim.onOrder((order) => {
    console.log(JSON.stringify({ event: 'order', omsOrderNumber: order.omsOrderNumber, hubOrderId: order.hubOrderId, lines: order.lines.length }));
  });
  console.log(JSON.stringify({
    event: 'listening', url: sim.url, orders: `${sim.url}/orders`, control: `${sim.url}/_sim/`,
    callbackUrl: options.callbackUrl ?? null, autoProgress: Boolean(options.autoProgress), stockItems: sim.stock().length,
  }));
  closeOnSignals(() => sim.close());
}

runMain(main);
