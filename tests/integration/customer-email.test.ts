/**
 * Customer notices by e-mail, end to end against a real SMTP server (the mail sink
 * simulator, smtp-server on loopback): a web order's acknowledgement within seconds with its confirmation code,
 * the confirmation once the OMS takes it, the shipping notice with the tracking link,
 * a deferred (451) submission retried into exactly one e-mail, a refused address (550)
 * as a dead letter, a notify job run again sending nothing, and every notice on the
 * order's timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyQueue } from '../../src/pipeline/queue-names.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually } from '../support/hub.js';
import { startMailSink, type ReceivedMail, type MailSink } from '../../sims/mail-sink/index.js';
import { getJson, startWorld, type World } from '../support/world.js';

let sink: MailSink;
let world: World;

beforeAll(async () => {
  sink = await startMailSink();
  world = await startWorld({
    hub: {
      extra: {
        notifications: { customer: 'customer-mail' },
        instances: {
          'customer-mail': {
            connector: 'customer-email',
            settings: {
              smtp: { host: '127.0.0.1', port: sink.port, timeoutMs: 3000 },
              from: 'Demo Shop <orders@shop.example>',
              brands: { default: { name: 'Demo Shop', supportUrl: 'https://shop.example/help' } },
            },
          },
        },
      },
    },
  });
});

afterAll(async () => {
  await world?.stop();
  await sink?.close();
});

interface Placed {
  hubOrderId: string;
  confirmation: string;
  email: string;
}

async function placeOrder(n: number): Promise<Placed> {
  const order = makeShopifyOrder(n);
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, order);
  expect(sent.status).toBe(202);
  const body = sent.body as { hubOrderId: string; confirmation: string };
  return { hubOrderId: body.hubOrderId, confirmation: body.confirmation, email: order.email };
}

const mailsOf = (orderId: string): ReceivedMail[] => sink.messages().filter((m) => m.parsed.headers.get('x-hub-order') === orderId);
const subjectOf = (mail: ReceivedMail): string => mail.parsed.subject ?? '';

/** An HTML attribute value as a browser reads it (Handlebars writes `=` as `&#x3D;`). */
function decodeEntities(value: string): string {
  return value.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('a web order told to its customer by e-mail', () => {
  it('acknowledges at once, confirms when the OMS takes it, and sends the tracking link when it ships', async () => {
    const placed = await placeOrder(900);
    const started = Date.now();
    const received = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === placed.hubOrderId, 10_000, 'the acknowledgement');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(received.envelopeTo).toEqual([placed.email]);
    expect(subjectOf(received)).toContain(placed.confirmation);
    expect(received.parsed.text).toContain(placed.confirmation);
    expect(received.parsed.html).toContain(placed.confirmation);
    expect(received.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(received.parsed.messageId).toMatch(/@shop\.example>?$/);
    const source = makeShopifyOrder(900);
    for (const line of source.line_items) expect(received.parsed.text).toContain(line.sku);

    await eventually(() => world.oms.orders().some((o) => o.hubOrderId === placed.hubOrderId) || undefined, 15_000, 'the order at the OMS');
    world.oms.emitStatus(placed.hubOrderId, 'ACKNOWLEDGED');
    const confirmed = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === placed.hubOrderId && m !== received, 10_000, 'the confirmation');
    expect(subjectOf(confirmed)).not.toBe(subjectOf(received));
    expect(confirmed.parsed.text).toContain(placed.confirmation);

    const shipped = world.oms.emitStatus(placed.hubOrderId, 'SHIPPED', { carrier: 'UPS' });
    const shipping = await sink.waitFor((m) => (m.parsed.text ?? '').includes(shipped.shipment!.trackingNumber!), 10_000, 'the shipping notice');
    expect(shipping.parsed.text).toContain(shipped.shipment!.trackingUrl!);
    const hrefs = [...String(shipping.parsed.html).matchAll(/href="([^"]+)"/g)].map((m) => decodeEntities(m[1]!));
    expect(hrefs).toContain(shipped.shipment!.trackingUrl!);
    expect(mailsOf(placed.hubOrderId)).toHaveLength(3);

    const { body } = await getJson<{ timeline: Array<{ stage: string; summary: string }> }>(`${world.hub.url}/api/orders/${placed.hubOrderId}`);
    const told = body.timeline.filter((e) => e.stage === 'notify' && e.summary.startsWith('e-mailed the customer')).map((e) => e.summary);
    expect(told).toEqual(['e-mailed the customer: received', 'e-mailed the customer: confirmed', 'e-mailed the customer: shipped']);
  });
});

describe('sending that fails or runs twice', () => {
  it('retries a deferred submission (451) and sends the notice exactly once', async () => {
    sink.failNext(1, 451);
    const placed = await placeOrder(901);
    await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === placed.hubOrderId, 15_000, 'the acknowledgement after a retry');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsOf(placed.hubOrderId)).toHaveLength(1);
  });

  it('does not send again when the same notify job runs again', async () => {
    const placed = await placeOrder(902);
    const first = await sink.waitFor((m) => m.parsed.headers.get('x-hub-order') === placed.hubOrderId, 10_000, 'the acknowledgement');
    const queue = world.hub.hub.runtime.queues.get(notifyQueue('customer-mail'));
    const { body } = await getJson<{ status: { version: number }; state: string }>(`${world.hub.url}/api/orders/${placed.hubOrderId}`);
    const notice = first.parsed.headers.get('x-hub-notice') as string;
    const version = Number(notice.split(':')[1]);
    expect(version).toBeGreaterThan(0);
    const again = await queue.add('notify', { orderId: placed.hubOrderId, version, state: body.state, shipments: [], occurredAt: new Date().toISOString() }, { jobId: `${placed.hubOrderId}-again` });
    await eventually(async () => ((await queue.getJob(again.id!)) === undefined ? true : undefined), 10_000, 'the repeated job to finish');
    expect(mailsOf(placed.hubOrderId)).toHaveLength(1);
  });

  it('dead-letters a notice whose address the server refuses (550), saying what to do', async () => {
    sink.failNext(1, 550);
    const placed = await placeOrder(903);
    const letter = await eventually(async () => {
      const { body } = await getJson<{ deadLetters: Array<{ orderId: string; errorCode: string; hint: string; stage: string }> }>(`${world.hub.url}/api/dead-letters`);
      return body.deadLetters.find((l) => l.orderId === placed.hubOrderId);
    }, 15_000, 'the dead letter');
    expect(letter.stage).toBe('notify');
    expect(letter.errorCode).toBe('SMTP_REJECTED');
    expect(letter.hint).toContain('address');
    expect(mailsOf(placed.hubOrderId)).toHaveLength(0);
  });
});
