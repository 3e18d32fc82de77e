/**
 * CLI of the storefront simulator for the demo:
 *   tsx sims/storefront/main.ts --port 9102 --hub-url http://127.0.0.1:8080/in/web-shop --style shopify --send 5 --interval-ms 2000
 * Secrets come from SHOP_WEBHOOK_SECRET, SHOP_CALLBACK_SECRET and SHOP_API_TOKEN.
 * Generated orders are also added to the pullable order API. The hub's answers
 * and every callback received are printed as JSON lines.
 */
import { parseArgs } from 'node:util';
import { makeShopifyOrder, makeWooOrder, startStorefrontSim, type StoreOrder, type StoreStyle, type StorefrontSim } from './index.js';
import { sleep } from '../shared/wait.js';
import { closeOnSignals, runMain } from '../shared/run-main.js';

interface CliOptions {
  port: number;
  host: string;
  hubUrl: string | undefined;
  style: StoreStyle;
  send: number;
  first: number;
  intervalMs: number;
}

const USAGE = `usage: tsx sims/storefront/main.ts [--port 9102] [--host 127.0.0.1] [--hub-url URL]
       [--style shopify|woocommerce] [--send N] [--first 1] [--interval-ms 2000]`;

function readOptions(): CliOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9102' },
      host: { type: 'string', default: '127.0.0.1' },
      'hub-url': { type: 'string' },
      style: { type: 'string', default: 'shopify' },
      send: { type: 'string', default: '0' },
      first: { type: 'string', default: '1' },
      'interval-ms': { type: 'string', default: '2000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const style = values.style;
  if (style !== 'shopify' && style !== 'woocommerce') throw new Error(`--style must be shopify or woocommerce\n${USAGE}`);
  const options: CliOptions = {
    port: toInteger(values.port, '--port'), host: values.host, hubUrl: values['hub-url'], style,
    send: toInteger(values.send, '--send'), first: toInteger(values.first, '--first'), intervalMs: toInteger(values['interval-ms'], '--interval-ms'),
  };
  if (options.send > 0 && !options.hubUrl) throw new Error(`--send needs --hub-url\n${USAGE}`);
  return options;
}

function toInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a non-negative integer\n${USAGE}`);
  return value;
}

function makeOrder(style: StoreStyle, n: number): StoreOrder {
  return style === 'shopify' ? makeShopifyOrder(n) : makeWooOrder(n);
}

async function main(): Promise<void> {
  const cli = readOptions();
  const sim = await startStorefrontSim({
    port: cli.port, host: cli.host, style: cli.style,
    webhookSecret: process.env['SHOP_WEBHOOK_SECRET'] ?? 'shop-webhook-secret',
    callbackSecret: process.env['SHOP_CALLBACK_SECRET'] ?? 'shop-callback-secret',
    ...(process.env['SHOP_API_TOKEN'] ? { apiToken: process.env['SHOP_API_TOKEN'] } : {}),
  });
  sim.onCallback((callback) => {
    const { hubOrderId, state, statusVersion, shipments } = callback.body;
    console.log(JSON.stringify({ event: 'callback', hubOrderId, state, statusVersion, duplicate: callback.duplicate, stale: callback.stale, shipments }));
  });
  console.log(JSON.stringify({ event: 'listening', url: sim.url, callbackUrl: sim.callbackUrl, ordersApi: `${sim.url}/admin/api/orders.json`, style: cli.style }));
  closeOnSignals(() => sim.close());

  for (let i = 0; i < cli.send && cli.hubUrl; i += 1) {
    if (i > 0) await sleep(cli.intervalMs);
    await sendOne(sim, cli.hubUrl, makeOrder(cli.style, cli.first + i));
  }
}

async function sendOne(sim: StorefrontSim, hubUrl: string, order: StoreOrder): Promise<void> {
  sim.addOrders([order]);
  try {
    const answer = await sim.sendOrderWebhook(hubUrl, order);
    console.log(JSON.stringify({ event: 'webhook', orderId: order.id, status: answer.status, answer: answer.body }));
  } catch (error) {
    console.log(JSON.stringify({ event: 'webhook', orderId: order.id, error: error instanceof Error ? error.message : String(error) }));
  }
}

runMain(main);
