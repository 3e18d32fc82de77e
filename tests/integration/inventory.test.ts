/**
 * The inventory view end to end: the OMS simulator keeps real stock per SKU and DC and
 * pushes it to the hub (signed snapshot and deltas at /in/oms-main/stock); the hub keeps
 * the newest report per SKU and DC, ignores anything older than the last snapshot, and
 * subtracts what accepted orders took until the OMS reports them; every channel asks
 * GET /api/availability.
 * - the last unit sold on the web: the next question sees 0 at once, with the restock date
 *   and in-stock alternatives, and the next kiosk order is backordered with that date
 * - a delta older than the snapshot, or replayed, changes nothing
 * - a channel's own token may ask for stock and nothing else
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { hmacSha256 } from '../../src/sdk/signature.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { planXmlOrder, renderXmlOrder, signXmlOrder } from '../../sims/xml-orders/index.js';
import { eventually, OMS_CALLBACK_SECRET } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';
import { startMailSink, type MailSink } from '../../sims/mail-sink/index.js';

const ORDER = makeShopifyOrder(700);
const LAST_UNIT = ORDER.line_items[0]!;
const ALTERNATIVE = 'SKU-0900';
const RESTOCK = '2026-12-20';
const XML_SECRET = 'test-xml-order-secret-0123456789';

let world: World;
let sink: MailSink;
const substitutions = join(mkdtempSync(join(tmpdir(), 'inventory-')), 'substitutions.csv');

beforeAll(async () => {
  process.env.TEST_XML_ORDER_SECRET = XML_SECRET;
  sink = await startMailSink();
  writeFileSync(substitutions, `sku,alternatives\n${LAST_UNIT.sku},SKU-0899 ${ALTERNATIVE}\n`);
  world = await startWorld({
    oms: {
      stock: {
        dcs: ['DC-LEEDS', 'DC-BRISTOL'],
        items: [
          // Exactly what the order takes of its first line, in one DC, none in the other.
          { sku: LAST_UNIT.sku, dc: 'DC-LEEDS', onHand: LAST_UNIT.quantity, expectedDate: RESTOCK },
          { sku: LAST_UNIT.sku, dc: 'DC-BRISTOL', onHand: 0, expectedDate: RESTOCK },
          ...ORDER.line_items.slice(1).map((line) => ({ sku: line.sku, dc: 'DC-BRISTOL', onHand: 50 })),
          { sku: 'SKU-0899', dc: 'DC-LEEDS', onHand: 0 },
          { sku: ALTERNATIVE, dc: 'DC-BRISTOL', onHand: 7 },
        ],
      },
    },
    hub: {
      extra: {
        inventory: { substitutions, checkAtCapture: true },
        notifications: { customer: 'customer-mail' },
        instances: {
          'kiosk-xml': {
            connector: 'xml-orders', channel: 'kiosk',
            settings: { secret: { env: 'TEST_XML_ORDER_SECRET' }, toleranceSeconds: 300 },
            mappings: { inbound: resolve('mappings/xml-order-to-canonical.json') },
          },
          'customer-mail': { connector: 'customer-email', settings: { smtp: { host: '127.0.0.1', port: sink.port, timeoutMs: 3000 }, from: 'Demo Shop <orders@shop.example>' } },
        },
      },
    },
  });
  await world.oms.pushSnapshot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await sink?.close();
});

interface Availability { sku: string; available: number; byDc: Record<string, number>; reserved: number; expectedDate?: string; alternatives: Array<{ sku: string; available: number }> }

async function availabilityOf(sku: string, token?: string): Promise<Availability> {
  const response = await fetch(`${world.hub.url}/api/availability?sku=${encodeURIComponent(sku)}`, { headers: { authorization: `Bearer ${token ?? world.hub.apiToken}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Availability[] }).items[0]!;
}

async function pushStock(xml: string): Promise<Response> {
  const body = Buffer.from(xml);
  return fetch(`${world.hub.url}/in/oms-main/stock`, {
    method: 'POST', body, headers: { 'content-type': 'application/xml', 'x-oms-signature': `sha256=${hmacSha256(OMS_CALLBACK_SECRET, body, 'hex')}` },
  });
}

describe('the inventory view', () => {
  it('shows the OMS snapshot per DC', async () => {
    const stock = await availabilityOf(LAST_UNIT.sku);
    expect(stock).toMatchObject({ available: LAST_UNIT.quantity, byDc: { 'DC-LEEDS': LAST_UNIT.quantity, 'DC-BRISTOL': 0 }, reserved: 0, alternatives: [] });
  });

  it('sees 0 at once after the web sells the last units, with the restock date and in-stock alternatives', async () => {
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, ORDER);
    expect(sent.status).toBe(202);
    // Straight after the acknowledgement: the hub's own reservation, before the OMS said anything.
    const now = await availabilityOf(LAST_UNIT.sku);
    expect(now.available).toBe(0);
    expect(now.alternatives).toEqual([{ sku: ALTERNATIVE, available: 7 }]);
    // The OMS allocates and reports: its figures take over, the reservation is given back, still 0.
    const hubOrderId = (sent.body as { hubOrderId: string }).hubOrderId;
    await eventually(() => world.oms.orders().some((o) => o.hubOrderId === hubOrderId) || undefined, 15_000, 'the order at the OMS');
    world.oms.emitStatus(hubOrderId, 'ACKNOWLEDGED');
    const settled = await eventually(async () => {
      const stock = await availabilityOf(LAST_UNIT.sku);
      return stock.reserved === 0 && stock.byDc['DC-LEEDS'] === 0 ? stock : undefined;
    }, 15_000, 'the OMS figures without the reservation');
    expect(settled).toMatchObject({ available: 0, expectedDate: RESTOCK });
  });

  it('marks what no DC can fill as backordered at capture, and the acknowledgement says so with the date', async () => {
    const again = { ...makeShopifyOrder(701), line_items: [{ ...LAST_UNIT, quantity: 2 }] };
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, again);
    expect(sent.status).toBe(202);
    const hubOrderId = (sent.body as { hubOrderId: string }).hubOrderId;
    const { body } = await getJson<{ status: { lines: Record<string, { backordered: number; expectedDate?: string }> }; timeline: Array<{ summary: string }> }>(`${world.hub.url}/api/orders/${hubOrderId}`);
    expect(Object.values(body.status.lines)).toEqual([expect.objectContaining({ backordered: 2, expectedDate: RESTOCK })]);
    expect(body.timeline.map((e) => e.summary)).toContain(`not in stock now, backordered: 2 × ${LAST_UNIT.sku} (expected ${RESTOCK})`);
    const ack = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === hubOrderId, 15_000, 'the acknowledgement');
    expect(ack.parsed.text).toContain('Some items are not in stock right now');
    expect(ack.parsed.text).toContain(`2 x`);
    expect(ack.parsed.text).toContain(`(SKU ${LAST_UNIT.sku}): expected December 20, 2026`);
  });

  it('a kiosk order for the SKU the web just emptied is backordered at once, with the date', async () => {
    const plan = planXmlOrder(710);
    const line = { ...plan.lines[0]!, sku: LAST_UNIT.sku, quantity: 1, unitPriceCents: 1000, discountCents: 0, taxCents: 0, options: [] };
    const body = renderXmlOrder({ ...plan, lines: [line], subtotalCents: 1000, shippingCents: 0, taxCents: 0, discountCents: 0, grandTotalCents: 1000 });
    const response = await fetch(`${world.hub.url}/in/kiosk-xml`, { method: 'POST', body, headers: signXmlOrder(body, XML_SECRET) });
    expect(response.status).toBe(202);
    const { hubOrderId } = (await response.json()) as { hubOrderId: string };
    const { body: view } = await getJson<{ channel: string; status: { lines: Record<string, { backordered: number; expectedDate?: string }> } }>(`${world.hub.url}/api/orders/${hubOrderId}`);
    expect(view.channel).toBe('kiosk');
    expect(Object.values(view.status.lines)).toEqual([expect.objectContaining({ backordered: 1, expectedDate: RESTOCK })]);
  });

  it('ignores a delta older than the snapshot, and a replayed one', async () => {
    const before = await availabilityOf(ALTERNATIVE);
    const stale = await pushStock(`<StockUpdate kind="delta" asOf="2020-01-01T00:00:00Z"><Item sku="${ALTERNATIVE}" dc="DC-BRISTOL" onHand="999"/></StockUpdate>`);
    expect(stale.status).toBe(200);
    expect(await stale.json()).toEqual({ applied: 0, items: 1 });
    expect((await availabilityOf(ALTERNATIVE)).available).toBe(before.available);

    const asOf = new Date(Date.now() + 1000).toISOString();
    const fresh = `<StockUpdate kind="delta" asOf="${asOf}"><Item sku="${ALTERNATIVE}" dc="DC-BRISTOL" onHand="3"/></StockUpdate>`;
    expect(await (await pushStock(fresh)).json()).toEqual({ applied: 1, items: 1 });
    expect(await (await pushStock(fresh)).json()).toEqual({ applied: 0, items: 1 });
    expect((await availabilityOf(ALTERNATIVE)).available).toBe(3);
  });

  it('offers the alternatives the OMS names in its feed, after the configured ones, in stock only', async () => {
    const asOf = new Date(Date.now() + 2000).toISOString();
    const pushed = await pushStock(`<StockUpdate kind="delta" asOf="${asOf}">`
      + `<Item sku="SKU-0777" dc="DC-LEEDS" onHand="0" expected="2027-03-01" alternatives="SKU-0778 SKU-0779"/>`
      + `<Item sku="SKU-0778" dc="DC-LEEDS" onHand="4"/><Item sku="SKU-0779" dc="DC-LEEDS" onHand="0"/></StockUpdate>`);
    expect(await pushed.json()).toEqual({ applied: 3, items: 3 });
    expect(await availabilityOf('SKU-0777')).toMatchObject({ available: 0, expectedDate: '2027-03-01', alternatives: [{ sku: 'SKU-0778', available: 4 }] });
  });

  it('refuses an unsigned stock push, and lets a channel token ask for stock only', async () => {
    const unsigned = await fetch(`${world.hub.url}/in/oms-main/stock`, { method: 'POST', body: '<StockUpdate kind="delta" asOf="2030-01-01T00:00:00Z"/>' });
    expect(unsigned.status).toBe(401);
    const token = await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).createToken('kiosk-fleet', 'channel');
    expect((await availabilityOf(ALTERNATIVE, token)).sku).toBe(ALTERNATIVE);
    const orders = await fetch(`${world.hub.url}/api/orders?confirmation=X`, { headers: { authorization: `Bearer ${token}` } });
    expect(orders.status).toBe(403);
    const { status } = await getJson(`${world.hub.url}/api/availability`);
    expect(status).toBe(400);
  });
});
