/**
 * The payment gateway simulator as a process, for the demo:
 *
 *   PAYMENT_GATEWAY_API_KEY=sk_test_… node --import tsx sims/payment-gateway/main.ts --port 9103
 *
 * The secret key comes from PAYMENT_GATEWAY_API_KEY (the hub's instance reads the same
 * variable); the publishable key from PAYMENT_GATEWAY_PUBLISHABLE_KEY, or a random one
 * that is printed (it is public by design). Prints one JSON line per start and prints
 * nothing about cards but brand and last four.
 */
import { parseArgs } from 'node:util';
import { startPaymentGatewaySim, TEST_CARDS } from './index.js';

const USAGE = 'usage: PAYMENT_GATEWAY_API_KEY=sk_test_… main.ts [--port 9103] [--host 127.0.0.1]';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9103' },
    host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
const apiKey = process.env['PAYMENT_GATEWAY_API_KEY'];
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number\n${USAGE}`);
  process.exit(2);
}
if (!apiKey) {
  console.error(`set PAYMENT_GATEWAY_API_KEY to the secret key the hub will use\n${USAGE}`);
  process.exit(2);
}
const publishableKey = process.env['PAYMENT_GATEWAY_PUBLISHABLE_KEY'];
const sim = await startPaymentGatewaySim({ port, host: values.host, apiKey, ...(publishableKey ? { publishableKey } : {}) });
console.log(JSON.stringify({
  event: 'listening', url: sim.url, hostedField: `${sim.url}/hosted-field?key=${sim.publishableKey}`,
  publishableKey: sim.publishableKey, testCards: TEST_CARDS.map((card) => ({ lastFour: card.number.slice(-4), behaviour: card.behaviour })),
}));
const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
