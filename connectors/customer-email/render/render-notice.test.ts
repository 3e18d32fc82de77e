/**
 * Rendering customer notices: every event in plain text and HTML restates the order
 * (confirmation code, every line, totals, addresses), shipped notices carry the right
 * tracking links, the customer's name falls back, nothing from the order reaches the
 * HTML unescaped, and whole outputs match the golden files in `__golden__/`
 * (UPDATE_GOLDEN=1 rewrites them).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../../../src/sdk/index.js';
import {
  CONFIRMATION, DELAYED_UPS_SHIPMENT, FEDEX_SHIPMENT, MUG, orderFor, PICKUP_STORE, sampleBrand, sampleCarriers, sampleOrder, samplePickupOrder, statusFor, TSHIRT, UPS_SHIPMENT,
} from './__fixtures__/sample-order.js';
import { NOTICE_EVENTS, type NoticeEvent } from './notice-event.js';
import { renderNotice, type RenderNoticeInput } from './render-notice.js';

const GOLDEN = join(import.meta.dirname, '__golden__');
const escape = (text: string) => Handlebars.escapeExpression(text);

function render(event: NoticeEvent, changes: Partial<RenderNoticeInput> = {}) {
  return renderNotice({
    event, order: orderFor(event), status: statusFor(event), brand: sampleBrand, carriers: sampleCarriers, ...changes,
  });
}

const SUBJECTS: Record<NoticeEvent, string> = {
  received: `Order ${CONFIRMATION}: we have received it`,
  confirmed: `Order ${CONFIRMATION}: confirmed`,
  changed: `Order ${CONFIRMATION}: an update`,
  backordered: `Order ${CONFIRMATION}: some items are delayed`,
  ready_for_pickup: `Order ${CONFIRMATION}: ready for pickup`,
  shipped: `Order ${CONFIRMATION}: it is on its way`,
  delayed: `Order ${CONFIRMATION}: a parcel is delayed`,
  delivered: `Order ${CONFIRMATION}: delivered`,
  cancelled: `Order ${CONFIRMATION}: cancelled`,
  refunded: `Order ${CONFIRMATION}: refunded`,
  change_accepted: `Order ${CONFIRMATION}: your change is made`,
  change_refused: `Order ${CONFIRMATION}: we could not make your change`,
};

/** The change a change notice answers, as the hub sends it. */
const CHANGES: Partial<Record<NoticeEvent, Partial<RenderNoticeInput>>> = {
  change_accepted: { change: { changeId: 'O1.c1', outcome: 'accepted', summary: 'cancel line 2 (MUG-001)' } },
  change_refused: { change: { changeId: 'O1.c2', outcome: 'refused', summary: 'line 1: TSHIRT-BLK-M → TSHIRT-GRN-M', reason: 'no stock of TSHIRT-GRN-M' } },
};

/** The ship-to address as it reads in a notice (a pickup order has none; the store instead). */
const SHIP_TO = ['Sansa Stark', '1 Winterfell Way', 'Portland, OR 97201'];

/** What every notice restates, as it reads in plain text. */
const RESTATED = [
  CONFIRMATION,
  'TSHIRT-BLK-M', 'Direwolf T-Shirt', '2 x', '$25.00', '$50.00', 'Black / M',
  'MUG-001', 'Winter Is Coming Mug', '1 x', '$15.00',
  'Subtotal: $65.00', 'Discount: -$5.00', 'Shipping: $7.50', 'Tax: $4.80', 'Total: $72.30',
  ...SHIP_TO, 'United States',
  'Jon Snow', "Night's Watch LLC", '100 Castle Black Rd', 'Suite 3', 'San Francisco, CA 94107',
];

/** The same in HTML (texts escaped before the search), where a table holds lines and totals. */
const RESTATED_HTML = [
  CONFIRMATION,
  'TSHIRT-BLK-M', 'Direwolf T-Shirt', '$25.00', '$50.00', 'Black / M',
  'MUG-001', 'Winter Is Coming Mug', '$15.00',
  '$65.00', '-$5.00', '$7.50', '$4.80', '$72.30',
  ...SHIP_TO, 'United States',
  'Jon Snow', "Night's Watch LLC", '100 Castle Black Rd', 'Suite 3', 'San Francisco, CA 94107',
];

/** What the notice of `event` restates: a pickup order names its store where others name the ship-to address. */
function restatedFor(event: NoticeEvent, texts: string[], pickupStore: string): string[] {
  return orderFor(event).shipTo ? texts : [...texts.filter((text) => !SHIP_TO.includes(text)), pickupStore];
}
const QUANTITY_CELLS = ['text-align:right;">2</td>', 'text-align:right;">1</td>'];

describe.each(NOTICE_EVENTS)('the %s notice', (event) => {
  const notice = render(event, CHANGES[event]);

  it('has its subject on one line', () => {
    expect(notice.subject).toBe(SUBJECTS[event]);
  });

  it('restates the order in plain text: code, every line, totals, addresses', () => {
    for (const text of restatedFor(event, RESTATED, `Pick up at: ${PICKUP_STORE}`)) expect(notice.text).toContain(text);
    expect(notice.text).toMatch(/^Hello Jon Snow,\n/);
  });

  it('restates the order in HTML', () => {
    for (const text of restatedFor(event, RESTATED_HTML, PICKUP_STORE)) expect(notice.html).toContain(escape(text));
    for (const cell of QUANTITY_CELLS) expect(notice.html).toContain(cell);
    expect(notice.html).toMatch(/^<!DOCTYPE html>/);
    expect(notice.html).toContain(`<title>${escape(SUBJECTS[event])}</title>`);
  });

  it('matches its golden files', () => {
    for (const [ext, output] of [['txt', notice.text], ['html', notice.html]] as const) {
      const file = join(GOLDEN, `${event}.${ext}`);
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, output);
      }
      expect(existsSync(file), `${file} is missing (UPDATE_GOLDEN=1 writes it)`).toBe(true);
      expect(output, `${file} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
    }
  });
});

describe('event details', () => {
  it('change answers say what was asked and, when refused, why', () => {
    expect(render('change_accepted', CHANGES.change_accepted).text).toContain('What changed: cancel line 2 (MUG-001)');
    const refused = render('change_refused', CHANGES.change_refused);
    expect(refused.text).toContain('What you asked for: line 1: TSHIRT-BLK-M → TSHIRT-GRN-M\nWhy: no stock of TSHIRT-GRN-M');
    expect(refused.html).toContain('<p>Why: no stock of TSHIRT-GRN-M</p>');
    expect(render('change_refused').text).not.toContain('What you asked for');
  });

  it('shipped: carrier, tracking number and the right link per parcel', () => {
    const { text, html } = render('shipped');
    const ups = 'https://www.ups.com/track?tracknum=1Z999AA10123456784';
    expect(text).toContain('Parcel 1 with UPS, shipped November 24, 2026\n  Tracking number: 1Z999AA10123456784\n'
      + `  Track it: ${ups}\n  - 2 x Direwolf T-Shirt (SKU TSHIRT-BLK-M)`);
    expect(text).toContain(`Parcel 2 with FedEx, shipped November 25, 2026\n  Tracking number: 449044304137821\n`
      + `  Track it: ${FEDEX_SHIPMENT.trackingUrl}\n  - 1 x Winter Is Coming Mug (SKU MUG-001)`);
    expect(html).toContain(`<a href="${escape(ups)}"`);
    expect(html).toContain(`<a href="${escape(FEDEX_SHIPMENT.trackingUrl!)}"`);
  });

  it('shipped: a parcel without a link still shows its carrier and number', () => {
    const { text, html } = render('shipped', { carriers: {} });
    expect(text).toContain('Tracking number: 1Z999AA10123456784');
    expect(text).not.toContain('ups.com');
    expect(html).not.toContain('ups.com');
    expect(html.match(/<a href=/g)).toHaveLength(2); // FedEx's own link and the support link
  });

  it('shipped: part of the order', () => {
    const status = { ...statusFor('shipped'), state: 'partially_shipped' as const, shipments: [UPS_SHIPMENT] };
    const { subject, text, html } = render('shipped', { status });
    expect(subject).toBe(`Order ${CONFIRMATION}: part of it is on its way`);
    expect(text).toContain('Part of your order K7QM-4TX9P is on its way. We will e-mail you again when the rest ships.');
    expect(html).toContain('Part of your order');
    expect(text).not.toContain('Parcel 2');
  });

  it('delayed: which parcel, what the carrier said, its new date, and that we are watching it', () => {
    const { text, html } = render('delayed');
    const ups = 'https://www.ups.com/track?tracknum=1Z999AA10123456784';
    expect(text).toContain('Parcel 1 with UPS, shipped November 24, 2026\n  Tracking number: 1Z999AA10123456784\n'
      + `  Track it: ${ups}\n  What the carrier says: Address problem: no such street number\n`
      + '  The carrier now expects to deliver it on December 2, 2026.\n  - 2 x Direwolf T-Shirt (SKU TSHIRT-BLK-M)');
    expect(text).toContain('We are watching this parcel with the carrier');
    // The parcel that arrived is not news here; the carrier's own code is not for the customer.
    expect(text).not.toContain('Parcel 2');
    expect(text).not.toContain('EX-ADDR');
    expect(html).toContain('<strong>What the carrier says:</strong> Address problem: no such street number');
    expect(html).toContain(`<a href="${escape(ups)}"`);
  });

  it('delayed: no date when the carrier gave none, and every parcel in trouble', () => {
    const status = statusFor('delayed');
    const { expectedDate: _date, ...undated } = DELAYED_UPS_SHIPMENT;
    const returned = { ...FEDEX_SHIPMENT, parcelStatus: 'returned' as const, exception: { description: 'Returned to sender', at: '2026-11-27T10:00:00Z' } };
    status.shipments = [undated, returned];
    const { text } = render('delayed', { status });
    expect(text).not.toContain('expects to deliver');
    expect(text).toContain('Parcel 2 with FedEx, shipped November 25, 2026\n  Tracking number: 449044304137821\n'
      + `  Track it: ${FEDEX_SHIPMENT.trackingUrl}\n  What the carrier says: Returned to sender\n`);
    expect(text).toContain('We are watching these parcels with the carrier');
  });

  it('delayed: the carrier’s words reach the HTML escaped', () => {
    const status = statusFor('delayed');
    status.shipments = [{ ...DELAYED_UPS_SHIPMENT, exception: { description: '<img src=x onerror=alert(1)>', at: '2026-11-26T08:15:00Z' } }];
    const { text, html } = render('delayed', { status });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(text).toContain('What the carrier says: <img src=x onerror=alert(1)>');
  });

  it('backordered: which lines and the expected date', () => {
    const { text, html } = render('backordered');
    expect(text).toContain('- 2 x Direwolf T-Shirt (SKU TSHIRT-BLK-M): expected December 5, 2026');
    expect(text).not.toMatch(/Winter Is Coming Mug \(SKU MUG-001\): /);
    expect(html).toContain('<li>2 x Direwolf T-Shirt (SKU TSHIRT-BLK-M): expected December 5, 2026</li>');
    const status = statusFor('backordered');
    delete status.lines[TSHIRT]!.expectedDate;
    expect(render('backordered', { status }).text).toContain('(SKU TSHIRT-BLK-M): no date yet');
  });

  it('cancelled and refunded: the reason when there is one', () => {
    expect(render('cancelled').text).toContain('Reason: Payment could not be taken');
    expect(render('cancelled').html).toContain('<strong>Reason:</strong> Payment could not be taken');
    expect(render('refunded').text).toContain('Reason: Returned within 30 days');
    const status = { ...statusFor('cancelled') };
    delete status.reason;
    expect(render('cancelled', { status }).text).not.toContain('Reason');
  });

  it('ready for pickup: where to collect the order, and the code to bring', () => {
    const { text, html } = render('ready_for_pickup');
    expect(text).toContain(`Your order ${CONFIRMATION} is ready for pickup at ${PICKUP_STORE}. Please bring your confirmation code ${CONFIRMATION}`);
    expect(html).toContain(`is ready for pickup at <strong>${PICKUP_STORE}</strong>.`);
    expect(text).not.toContain('Ship to');
  });

  it('ready for pickup: an order that names no store still reads well, and a hostile store id is escaped', () => {
    const order = samplePickupOrder();
    order.fulfilment = { method: 'pickup' };
    expect(render('ready_for_pickup', { order }).text).toContain(`Your order ${CONFIRMATION} is ready for pickup. Please bring`);
    order.fulfilment = { method: 'pickup', pickupStore: '<b>S01</b>' };
    const { html } = render('ready_for_pickup', { order });
    expect(html).toContain('at <strong>&lt;b&gt;S01&lt;/b&gt;</strong>.');
    expect(html).not.toContain('<b>S01');
  });

  it('changed: the new state and where each line stands', () => {
    const status = statusFor('changed');
    status.state = 'allocated';
    status.lines[MUG] = { ...status.lines[MUG]!, cancelled: 1 };
    delete status.reason;
    const { text } = render('changed', { status });
    expect(text).toContain('There is an update to your order K7QM-4TX9P: it is now being prepared.');
    expect(text).toContain('- Winter Is Coming Mug (SKU MUG-001): 1 ordered, 1 cancelled');
  });
});

describe('the customer’s name', () => {
  const greeting = (order: CanonicalOrder) => render('received', { order }).text.split('\n')[0];

  it('is the customer’s, else the bill-to name, else none (never the ship-to recipient)', () => {
    const order = sampleOrder();
    expect(greeting(order)).toBe('Hello Jon Snow,');
    order.customer = { ...order.customer, name: '  ' };
    order.billTo = { ...order.billTo!, name: 'Jon S.' };
    expect(greeting(order)).toBe('Hello Jon S.,');
    delete order.billTo.name;
    expect(greeting(order)).toBe('Hello,');
    delete order.billTo;
    const { text, html } = render('received', { order });
    expect(text.split('\n')[0]).toBe('Hello,');
    expect(text).not.toContain('Bill to');
    expect(html).toContain('<p>Hello,</p>');
  });
});

describe('other orders', () => {
  it('a JPY pickup order without addresses, descriptions or discounts', () => {
    const order: CanonicalOrder = {
      ...sampleOrder(),
      currency: 'JPY',
      customer: { email: 'kiosk@example.jp' },
      lines: [{ lineId: 'L1', sku: 'TEA-500', quantity: 3, unitPrice: 1200 }],
      totals: { subtotal: 3600, shipping: 0, tax: 360, discount: 0, grandTotal: 3960 },
      fulfilment: { method: 'pickup', pickupStore: 'Shibuya' },
    };
    delete order.shipTo;
    delete order.billTo;
    delete order.notes;
    const status = { ...statusFor('confirmed'), lines: { L1: { ordered: 3, allocated: 0, backordered: 0, shipped: 0, cancelled: 0, returned: 0 } } };
    const { text, html } = render('confirmed', { order, status });
    expect(text).toContain('- 3 x SKU TEA-500\n  ¥1,200 each = ¥3,600');
    expect(text).toContain('Subtotal: ¥3,600\nShipping: ¥0\nTax: ¥360\nTotal: ¥3,960');
    expect(text).toContain('Pick up at: Shibuya');
    expect(text).not.toContain('Discount');
    expect(text).toMatch(/^Hello,\n/);
    expect(html).toContain('<strong>Pick up at</strong><br>Shibuya');
  });

  it('a locale formats money, dates and countries', () => {
    const { text } = render('received', { locale: 'de-DE' });
    expect(text).toContain('Total: 72,30\u00a0$');
    expect(text).toContain('placed 23. November 2026');
    expect(text).toContain('Vereinigte Staaten');
  });
});

describe('HTML escaping', () => {
  const evil = '<script>alert("x")</script>';

  function hostileOrder(): CanonicalOrder {
    const order = sampleOrder();
    order.customer.name = `<b onmouseover="x">Eve</b>`;
    order.lines[0]!.description = evil;
    order.lines[0]!.sku = `SKU"><img src=x onerror=alert(1)>`;
    order.lines[0]!.options = { '<i>size</i>': `M' onclick='x` };
    order.shipTo!.line1 = '<iframe src="https://evil.example"></iframe>';
    order.notes = '</p><script>steal()</script>';
    return order;
  }

  it.each(NOTICE_EVENTS)('nothing from the order reaches the %s HTML unescaped', (event) => {
    const status = statusFor(event);
    status.reason = '<a href="https://evil.example">click</a>';
    status.shipments = status.shipments.map((s) => ({ ...s, trackingNumber: '"><script>x()</script>' }));
    const { text, html } = render(event, { order: hostileOrder(), status });
    for (const raw of ['<script', '<img', '<iframe', '<b ', '<i>', 'evil.example">', `onclick='x`]) {
      expect(html).not.toContain(raw);
    }
    expect(html).toContain(escape(evil));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // Plain text is not HTML: it shows the text as it is.
    expect(text).toContain(evil);
  });

  it('a hostile tracking number is encoded in the link, and a javascript: link is dropped', () => {
    const status = statusFor('shipped');
    status.shipments = [
      { ...UPS_SHIPMENT, trackingNumber: '1Z"><script>' },
      { ...FEDEX_SHIPMENT, trackingUrl: 'javascript:alert(document.cookie)' },
    ];
    const { html } = render('shipped', { status });
    expect(html).toContain('<a href="https://www.ups.com/track?tracknum&#x3D;1Z%22%3E%3Cscript%3E"');
    expect(html).not.toContain('javascript:');
  });

  it('the subject is one line even when the order holds line breaks', () => {
    const order = sampleOrder();
    order.confirmation = 'K7QM-4TX9P\r\nBcc: someone@example.com';
    expect(render('received', { order }).subject).toBe('Order K7QM-4TX9P Bcc: someone@example.com: we have received it');
  });
});
