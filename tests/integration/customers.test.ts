/**
 * The customer directory an agent searches during a call, against real Redis, the
 * storefront and OMS simulators, and the signed XML intake:
 * - one customer across channels (a web order and a kiosk order with the same e-mail)
 * - found by phone (as a person says it), e-mail, confirmation code, order number, name
 * - their page: every order newest first with its live state, shipments and notices, and
 *   the agents' notes
 * - the phone system's screen pop finds the caller by number for the agent's desk
 * - customers are personal data: a role without orders:read-pii is refused
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { seedCustomer, seedDeskData } from '../../src/customers/seed-data.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { planXmlOrder, renderXmlOrder, signXmlOrder } from '../../sims/xml-orders/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const XML_SECRET = 'test-xml-order-secret-0123456789';
const WEB_ORDER = makeShopifyOrder(4100);
const EMAIL = WEB_ORDER.email;

let world: World;
let webOrderId: string;
let kioskOrderId: string;

interface Card { id: string; name: string | null; email: string | null; phone: string | null; orders: number }
interface View {
  customer: Card;
  orders: Array<{ hubOrderId: string; channel: string; state: string; confirmation: string; shipments: Array<{ trackingNumber: string | null }>; notices: Array<{ summary: string }> }>;
  notes: Array<{ author: string; text: string }>;
}

beforeAll(async () => {
  process.env.TEST_XML_ORDER_SECRET = XML_SECRET;
  world = await startWorld({
    hub: {
      extra: {
        instances: {
          'kiosk-xml': {
            connector: 'xml-orders', channel: 'kiosk',
            settings: { secret: { env: 'TEST_XML_ORDER_SECRET' }, toleranceSeconds: 300 },
            mappings: { inbound: resolve('mappings/xml-order-to-canonical.json') },
          },
        },
      },
    },
  });
  const web = await world.store.sendOrderWebhook(world.webhookUrl, WEB_ORDER);
  webOrderId = (web.body as { hubOrderId: string }).hubOrderId;
  const plan = planXmlOrder(4101);
  // The same person at a kiosk: the same e-mail (typed in capitals) and name.
  const name = `${WEB_ORDER.customer.first_name} ${WEB_ORDER.customer.last_name}`;
  const body = renderXmlOrder({ ...plan, customer: { ...plan.customer, email: EMAIL.toUpperCase(), name } });
  const kiosk = await fetch(`${world.hub.url}/in/kiosk-xml`, { method: 'POST', body, headers: signXmlOrder(body, XML_SECRET) });
  kioskOrderId = ((await kiosk.json()) as { hubOrderId: string }).hubOrderId;
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function search(q: string): Promise<Card[]> {
  const { status, body } = await getJson<{ customers: Card[] }>(`${world.hub.url}/api/customers?q=${encodeURIComponent(q)}`);
  expect(status).toBe(200);
  return body.customers;
}

describe('the customer directory', () => {
  it('knows one customer across channels, by e-mail in any case', async () => {
    const [card, ...others] = await search(EMAIL.toUpperCase());
    expect(others).toEqual([]);
    expect(card).toMatchObject({ email: EMAIL, orders: 2, name: `${WEB_ORDER.customer.first_name} ${WEB_ORDER.customer.last_name}` });
    // A customer's data does not outlive their orders by long: retention.orderDays (90 here) and a month.
    const ttl = await world.redis.client().ttl(`${world.hub.prefix}:cust:${card!.id}`);
    expect(ttl).toBeGreaterThan(119 * 86_400);
    expect(ttl).toBeLessThanOrEqual(120 * 86_400);
  });

  it('finds them by phone as a person says it, by confirmation code, by order number and by the start of the name', async () => {
    const [byEmail] = await search(EMAIL);
    const national = WEB_ORDER.customer.phone.replace(/^\+1/, '').replace(/(\d{3})(\d{3})(\d{4})/, '($1) $2-$3');
    expect((await search(national)).map((c) => c.id)).toEqual([byEmail!.id]);
    const { body: order } = await getJson<{ confirmation: string; externalId: string }>(`${world.hub.url}/api/orders/${webOrderId}`);
    expect((await search(order.confirmation.toLowerCase())).map((c) => c.id)).toEqual([byEmail!.id]);
    expect((await search(order.externalId)).map((c) => c.id)).toEqual([byEmail!.id]);
    expect((await search(kioskOrderId)).map((c) => c.id)).toEqual([byEmail!.id]);
    expect((await search(WEB_ORDER.customer.first_name.slice(0, 3).toLowerCase())).map((c) => c.id)).toContain(byEmail!.id);
    expect(await search('nobody-here@example.net')).toEqual([]);
  });

  it('shows every order newest first with its live state, shipments and notices, and the agents\' notes', async () => {
    const [card] = await search(EMAIL);
    await eventually(() => world.oms.orders().find((o) => o.hubOrderId === webOrderId), 15_000, 'the web order at the OMS');
    world.oms.emitStatus(webOrderId, 'SHIPPED');
    const view = await eventually(async () => {
      const { body } = await getJson<View>(`${world.hub.url}/api/customers/${card!.id}`);
      const web = body.orders.find((o) => o.hubOrderId === webOrderId);
      return web?.state === 'shipped' && web.notices.some((n) => n.summary.includes('shipped')) ? body : undefined;
    }, 15_000, 'the shipped web order on the customer page');
    expect(view.orders.map((o) => o.channel).sort()).toEqual(['kiosk', 'web']);
    const web = view.orders.find((o) => o.hubOrderId === webOrderId)!;
    expect(web.shipments[0]!.trackingNumber).toMatch(/^1Z/);

    const noted = await fetch(`${world.hub.url}/api/customers/${card!.id}/notes`, {
      method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Prefers a call after 5 pm', hubOrderId: webOrderId }),
    });
    expect(noted.status).toBe(201);
    const { body: after } = await getJson<View>(`${world.hub.url}/api/customers/${card!.id}`);
    expect(after.notes).toEqual([expect.objectContaining({ author: 'tests', text: 'Prefers a call after 5 pm' })]);
    const { body: timeline } = await getJson<{ timeline: Array<{ summary: string }> }>(`${world.hub.url}/api/orders/${webOrderId}`);
    expect(timeline.timeline.map((e) => e.summary)).toContain('note by tests: Prefers a call after 5 pm');
  });

  it('pops the caller on the agent\'s desk: the customer with that number, or a new one', async () => {
    const cti = await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).createToken('phone-system', 'channel');
    const call = async (phone: string, callId: string) => fetch(`${world.hub.url}/api/cti/calls`, {
      method: 'POST', headers: { authorization: `Bearer ${cti}`, 'content-type': 'application/json' }, body: JSON.stringify({ phone, agent: 'tests', callId }),
    });
    const known = await call(WEB_ORDER.customer.phone.replace(/^\+1/, ''), 'c-1');
    expect(known.status).toBe(201);
    const e164 = `+1${WEB_ORDER.customer.phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')}`;
    expect(await known.json()).toMatchObject({ callId: 'c-1', caller: e164, customer: { email: EMAIL } });
    expect(await (await call('+1 212 555 0199', 'c-2')).json()).toMatchObject({ callId: 'c-2', caller: '+12125550199', customer: null });
    const { body } = await getJson<{ calls: Array<{ callId: string }> }>(`${world.hub.url}/api/desk/calls`);
    expect(body.calls.map((c) => c.callId)).toEqual(['c-2', 'c-1']);
    // The phone system's token pops calls and reads no customer.
    expect((await fetch(`${world.hub.url}/api/customers?q=${encodeURIComponent(EMAIL)}`, { headers: { authorization: `Bearer ${cti}` } })).status).toBe(403);
  });

  it('the demo data set goes through the same directory: a seeded customer is found with all her orders', async () => {
    const { runtime } = world.hub.hub;
    expect(await seedDeskData(runtime.redis, runtime.keys, { orders: 200, customers: 50 })).toBe(200);
    const who = seedCustomer(7);
    const [card] = await search(who.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '$1-$2-$3'));
    expect(card).toMatchObject({ email: who.email, name: who.name, orders: 4 });
    const { body } = await getJson<View>(`${world.hub.url}/api/customers/${card!.id}`);
    expect(body.orders).toHaveLength(4);
    expect(new Set(body.orders.map((o) => o.channel)).size).toBeGreaterThan(1);
  });

  it('is personal data: an integrator may not search it', async () => {
    const token = await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).createToken('mapper', 'integrator');
    const response = await fetch(`${world.hub.url}/api/customers?q=${encodeURIComponent(EMAIL)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(403);
  });
});
