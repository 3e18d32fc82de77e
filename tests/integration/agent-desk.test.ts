/**
 * The call of a customer who ordered a red blouse on the web and now wants it in green,
 * in a real headless Chromium against the hub, the OMS simulator (real stock, honours
 * change requests) and the mail sink:
 * screen pop by phone number → her web order on screen → green is out of stock, the desk
 * says so with navy instead and a matching scarf at a discount → the agent adds the scarf
 * and changes the blouse to navy → the OMS accepts both → she receives an e-mail restating
 * the changed order. Every step is on the order's timeline with the agent's name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { startMailSink, type MailSink } from '../../sims/mail-sink/index.js';
import { startPaymentGatewaySim, type PaymentGatewaySim } from '../../sims/payment-gateway/index.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { launchBrowser, logInToConsole, type TestBrowser } from '../support/browser.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const RED = 'BLOUSE-RED-M';
const GREEN = 'BLOUSE-GRN-M';
const NAVY = 'BLOUSE-NVY-M';
const SCARF = 'SCARF-NVY';
const AGENT_PASSWORD = 'ann-desk-password-0123';

let world: World;
let sink: MailSink;
let gateway: PaymentGatewaySim;
let chromium: TestBrowser;
const dir = mkdtempSync(join(tmpdir(), 'desk-'));

beforeAll(async () => {
  sink = await startMailSink();
  process.env.TEST_DESK_GATEWAY_KEY = 'sk_test_desk_0123456789';
  gateway = await startPaymentGatewaySim({ apiKey: process.env.TEST_DESK_GATEWAY_KEY });
  writeFileSync(join(dir, 'substitutions.csv'), `sku,alternatives\n${GREEN},${NAVY}\n`);
  writeFileSync(join(dir, 'catalog.csv'), [
    'sku,description,unit_price,currency',
    `${RED},Silk blouse red M,45.00,USD`, `${GREEN},Silk blouse green M,45.00,USD`, `${NAVY},Silk blouse navy M,45.00,USD`,
    `${SCARF},Silk scarf navy,15.00,USD`,
  ].join('\n'));
  world = await startWorld({
    oms: {
      stock: {
        dcs: ['DC-EAST'],
        items: [RED, NAVY, SCARF].map((sku) => ({ sku, dc: 'DC-EAST', onHand: 20 })).concat([{ sku: GREEN, dc: 'DC-EAST', onHand: 0, expectedDate: '2027-01-15' } as never]),
      },
    },
    hub: {
      extra: {
        inventory: {
          substitutions: join(dir, 'substitutions.csv'), catalog: join(dir, 'catalog.csv'),
          boughtTogether: { minOrders: 2, discount: { percent: 10, code: 'PAIR10' } },
        },
        notifications: { customer: 'customer-mail' },
        payments: { gateway: 'cards' },
        instances: {
          cards: { connector: 'payment-gateway', settings: { url: gateway.url, apiKey: { env: 'TEST_DESK_GATEWAY_KEY' }, timeoutMs: 3000 } },
          'oms-main': { mappings: { changes: resolve('mappings/change-to-oms-xml.json') } },
          'phone-desk': { connector: 'agent-desk', channel: 'phone', mappings: { inbound: resolve('mappings/desk-order-to-canonical.json') } },
          'customer-mail': { connector: 'customer-email', settings: { smtp: { host: '127.0.0.1', port: sink.port, timeoutMs: 3000 }, from: 'Demo Shop <orders@shop.example>' } },
        },
      },
    },
  });
  await world.oms.pushSnapshot();
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('ann', 'agent', AGENT_PASSWORD);
  chromium = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await world?.stop();
  await sink?.close();
  await gateway?.close();
});

/** A web order of these lines; resolves once the OMS has it and acknowledged it. */
async function webOrder(seed: number, lines: Array<[string, number]>): Promise<{ id: string; order: ReturnType<typeof makeShopifyOrder> }> {
  const base = makeShopifyOrder(seed);
  const first = base.line_items[0]!;
  const order = { ...base, line_items: lines.map(([sku, quantity], i) => ({ ...first, id: first.id + i, sku, quantity, price: sku === SCARF ? '15.00' : '45.00' })) };
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, order);
  expect(sent.status).toBe(202);
  const id = (sent.body as { hubOrderId: string }).hubOrderId;
  await eventually(() => world.oms.orders().find((o) => o.hubOrderId === id), 15_000, 'the order at the OMS');
  world.oms.emitStatus(id, 'ACKNOWLEDGED');
  return { id, order };
}

async function phoneSystemCalls(phone: string, agent: string): Promise<void> {
  const token = await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).createToken(`cti-${Date.now()}`, 'channel');
  const response = await fetch(`${world.hub.url}/api/cti/calls`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ phone, agent, callId: 'call-1' }),
  });
  expect(response.status).toBe(201);
}

describe('the agent desk', () => {
  it('takes the call: screen pop, her web order, green out of stock, navy and a scarf at a discount, the OMS accepts, she gets the e-mail', async () => {
    // Others bought the navy blouse with the scarf: the hub's own history makes the suggestion.
    await webOrder(870, [[NAVY, 1], [SCARF, 1]]);
    await webOrder(871, [[NAVY, 1], [SCARF, 1]]);
    await eventually(async () => {
      const { body } = await getJson<{ items: Array<{ sku: string }> }>(`${world.hub.url}/api/suggestions?sku=${NAVY}`);
      return body.items.some((i) => i.sku === SCARF) ? true : undefined;
    }, 15_000, 'the history counted once the orders reached the OMS');
    const { id, order } = await webOrder(880, [[RED, 1]]);
    await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)).body.state === 'acknowledged' ? true : undefined), 15_000, 'acknowledged');

    const page: Page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await logInToConsole(page, world.hub.url, 'ann', AGENT_PASSWORD);
    await page.goto(`${world.hub.url}/admin/desk`);
    await phoneSystemCalls(order.customer.phone, 'ann');

    // Screen pop: within a refresh or two the desk opens her page.
    await page.waitForURL(/\/admin\/desk\/customers\/C[0-9A-F]+/, { timeout: 10_000 });
    expect(await page.textContent('[data-call-from]')).toContain('Call from +1');
    expect(await page.textContent('h1')).toBe(`${order.customer.first_name} ${order.customer.last_name}`);
    await page.click(`tr[data-order="${id}"] a:text("Open")`);

    // Green, please: out of stock, with navy instead and the scarf at 10 % off.
    await page.fill('tr[data-line="1"] input[name="sku"]', GREEN);
    await page.click('tr[data-line="1"] form:has(input[value="change_sku"]) button');
    const refusal = await page.textContent('[data-refusal="OUT_OF_STOCK"]');
    expect(refusal).toContain(`${GREEN}: 0 available, more expected 2027-01-15`);
    expect(await page.isVisible(`button:has-text("Offer ${NAVY} instead")`)).toBe(true);
    expect(await page.textContent(`[data-suggestion="${SCARF}"]`)).toContain('10 % off (PAIR10)');

    // She takes the scarf, and navy instead of green.
    await page.click(`[data-suggestion="${SCARF}"] button:text("Add for 13.50 USD")`);
    await page.waitForSelector('p.notice:text("sent to the back office")');
    await page.fill('tr[data-line="1"] input[name="sku"]', NAVY);
    await page.click('tr[data-line="1"] form:has(input[value="change_sku"]) button');
    // The page refreshes while the OMS answers.
    await page.waitForSelector(`tr[data-change="${id}.c2"][data-change-state="accepted"]`, { timeout: 15_000 });
    expect(await page.getAttribute(`tr[data-change="${id}.c1"]`, 'data-change-state')).toBe('accepted');
    await page.close();

    const atOms = world.oms.orders().find((o) => o.hubOrderId === id)!;
    expect(atOms.lines.map((l) => [l.item, l.qty])).toEqual([[NAVY, 1], [SCARF, 1]]);
    const { body } = await getJson<{ order: { lines: Array<{ sku: string; unitPrice: number }> }; timeline: Array<{ summary: string }> }>(`${world.hub.url}/api/orders/${id}`);
    expect(body.order.lines.map((l) => [l.sku, l.unitPrice])).toEqual([[NAVY, 4500], [SCARF, 1350]]);
    expect(body.timeline.map((e) => e.summary)).toEqual(expect.arrayContaining([
      `change ${id}.c1 asked by ann (phone): add 1 × ${SCARF}`, `change ${id}.c2 asked by ann (phone): line 1: ${RED} → ${NAVY}`,
    ]));
    const mail = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === id && (m.parsed.text ?? '').includes(`What changed: line 1: ${RED} → ${NAVY}`), 15_000, 'the e-mail restating the changed order');
    expect(mail.parsed.text).toContain(`SKU ${NAVY}`);
    expect(mail.parsed.text).toContain(`SKU ${SCARF}`);
  });

  it('keys a new order: stock and prices checked before saving, a card number refused, captured as a phone order by the agent', async () => {
    const { order: earlier } = await webOrder(890, [[RED, 1]]);
    const page: Page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await logInToConsole(page, world.hub.url, 'ann', AGENT_PASSWORD);
    await page.goto(`${world.hub.url}/admin/desk?q=${encodeURIComponent(earlier.email)}`);
    await page.click('table.results a');
    await page.click('a:text("New order for")');
    // Filled in from her card and last order.
    expect(await page.inputValue('input[name="email"]')).toBe(earlier.email);
    expect(await page.inputValue('input[name="city"]')).toBe(earlier.shipping_address.city);

    await page.fill('input[name="sku1"]', GREEN);
    await page.fill('input[name="sku2"]', SCARF);
    await page.click('button[value="check"]');
    expect(await page.textContent(`tr[data-sku="${GREEN}"] [data-stock="short"]`)).toContain(`more expected 2027-01-15: the rest would be backordered; in stock instead: ${NAVY}`);
    expect(await page.textContent(`tr[data-sku="${SCARF}"]`)).toContain('15.00 USD');
    await page.fill('input[name="sku1"]', NAVY);
    await page.fill('input[name="token"]', '4242 4242 4242 4242');
    await page.click('button[value="place"]');
    expect(await page.textContent('ul.reasons')).toContain('That looks like a card number');

    // The card goes into the payment service's own card form, beside the desk; only its token comes back.
    const cardForm = await chromium.browser.newPage();
    await cardForm.goto(`${gateway.url}/hosted-field?key=${gateway.publishableKey}`);
    await cardForm.fill('input[name="number"]', '4242 4242 4242 4242');
    await cardForm.fill('input[name="expMonth"]', '12');
    await cardForm.fill('input[name="expYear"]', '2030');
    await cardForm.fill('input[name="cvc"]', '123');
    await cardForm.click('button[type="submit"]');
    await cardForm.waitForSelector('#token:text("Card accepted")');
    const [, token, lastFour] = /token (tok_\w+) \(ending (\d{4})\)/.exec((await cardForm.textContent('#token'))!)!;
    await cardForm.close();
    await page.fill('input[name="token"]', token!);
    await page.fill('input[name="lastFour"]', lastFour!);
    await page.click('button[value="place"]');
    await page.waitForURL(/\/admin\/desk\/orders\/[0-9A-Z]{26}/);
    expect(await page.textContent('p.notice')).toMatch(/^Order [0-9A-Z]{4}-[0-9A-Z]{5} placed/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.close();

    const { body } = await getJson<{ channel: string; source: string; order: { notes: string; lines: Array<{ sku: string; unitPrice: number }>; customer: { email: string } }; timeline: Array<{ summary: string }> }>(`${world.hub.url}/api/orders/${id}`);
    expect(body).toMatchObject({ channel: 'phone', source: 'phone-desk', order: { notes: 'keyed by ann', customer: { email: earlier.email } } });
    expect(body.order.lines.map((l) => [l.sku, l.unitPrice])).toEqual([[NAVY, 4500], [SCARF, 1500]]);
    await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === id && /we have received it/.test(m.parsed.subject ?? ''), 15_000, 'the acknowledgement');
    // Paid by the token: authorized for the whole order before it went to the OMS.
    const authorization = await eventually(() => gateway.authorizations().find((a) => a.reference === id), 15_000, 'the authorization');
    expect(authorization).toMatchObject({ approvedAmount: 6000, lastFour: '4242', status: 'approved' });
    await eventually(() => world.oms.orders().find((o) => o.hubOrderId === id), 15_000, 'the order at the OMS');
  });

  it('takes a keyed order over the API too: once per nonce, refused with every problem when not ready', async () => {
    const token = await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).createToken('desk-api', 'agent');
    const key = async (body: unknown) => {
      const response = await fetch(`${world.hub.url}/api/desk/orders`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const order = {
      nonce: 'api-0123456789', customer: { name: 'Quinn Rossi', email: 'quinn.rossi@example.net', phone: '(312) 555-0177' },
      shipTo: { line1: '233 S Wacker Dr', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' }, lines: [{ sku: SCARF, quantity: 2 }],
    };
    const first = await key(order);
    expect(first.status).toBe(202);
    const again = await key(order);
    expect(again).toMatchObject({ status: 200, body: { hubOrderId: first.body.hubOrderId, confirmation: first.body.confirmation, duplicate: true } });
    const { body: placed } = await getJson<{ channel: string; order: { notes: string; totals: { grandTotal: number } } }>(`${world.hub.url}/api/orders/${String(first.body.hubOrderId)}`);
    expect(placed).toMatchObject({ channel: 'phone', order: { notes: 'keyed by desk-api', totals: { grandTotal: 3000 } } });

    const bad = await key({ ...order, nonce: 'api-9876543210', lines: [{ sku: 'NOT-SOLD', quantity: 1 }], payment: { token: '4000 0000 0000 0002' } });
    expect(bad.status).toBe(422);
    expect(bad.body.problems).toEqual(['NOT-SOLD is not in the catalog.', expect.stringContaining('That looks like a card number')]);
    expect((await key({ lines: [] })).status).toBe(400);
  });
});
