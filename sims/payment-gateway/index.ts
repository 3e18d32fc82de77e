/**
 * The payment gateway simulator: a card gateway's JSON API on loopback, for tests and
 * the demo. A hosted field (`GET /hosted-field`) sends the card to `POST /v1/tokens`
 * and hands back only a token and the last four digits; with the secret key, the
 * server API authorizes an amount against a token (partially when the card's credit
 * is short), captures and releases parts of it, each POST once per Idempotency-Key.
 *
 * Test cards (any future expiry, any 3-digit CVC):
 *   4242 4242 4242 4242  approves any amount
 *   4000 0000 0000 0002  always declined: card_declined
 *   4000 0000 0000 9995  always declined: insufficient_funds
 *   4000 0000 0000 3055  limit 50.00 (5000 minor units): larger amounts are partially approved
 * Any other Luhn-valid number approves anything, unless the `limits` option gives it a limit.
 *
 * The full card number is never logged or kept: the vault keeps a keyed fingerprint,
 * the brand and the last four digits; the CVC is checked and dropped.
 */
import { randomBytes } from 'node:crypto';
import { listen } from '../shared/http-server.js';
import { createGatewayApp } from './app.js';
import { AuthorizationBook } from './authorization-book.js';
import { Faults } from './faults.js';
import { IdempotencyLedger } from './idempotency.js';
import { isCardNumber } from './luhn.js';
import type { GatewayRequestLogEntry, PaymentGatewaySim, PaymentGatewaySimOptions, TokenView } from './types.js';
import { CardVault, type VaultToken } from './vault.js';

export * from './types.js';
export { TEST_CARDS, UNLIMITED, type TestCard } from './test-cards.js';
export { passesLuhn, isCardNumber } from './luhn.js';

export async function startPaymentGatewaySim(options: PaymentGatewaySimOptions = {}): Promise<PaymentGatewaySim> {
  checkLimits(options.limits ?? {});
  const secretKey = options.apiKey ?? `sk_test_${randomBytes(16).toString('hex')}`;
  const publishableKey = options.publishableKey ?? `pk_test_${randomBytes(16).toString('hex')}`;
  const closing = new AbortController();
  const vault = new CardVault(options.limits);
  const book = new AuthorizationBook();
  const faults = new Faults();
  const log: GatewayRequestLogEntry[] = [];
  const app = createGatewayApp({
    secretKey, publishableKey, vault, book, faults, log, ledger: new IdempotencyLedger(), signal: closing.signal,
  });
  const running = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  return {
    url: running.url,
    apiKey: secretKey,
    publishableKey,
    async close() {
      closing.abort();
      await running.close();
    },
    failNext: (count, status = 503) => faults.failNext(count, status),
    rateLimit: (count, retryAfterSeconds = 1) => faults.rateLimit(count, retryAfterSeconds),
    delayNext: (ms) => faults.delayNext(ms),
    clearFaults: () => faults.clear(),
    authorizations: () => book.list(),
    authorization: (id) => book.find(id),
    tokens: () => vault.tokens().map(toTokenView),
    requests: () => log.map((entry) => ({ ...entry })),
  };
}

function toTokenView(entry: VaultToken): TokenView {
  return { token: entry.token, brand: entry.brand, lastFour: entry.lastFour, limit: entry.account.limit, available: entry.account.available };
}

/** Refuses limits for numbers that are not card numbers, naming only the last four digits. */
function checkLimits(limits: Record<string, number>): void {
  for (const [number, limit] of Object.entries(limits)) {
    if (!isCardNumber(number) || /\D/.test(number)) {
      throw new Error(`limits: the number ending ${number.slice(-4)} is not a card number (12–19 digits, no spaces, Luhn-valid)`);
    }
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new Error(`limits: the card ending ${number.slice(-4)} needs a limit in minor units, a whole number ≥ 0`);
    }
  }
}
