/**
 * The payment-gateway connector against the payment gateway simulator, over real
 * loopback HTTP: tokenization by the hosted field's API (the only place a card number
 * goes), then authorizations (approved, partial, declined), idempotent repeats,
 * captures and partial releases that give credit back, and failures mapped to the
 * typed errors that decide retries (outage, rate limit, timeout, bad API key).
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import paymentGatewayConnector from '../../connectors/payment-gateway/index.js';
import type { PaymentGatewayConfig } from '../../connectors/payment-gateway/config.js';
import { createConfigAjv } from '../../src/config/ajv.js';
import {
  BadInputError, PermanentError, TransientError, type ConnectorInstance, type PaymentGateway,
} from '../../src/sdk/index.js';
import { startPaymentGatewaySim, type PaymentGatewaySim, type PaymentGatewaySimOptions } from '../../sims/payment-gateway/index.js';
import { standInServices } from '../../src/sdk/testkit/stand-ins.js';

const API_KEY = 'sk_test_integration_0123456789abcdef';
const PUBLISHABLE_KEY = 'pk_test_integration_0123456789abcdef';
const CARDS = {
  approves: '4242424242424242',
  declines: '4000000000000002',
  insufficientFunds: '4000000000009995',
  limit50: '4000000000003055',
};
const EXPIRY_YEAR = new Date().getUTCFullYear() + 3;

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startSim(options: PaymentGatewaySimOptions = {}): Promise<PaymentGatewaySim> {
  const sim = await startPaymentGatewaySim({ port: 0, apiKey: API_KEY, publishableKey: PUBLISHABLE_KEY, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

/** Settings as the hub makes them: validated against the connector's schema, defaults filled in. */
function settings(values: Record<string, unknown>): PaymentGatewayConfig {
  const validate = createConfigAjv().compile(paymentGatewayConnector.configSchema);
  const config = structuredClone(values);
  if (!validate(config)) throw new Error(`bad settings: ${JSON.stringify(validate.errors)}`);
  return config as unknown as PaymentGatewayConfig;
}

async function connect(sim: PaymentGatewaySim, overrides: Record<string, unknown> = {}): Promise<ConnectorInstance & { payments: PaymentGateway }> {
  const instance = await paymentGatewayConnector.create({
    instanceId: 'payments-test', channel: undefined, log: pino({ level: 'silent' }), fileLayouts: [], ...standInServices(),
    config: settings({ url: sim.url, apiKey: API_KEY, ...overrides }),
  });
  if (!instance.payments) throw new Error('the payment-gateway connector offers no payments role');
  return { ...instance, payments: instance.payments };
}

/** What the hosted field does in the browser: the card goes to the gateway, a token comes back. */
/** `key: null` sends no key at all. */
async function tokenizeRaw(sim: PaymentGatewaySim, number: string, key: string | null = PUBLISHABLE_KEY): Promise<Response> {
  return fetch(`${sim.url}/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ number, expMonth: 12, expYear: EXPIRY_YEAR, cvc: '123' }),
    signal: AbortSignal.timeout(5000),
  });
}

async function tokenize(sim: PaymentGatewaySim, number: string): Promise<string> {
  const response = await tokenizeRaw(sim, number);
  expect(response.status).toBe(201);
  const { token } = (await response.json()) as { token: string };
  return token;
}

function authorizationRequest(token: string, amount: number, key: string, hubOrderId = '01HUBORDER0000000000000001') {
  return { hubOrderId, token, amount, currency: 'EUR', idempotencyKey: key };
}

function operation(authorizationId: string, amount: number, key: string) {
  return { authorizationId, amount, currency: 'EUR', idempotencyKey: key };
}

/** Settles a promise into its error (or fails the test when it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error as Error;
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe('tokenization (hosted field API)', () => {
  it('turns a card into a token, brand and last four, and keeps no card number anywhere', async () => {
    const sim = await startSim();
    const response = await tokenizeRaw(sim, '4242 4242 4242 4242');
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ brand: 'visa', lastFour: '4242' });
    expect(body['token']).toMatch(/^tok_[0-9a-f]{24}$/);
    expect(JSON.stringify(body)).not.toContain(CARDS.approves);
    const { payments } = await connect(sim);
    await payments.authorize(authorizationRequest(String(body['token']), 1000, 'no-number-1'));
    const everythingKept = JSON.stringify([sim.tokens(), sim.authorizations(), sim.requests()]);
    expect(everythingKept).not.toContain(CARDS.approves);
    expect(everythingKept).not.toContain('"123"');
    expect(sim.tokens()).toEqual([{ token: body['token'], brand: 'visa', lastFour: '4242', limit: expect.any(Number), available: expect.any(Number) }]);
  });

  it('refuses a number that fails the Luhn check, with a message saying so', async () => {
    const sim = await startSim();
    const response = await tokenizeRaw(sim, '4242424242424241');
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_number');
    expect(error.message).toMatch(/Luhn/);
    expect(error.message).not.toContain('4242424242424241');
    expect(sim.tokens()).toEqual([]);
  });

  it('wants the publishable key (header or ?key=) and refuses tokenization without it', async () => {
    const sim = await startSim();
    expect((await tokenizeRaw(sim, CARDS.approves, null)).status).toBe(401);
    expect((await tokenizeRaw(sim, CARDS.approves, 'pk_wrong')).status).toBe(401);
    const byQuery = await fetch(`${sim.url}/v1/tokens?key=${PUBLISHABLE_KEY}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: CARDS.approves, expMonth: 1, expYear: EXPIRY_YEAR, cvc: '999' }),
    });
    expect(byQuery.status).toBe(201);
    expect(sim.tokens()).toHaveLength(1);
    expect(sim.requests().every((entry) => !entry.path.includes(PUBLISHABLE_KEY))).toBe(true);
  });

  it('serves a self-contained hosted field that posts to /v1/tokens and hands only the token to its parent', async () => {
    const sim = await startSim();
    const response = await fetch(`${sim.url}/hosted-field?key=${PUBLISHABLE_KEY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'sha256-/);
    const page = await response.text();
    expect(page).toContain("fetch('/v1/tokens'");
    expect(page).toContain('window.parent.postMessage({ token: data.token, lastFour: data.lastFour }');
    expect(page).not.toMatch(/(src|href)=["']?https?:/);
  });
});

describe('authorizations', () => {
  it('approves an amount the card covers, with the hub order as the reference', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const token = await tokenize(sim, CARDS.approves);
    const result = await payments.authorize(authorizationRequest(token, 12_345, 'order-1:auth'));
    expect(result).toEqual({ outcome: 'approved', authorizationId: expect.stringMatching(/^auth_/), amount: 12_345 });
    if (result.outcome !== 'approved') return;
    expect(sim.authorization(result.authorizationId)).toMatchObject({
      status: 'approved', reference: '01HUBORDER0000000000000001', requestedAmount: 12_345, approvedAmount: 12_345, currency: 'EUR', lastFour: '4242',
    });
    expect(sim.requests().find((entry) => entry.path === '/v1/authorizations')).toMatchObject({ status: 201, idempotencyKey: 'order-1:auth' });
  });

  it('approves only the credit left (50.00) when more is asked: a partial approval', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const token = await tokenize(sim, CARDS.limit50);
    const result = await payments.authorize(authorizationRequest(token, 8000, 'partial-1'));
    expect(result).toMatchObject({ outcome: 'approved', amount: 5000 });
    const [authorization] = sim.authorizations();
    expect(authorization).toMatchObject({ status: 'partially_approved', requestedAmount: 8000, approvedAmount: 5000 });
    expect(sim.tokens()[0]?.available).toBe(0);
  });

  it('declines with a readable reason and the gateway code', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const declined = await payments.authorize(authorizationRequest(await tokenize(sim, CARDS.declines), 1000, 'declined-1'));
    expect(declined).toEqual({ outcome: 'declined', reason: 'the card issuer declined the payment', code: 'card_declined' });
    const short = await payments.authorize(authorizationRequest(await tokenize(sim, CARDS.insufficientFunds), 1000, 'declined-2'));
    expect(short).toEqual({ outcome: 'declined', reason: 'the card has too little credit left', code: 'insufficient_funds' });
    expect(sim.authorizations().map((a) => a.status)).toEqual(['declined', 'declined']);
  });

  it('authorizes once per idempotency key: a repeat gets the same answer and takes no more credit', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const token = await tokenize(sim, CARDS.limit50);
    const first = await payments.authorize(authorizationRequest(token, 3000, 'same-key'));
    const again = await payments.authorize(authorizationRequest(token, 3000, 'same-key'));
    expect(again).toEqual(first);
    expect(sim.authorizations()).toHaveLength(1);
    expect(sim.tokens()[0]?.available).toBe(2000);
    expect(sim.requests().filter((entry) => entry.idempotencyKey === 'same-key').map((entry) => entry.replayed ?? false)).toEqual([false, true]);

    const conflict = await failureOf(payments.authorize(authorizationRequest(token, 4000, 'same-key')));
    expect(conflict).toBeInstanceOf(PermanentError);
    expect(conflict).toMatchObject({ code: 'GATEWAY_IDEMPOTENCY_CONFLICT' });
    expect(conflict.message).toContain('01HUBORDER0000000000000001');
    expect(sim.authorizations()).toHaveLength(1);
  });

  it('refuses a card number passed as a token: the connector sends nothing, the gateway does not echo it', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const refusal = await failureOf(payments.authorize(authorizationRequest(CARDS.approves, 1000, 'pan-1')));
    expect(refusal).toBeInstanceOf(BadInputError);
    expect(refusal.message).not.toContain(CARDS.approves);
    expect(sim.requests()).toEqual([]);

    const direct = await fetch(`${sim.url}/v1/authorizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'idempotency-key': 'pan-2' },
      body: JSON.stringify({ token: CARDS.approves, amount: 1000, currency: 'EUR', reference: 'r-1' }),
    });
    expect(direct.status).toBe(400);
    const answer = await direct.text();
    expect(answer).toContain('card_number_as_token');
    expect(answer).not.toContain(CARDS.approves);
    expect(sim.authorizations()).toEqual([]);
  });
});

describe('captures and releases', () => {
  it('captures up to what is authorized, once per key, and refuses more than is open', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const approved = await payments.authorize(authorizationRequest(await tokenize(sim, CARDS.approves), 10_000, 'cap:auth'));
    if (approved.outcome !== 'approved') throw new Error('expected an approval');
    const id = approved.authorizationId;

    expect(await payments.capture(operation(id, 6000, 'cap:1'))).toEqual({ amount: 6000 });
    expect(await payments.capture(operation(id, 6000, 'cap:1'))).toEqual({ amount: 6000 });
    expect(sim.authorization(id)).toMatchObject({ status: 'partially_captured', capturedAmount: 6000, openAmount: 4000 });

    const tooMuch = await failureOf(payments.capture(operation(id, 5000, 'cap:2')));
    expect(tooMuch).toBeInstanceOf(PermanentError);
    expect(tooMuch).toMatchObject({ code: 'GATEWAY_REFUSED' });
    expect(tooMuch.message).toContain(id);
    expect(tooMuch.message).toMatch(/only 4000 of the 10000/);

    expect(await payments.capture(operation(id, 4000, 'cap:3'))).toEqual({ amount: 4000 });
    expect(sim.authorization(id)).toMatchObject({ status: 'captured', capturedAmount: 10_000, openAmount: 0 });
    expect(sim.authorization(id)?.operations.map((op) => [op.kind, op.amount])).toEqual([['capture', 6000], ['capture', 4000]]);
  });

  it('releases part of an authorization and gives that credit back to the card', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const token = await tokenize(sim, CARDS.limit50);
    const first = await payments.authorize(authorizationRequest(token, 5000, 'rel:auth-1'));
    if (first.outcome !== 'approved') throw new Error('expected an approval');
    expect(await payments.authorize(authorizationRequest(token, 1000, 'rel:auth-2', '01HUBORDER0000000000000002')))
      .toMatchObject({ outcome: 'declined', code: 'insufficient_funds' });

    expect(await payments.release(operation(first.authorizationId, 2000, 'rel:1'))).toEqual({ amount: 2000 });
    expect(sim.tokens()[0]?.available).toBe(2000);
    expect(sim.authorization(first.authorizationId)).toMatchObject({ status: 'approved', releasedAmount: 2000, openAmount: 3000 });

    const second = await payments.authorize(authorizationRequest(token, 3000, 'rel:auth-3', '01HUBORDER0000000000000003'));
    expect(second).toMatchObject({ outcome: 'approved', amount: 2000 });

    expect(await payments.release(operation(first.authorizationId, 3000, 'rel:2'))).toEqual({ amount: 3000 });
    expect(sim.authorization(first.authorizationId)).toMatchObject({ status: 'voided', releasedAmount: 5000, openAmount: 0 });
    expect(sim.tokens()[0]?.available).toBe(3000);
  });

  it('shows the authorized, captured and released amounts at GET /v1/authorizations/:id', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const approved = await payments.authorize(authorizationRequest(await tokenize(sim, CARDS.approves), 900, 'get:auth'));
    if (approved.outcome !== 'approved') throw new Error('expected an approval');
    await payments.capture(operation(approved.authorizationId, 500, 'get:cap'));
    await payments.release(operation(approved.authorizationId, 100, 'get:rel'));
    const response = await fetch(`${sim.url}/v1/authorizations/${approved.authorizationId}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ approvedAmount: 900, capturedAmount: 500, releasedAmount: 100, openAmount: 300, status: 'partially_captured' });
  });
});

describe('failures', () => {
  it('maps an outage to a TransientError; the retry with the same key authorizes once', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    sim.failNext(1, 503);
    const token = await tokenize(sim, CARDS.approves); // faults hit the server API only, never the hosted field
    const outage = await failureOf(payments.authorize(authorizationRequest(token, 2500, 'outage-1')));
    expect(outage).toBeInstanceOf(TransientError);
    expect(outage).toMatchObject({ code: 'GATEWAY_UNAVAILABLE', retryAfterMs: 1000 });
    expect(outage.message).toContain('01HUBORDER0000000000000001');
    expect(sim.authorizations()).toEqual([]);

    expect(await payments.authorize(authorizationRequest(token, 2500, 'outage-1'))).toMatchObject({ outcome: 'approved', amount: 2500 });
    expect(sim.authorizations()).toHaveLength(1);
  });

  it('maps a rate limit (429) to a TransientError that waits as Retry-After says', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim);
    const approved = await payments.authorize(authorizationRequest(await tokenize(sim, CARDS.approves), 700, 'rl:auth'));
    if (approved.outcome !== 'approved') throw new Error('expected an approval');
    sim.rateLimit(1, 2);
    const limited = await failureOf(payments.capture(operation(approved.authorizationId, 700, 'rl:cap')));
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({ code: 'GATEWAY_RATE_LIMITED', retryAfterMs: 2000 });
    expect(limited.message).toContain(approved.authorizationId);
    expect(sim.authorization(approved.authorizationId)?.capturedAmount).toBe(0);
  });

  it('maps a timeout to a TransientError; the late answer and the retry make one authorization', async () => {
    const sim = await startSim();
    const { payments } = await connect(sim, { timeoutMs: 200 });
    const token = await tokenize(sim, CARDS.approves);
    sim.delayNext(800);
    const timeout = await failureOf(payments.authorize(authorizationRequest(token, 1500, 'slow-1')));
    expect(timeout).toBeInstanceOf(TransientError);
    expect(timeout.message).toMatch(/no answer within 200 ms/);
    const retried = await payments.authorize(authorizationRequest(token, 1500, 'slow-1'));
    expect(retried).toMatchObject({ outcome: 'approved', amount: 1500 });
    await until(() => (sim.requests().filter((entry) => entry.idempotencyKey === 'slow-1' && entry.status !== 0).length === 2 ? true : undefined), 'the delayed request to be answered');
    expect(sim.authorizations()).toHaveLength(1);
  });

  it('maps a refused API key to a PermanentError that names the setting to fix', async () => {
    const sim = await startSim();
    const token = await tokenize(sim, CARDS.approves);
    const wrongKey = await connect(sim, { apiKey: 'sk_test_not_the_right_key' });
    const refused = await failureOf(wrongKey.payments.authorize(authorizationRequest(token, 1000, 'key-1')));
    expect(refused).toBeInstanceOf(PermanentError);
    expect(refused).toMatchObject({ code: 'GATEWAY_UNAUTHORIZED' });
    expect((refused as PermanentError).hint).toMatch(/apiKey/);
    expect(refused.message).not.toContain('sk_test_not_the_right_key');
    expect(sim.authorizations()).toEqual([]);

    const publishable = await connect(sim, { apiKey: PUBLISHABLE_KEY });
    expect((await failureOf(publishable.payments.authorize(authorizationRequest(token, 1000, 'key-2')))).message).toMatch(/publishable key may only create tokens/);
    expect(await wrongKey.check?.()).toMatchObject({ ok: false, detail: expect.stringMatching(/refused the API key/) });
    expect(await (await connect(sim)).check?.()).toEqual({ ok: true, detail: 'the gateway answered and accepted the API key' });
  });
});
