/**
 * The mail channel end to end, against real mail servers on loopback: a Dovecot IMAP
 * mailbox the hub reads (IDLE, UID cursor, moving mail only after capture), the hub's
 * own SMTP listener that real SMTP clients (nodemailer) deliver to, and the mail sink the
 * customer's acknowledgement goes to. Messages are built by a real MIME composer.
 *
 * - the text template → order captured → acknowledgement e-mailed within seconds, with
 *   the confirmation code; the mail moved to Processed
 * - a CSV order sheet attached → order, answered 250 with the code over SMTP
 * - the same message in the mailbox twice, read again after the cursor is lost, and
 *   delivered over SMTP too → one order
 * - a bounce of one of our notices → no order, filed, noted on the order's timeline,
 *   and shown to an operator on the console's failures page (Chromium)
 * - an auto-reply → filed; a template with a bad item line and a scanned form → review
 *   with the original message kept
 */
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '../../sims/mail-sink/index.js';
import { Credentials } from '../../src/auth/credentials.js';
import { loadFormLayout } from '../../src/forms/form-layout.js';
import { renderFormPng } from '../../src/forms/render-form.js';
import { launchBrowser, logInToConsole } from '../support/browser.js';
import { startDovecot, type Dovecot, type DovecotUser } from '../support/dovecot.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const INSTANCE = 'mail-orders';
const FLAGGING = 'mail-flagged';
const SCANNING = 'mail-scans';
const PASSWORD_ENV = 'TEST_MAIL_ORDERS_IMAP_PASSWORD';
const FLAGGING_PASSWORD_ENV = 'TEST_MAIL_FLAGGED_IMAP_PASSWORD';
const OPERATOR_PASSWORD = 'operator password 2026';
const SAMPLE = readFileSync('connectors/email-orders/samples/text-order.txt', 'utf8');
const SHEET = readFileSync('connectors/email-orders/samples/order-sheet.csv');

let dovecot: Dovecot;
let sink: MailSink;
let world: World;
let imap: ImapFlow;
let smtpPort: number;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user: 'orders', password: randomBytes(12).toString('hex') }, { user: 'shop', password: randomBytes(12).toString('hex') }] });
  const [user, flaggingUser] = dovecot.users as [DovecotUser, DovecotUser];
  process.env[PASSWORD_ENV] = user.password;
  process.env[FLAGGING_PASSWORD_ENV] = flaggingUser.password;
  sink = await startMailSink();
  world = await startWorld({
    hub: {
      extra: {
        notifications: { customer: 'customer-mail' },
        instances: {
          'customer-mail': {
            connector: 'customer-email',
            settings: { smtp: { host: '127.0.0.1', port: sink.port, timeoutMs: 3000 }, from: 'Demo Shop <orders@shop.example>' },
          },
          [INSTANCE]: {
            connector: 'email-orders',
            channel: 'mail',
            settings: {
              // A long interval: mail captured within seconds can only have come through IDLE.
              imap: { host: dovecot.host, port: dovecot.port, secure: false, user: user.user, password: { env: PASSWORD_ENV }, pollIntervalMs: 120_000 },
              smtp: { port: 0, recipients: ['orders@shop.example'] },
              currency: 'EUR',
            },
            mappings: {
              inbound: resolve('mappings/email-text-order-to-canonical.json'),
              forms: { csv: resolve('mappings/email-csv-order-to-canonical.json'), xml: resolve('mappings/xml-order-to-canonical.json') },
            },
          },
          // Scanned order forms attached are read by OCR, as faxes are.
          [SCANNING]: {
            connector: 'email-orders',
            channel: 'mail',
            settings: {
              smtp: { port: 0 },
              scans: { forms: [resolve('mappings/forms/order-form-v1.json')], catalog: resolve('data/catalog.csv'), customers: resolve('data/customers.csv') },
            },
            mappings: { inbound: resolve('mappings/email-text-order-to-canonical.json'), forms: { scan: resolve('mappings/fax-order-to-canonical.json') } },
          },
          // A shared mailbox whose mail must stay where it is: flagged, not moved; polled without IDLE.
          [FLAGGING]: {
            connector: 'email-orders',
            channel: 'mail',
            settings: {
              imap: {
                host: dovecot.host, port: dovecot.port, secure: false, user: flaggingUser.user, password: { env: FLAGGING_PASSWORD_ENV },
                afterCapture: 'flag', idle: false, pollIntervalMs: 1000,
              },
            },
            mappings: { inbound: resolve('mappings/email-text-order-to-canonical.json') },
          },
        },
      },
    },
  });
  smtpPort = Number(new URL(world.hub.hub.listening[INSTANCE]!).port);
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('olga', 'operator', OPERATOR_PASSWORD);
  imap = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: user.user, pass: user.password }, logger: false });
  imap.on('error', () => undefined);
  await imap.connect();
}, 60_000);

afterAll(async () => {
  await imap?.logout().catch(() => undefined);
  await world?.stop();
  await sink?.close();
  await dovecot?.stop();
});

interface MailOptions {
  from?: string;
  subject?: string;
  text?: string;
  messageId?: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; content: Buffer | string; contentType?: string }>;
}

let sequence = 0;

/** RFC 822 bytes from a real MIME composer. */
async function compose(options: MailOptions): Promise<Buffer> {
  sequence += 1;
  const composer = new MailComposer({
    from: options.from ?? `Customer ${sequence} <customer${sequence}@example.org>`,
    to: 'orders@shop.example',
    subject: options.subject ?? 'Order',
    text: options.text ?? SAMPLE,
    messageId: options.messageId ?? `<order-${sequence}-${Date.now()}@example.org>`,
    date: new Date('2026-12-04T09:15:00Z'),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
  });
  return composer.compile().build();
}

async function appendToInbox(raw: Buffer): Promise<void> {
  await imap.append('INBOX', raw);
}

async function uidsIn(mailbox: string): Promise<number> {
  const status = await imap.status(mailbox, { messages: true });
  return status ? status.messages ?? 0 : 0;
}

interface OrderRow { hubOrderId: string; confirmation: string; channel: string; source: string; state: string; externalId: string }

async function ordersOf(email: string): Promise<OrderRow[]> {
  const { body } = await getJson<{ orders: OrderRow[] }>(`${world.hub.url}/api/orders?email=${encodeURIComponent(email)}`);
  return body.orders;
}

interface OrderView {
  state: string;
  order?: { lines: Array<{ sku: string; quantity: number; unitPrice: number }>; totals: { grandTotal: number }; customer: { email?: string } };
  status: { review?: { reasons: string[] } };
  timeline: Array<{ stage: string; summary: string; detail?: Record<string, unknown> }>;
}

/** Orders in review have no canonical order yet (so no e-mail index): found by the message's reference. */
async function orderByMessageId(messageId: string, instance = INSTANCE): Promise<OrderRow | undefined> {
  const { body } = await getJson<{ orders: OrderRow[] }>(`${world.hub.url}/api/orders?source=${instance}&ref=${encodeURIComponent(messageId)}`);
  return body.orders[0];
}

async function orderView(id: string): Promise<OrderView> {
  return (await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`)).body;
}

interface FiledRow { id: string; kind: string; reason: string; hubOrderId?: string; meta: Record<string, string> }

async function filed(): Promise<FiledRow[]> {
  return (await getJson<{ filed: FiledRow[] }>(`${world.hub.url}/api/filed`)).body.filed;
}

async function sendOverSmtp(raw: Buffer, from: string, instance = INSTANCE): Promise<string> {
  const port = instance === INSTANCE ? smtpPort : Number(new URL(world.hub.hub.listening[instance]!).port);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope: { from, to: ['orders@shop.example'] }, raw });
    return String(info.response);
  } finally {
    transport.close();
  }
}

describe('an order e-mailed with the text template', () => {
  it('is captured from the mailbox within seconds (IDLE), acknowledged by e-mail with its code, and moved to Processed', async () => {
    const from = 'ada@example.org';
    const started = Date.now();
    await appendToInbox(await compose({ from: `Ada Lovelace <${from}>` }));
    // The interval is two minutes: an order captured within seconds came through IDLE.
    const [order] = await eventually(async () => ((await ordersOf(from)).length > 0 ? ordersOf(from) : undefined), 15_000, 'the e-mailed order');
    expect(order!.channel).toBe('mail');
    expect(order!.source).toBe(INSTANCE);
    const view = await orderView(order!.hubOrderId);
    expect(view.order!.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['SKU-1001', 2, 2490], ['SKU-2002', 1, 950]]);
    expect(view.order!.totals.grandTotal).toBe(5930);
    expect(view.order!.customer.email).toBe(from);

    const ack = await sink.waitFor((m) => m.envelopeTo.includes(from), 15_000, 'the acknowledgement');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ack.parsed.subject).toContain(order!.confirmation);
    expect(ack.parsed.text).toContain(order!.confirmation);
    expect(ack.parsed.text).toContain('SKU-1001');

    await eventually(async () => ((await uidsIn('Processed')) >= 1 ? true : undefined), 10_000, 'the mail moved to Processed');
    const raw = await fetch(`${world.hub.url}/api/orders/${order!.hubOrderId}/raw`, { headers: { authorization: `Bearer ${world.hub.apiToken}` } });
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(await raw.text()).toContain('Items:');
  });
});

describe('an order sheet attached as CSV', () => {
  it('becomes an order, and the SMTP listener answers 250 with the confirmation code', async () => {
    const from = 'purchasing@hopper.example';
    const raw = await compose({
      from: `Hopper Purchasing <${from}>`, text: 'Please find our order attached.',
      attachments: [{ filename: 'order-sheet.csv', content: SHEET, contentType: 'text/csv' }],
    });
    const answer = await sendOverSmtp(raw, from);
    const [order] = await ordersOf(from);
    expect(order).toBeDefined();
    expect(answer).toContain(order!.confirmation);
    const view = await orderView(order!.hubOrderId);
    expect(view.state).not.toBe('needs_review');
    expect(view.order!.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['BLS-RED-M', 2, 2490], ['SCF-NAVY', 1, 1250], ['SKU-3003', 3, 10]]);
    expect(view.order!.totals.grandTotal).toBe(6260);
    await sink.waitFor((m) => m.envelopeTo.includes(from) && (m.parsed.text ?? '').includes(order!.confirmation), 15_000, 'the acknowledgement');
  });
});

describe('an "Order XML v1" document attached', () => {
  it('becomes an order through the XML channel\'s own mapping, the sender filling in the customer\'s e-mail', async () => {
    const from = 'buyer@b2b.example';
    const xml = readFileSync('mappings/samples/xml-order-1.xml', 'utf8').replace(/<Email>[^<]*<\/Email>/, '');
    const answer = await sendOverSmtp(await compose({
      from, text: 'Our purchase order is attached.', attachments: [{ filename: 'po-4711.xml', content: xml, contentType: 'application/xml' }],
    }), from);
    const [order] = await ordersOf(from);
    expect(answer).toContain(order!.confirmation);
    const view = await orderView(order!.hubOrderId);
    expect(view.state).not.toBe('needs_review');
    expect(view.order!.customer.email).toBe(from);
    expect(view.order!.lines.length).toBeGreaterThan(0);
  });
});

describe('the same message seen more than once', () => {
  it('is one order: in the mailbox twice, read again after the cursor is lost, and delivered over SMTP too', async () => {
    const from = 'twice@example.org';
    const raw = await compose({ from, messageId: '<same-message-1@example.org>' });
    await appendToInbox(raw);
    await appendToInbox(raw);
    await eventually(async () => ((await ordersOf(from)).length > 0 ? true : undefined), 15_000, 'the order');
    const processedBefore = await uidsIn('Processed');
    await eventually(async () => ((await uidsIn('INBOX')) === 0 ? true : undefined), 10_000, 'the inbox emptied');

    // The cursor lost and the mail put back: read again from the first UID.
    await world.hub.hub.runtime.redis.del(world.hub.hub.runtime.keys.cursor(INSTANCE));
    await imap.mailboxOpen('Processed');
    await imap.messageCopy('1:*', 'INBOX');
    await imap.mailboxClose();
    const answer = await sendOverSmtp(raw, from);
    expect(answer).toContain('already received');
    await eventually(async () => ((await uidsIn('INBOX')) === 0 ? true : undefined), 15_000, 'the copies read and moved');
    expect(await uidsIn('Processed')).toBeGreaterThan(processedBefore);
    expect(await ordersOf(from)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.messages().filter((m) => m.envelopeTo.includes(from))).toHaveLength(1);
  });
});

describe('mail that is not an order', () => {
  it('files a bounce of our notice, notes it on the order, and makes no order', async () => {
    const from = 'gone@example.org';
    await appendToInbox(await compose({ from }));
    const [order] = await eventually(async () => ((await ordersOf(from)).length > 0 ? ordersOf(from) : undefined), 15_000, 'the order');
    const notice = await sink.waitFor((m) => m.envelopeTo.includes(from), 15_000, 'the acknowledgement');
    const ordersBefore = (await getJson<{ orders: unknown[] }>(`${world.hub.url}/api/review`)).body.orders.length;

    await appendToInbox(bounceOf(notice.raw, from));
    const item = await eventually(async () => (await filed()).find((f) => f.kind === 'bounce'), 15_000, 'the bounce filed');
    expect(item.hubOrderId).toBe(order!.hubOrderId);
    expect(item.reason).toContain('5.1.1');
    expect(item.reason).not.toContain(from);
    const view = await orderView(order!.hubOrderId);
    expect(view.timeline.some((e) => e.stage === 'notify' && e.summary.startsWith('customer e-mail bounced (5.1.1)'))).toBe(true);
    expect(await ordersOf('mailer-daemon@mx.example.org')).toHaveLength(0);
    expect((await getJson<{ orders: unknown[] }>(`${world.hub.url}/api/review`)).body.orders.length).toBe(ordersBefore);
    await eventually(async () => ((await uidsIn('Filed')) >= 1 ? true : undefined), 10_000, 'the bounce moved to Filed');
    const original = await fetch(`${world.hub.url}/api/filed/${item.id}/raw`, { headers: { authorization: `Bearer ${world.hub.apiToken}` } });
    expect(await original.text()).toContain('multipart/report');

    // An operator sees it on the failures page, opens the original and goes to the order.
    const chromium = await launchBrowser();
    try {
      const page = await chromium.browser.newPage();
      await logInToConsole(page, world.hub.url, 'olga', OPERATOR_PASSWORD);
      await page.goto(`${world.hub.url}/admin/failures`);
      const row = page.locator(`tr[data-filed="${item.id}"]`);
      expect(await row.locator('td').nth(2).textContent()).toBe('bounce');
      expect(await row.textContent()).toContain('5.1.1');
      const message = await page.request.get(`${world.hub.url}${await row.locator('a', { hasText: 'message' }).getAttribute('href')}`);
      expect(message.status()).toBe(200);
      expect(await message.text()).toContain('Final-Recipient');
      await row.locator(`a[href="/admin/orders/${order!.hubOrderId}"]`).click();
      await page.waitForURL(`${world.hub.url}/admin/orders/${order!.hubOrderId}`);
      expect(await page.locator('body').textContent()).toContain('customer e-mail bounced (5.1.1)');
    } finally {
      await chromium.close();
    }
  });

  it('files an auto-reply and makes no order', async () => {
    const from = 'away@example.org';
    await sendOverSmtp(await compose({
      from, subject: 'Automatic reply: Your order', text: 'I am out of the office until Monday.', headers: { 'Auto-Submitted': 'auto-replied' },
    }), from);
    const item = (await filed()).find((f) => f.kind === 'auto-reply');
    expect(item).toBeDefined();
    expect(await ordersOf(from)).toHaveLength(0);
  });
});

describe('an order that cannot be read', () => {
  it('goes to review with the template problem and the original message kept', async () => {
    const from = 'typo@example.org';
    const messageId = `typo-${Date.now()}@example.org`;
    await sendOverSmtp(await compose({ from, messageId: `<${messageId}>`, text: SAMPLE.replace('1 x SKU-2002 @ 9.50', 'two blue shirts please') }), from);
    const order = await orderByMessageId(messageId);
    const view = await orderView(order!.hubOrderId);
    expect(view.state).toBe('needs_review');
    expect(view.status.review!.reasons.join(' ')).toContain('"two blue shirts please" is not an item line');
    const raw = await fetch(`${world.hub.url}/api/orders/${order!.hubOrderId}/raw`, { headers: { authorization: `Bearer ${world.hub.apiToken}` } });
    expect(await raw.text()).toContain('two blue shirts please');
  });

  it('puts a scanned order form in review with the attachment kept', async () => {
    const from = 'scanner@example.org';
    const pdf = Buffer.from('%PDF-1.4\n% scanned order form\n%%EOF\n');
    const messageId = `scan-${Date.now()}@example.org`;
    await sendOverSmtp(await compose({
      from, messageId: `<${messageId}>`, text: 'Order form attached.', attachments: [{ filename: 'order-form.pdf', content: pdf, contentType: 'application/pdf' }],
    }), from);
    const order = await orderByMessageId(messageId);
    const view = await orderView(order!.hubOrderId);
    expect(view.state).toBe('needs_review');
    expect(view.status.review!.reasons.join(' ')).toContain('form "scan"');
    const raw = await fetch(`${world.hub.url}/api/orders/${order!.hubOrderId}/raw`, { headers: { authorization: `Bearer ${world.hub.apiToken}` } });
    expect(await raw.text()).toContain(pdf.toString('base64').slice(0, 20));
  });

  it('reads a scanned order form by OCR where the instance has `scans`, and acknowledges it to the sender', async () => {
    const from = 'vets@hillfarm.example';
    const layout = await loadFormLayout(resolve('mappings/forms/order-form-v1.json'));
    const png = await renderFormPng(layout, {
      dpi: 200,
      fill: { style: 'printed-mono', seed: 3, values: { account: '10539261', phone: '441632960781', 'lines.1.sku': 'GEL3310K', 'lines.1.quantity': '4', 'lines.1.unitPrice': '1140', total: '4560' } },
    });
    const messageId = `scan-form-${Date.now()}@example.org`;
    const answer = await sendOverSmtp(await compose({
      from, messageId: `<${messageId}>`, text: 'Our order form is attached.', attachments: [{ filename: 'scan.png', content: png, contentType: 'image/png' }],
    }), from, SCANNING);
    expect(answer).toMatch(/^250 2\.0\.0 accepted, order /);
    const captured = await orderByMessageId(messageId, SCANNING);
    // OCR runs in a normalize worker after the answer; the order is then accepted and routed.
    const view = await eventually(async () => {
      const current = await orderView(captured!.hubOrderId);
      return current.state === 'received' ? undefined : current;
    }, 30_000, 'the scanned form read');
    expect(view.status.review?.reasons ?? []).toEqual([]);
    expect(view.order!.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['GEL3310K', 4, 1140]]);
    expect(view.order!.customer.email).toBe(from);
    await sink.waitFor((m) => m.envelopeTo.includes(from), 15_000, 'the acknowledgement to the sender');
  });
});

describe('a mailbox whose mail stays in place (afterCapture: flag, no IDLE)', () => {
  it('flags captured mail $HubCaptured and \\Seen, reads it once, and captures what arrives later', async () => {
    const user = dovecot.users[1]!;
    const shared = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: user.user, pass: user.password }, logger: false });
    shared.on('error', () => undefined);
    await shared.connect();
    try {
      const first = 'flag-first@example.org';
      const later = 'flag-later@example.org';
      await shared.append('INBOX', await compose({ from: first }));
      await eventually(async () => ((await ordersOf(first)).length > 0 ? true : undefined), 15_000, 'the first order');
      await shared.append('INBOX', await compose({ from: later }));
      await eventually(async () => ((await ordersOf(later)).length > 0 ? true : undefined), 15_000, 'the later order');
      const flagged = await eventually(async () => {
        const lock = await shared.getMailboxLock('INBOX');
        try {
          const messages: Array<{ flags?: Set<string> }> = [];
          for await (const message of shared.fetch('1:*', { uid: true, flags: true })) messages.push(message);
          return messages.length === 2 && messages.every((m) => m.flags?.has('$HubCaptured') && m.flags.has('\\Seen')) ? messages : undefined;
        } finally {
          lock.release();
        }
      }, 10_000, 'both messages flagged');
      expect(flagged).toHaveLength(2);
      // Polled every second meanwhile: still one order each.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await ordersOf(first)).toHaveLength(1);
      expect(await ordersOf(later)).toHaveLength(1);
    } finally {
      await shared.logout().catch(() => undefined);
    }
  });
});

describe('while Redis is down', () => {
  it('answers SMTP with 451 and leaves the mailbox alone; once it is back, each order is captured once and only then moved', async () => {
    const viaSmtp = 'outage-smtp@example.org';
    const viaImap = 'outage-imap@example.org';
    const smtpMail = await compose({ from: viaSmtp });
    const processedBefore = await uidsIn('Processed');
    await world.redis.kill('SIGKILL');
    try {
      await expect(sendOverSmtp(smtpMail, viaSmtp)).rejects.toThrow(/451/);
      await appendToInbox(await compose({ from: viaImap }));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      // Nothing is recorded, so nothing may have left the inbox.
      expect(await uidsIn('INBOX')).toBe(1);
      expect(await uidsIn('Processed')).toBe(processedBefore);
    } finally {
      await world.redis.restart();
    }
    // The sending server retries until it is answered 250; the mailbox is read again (the IDLE watch wakes a poll).
    const answer = await eventually(() => sendOverSmtp(smtpMail, viaSmtp), 20_000, 'the SMTP delivery accepted after the outage');
    expect(answer).toMatch(/^250 2\.0\.0 accepted, order /);
    await eventually(async () => ((await ordersOf(viaImap)).length > 0 ? true : undefined), 30_000, 'the mailbox order after the outage');
    await eventually(async () => ((await uidsIn('INBOX')) === 0 ? true : undefined), 15_000, 'the mail moved after capture');
    expect(await ordersOf(viaSmtp)).toHaveLength(1);
    expect(await ordersOf(viaImap)).toHaveLength(1);
  }, 60_000);
});

/** A Postfix-style delivery status notification returning the headers of `original`. */
function bounceOf(original: string, recipient: string): Buffer {
  const headers = original.slice(0, original.search(/\r?\n\r?\n/));
  const boundary = 'dsn-boundary-1';
  return Buffer.from([
    'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
    'To: orders@shop.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <bounce-${Date.now()}@mx.example.org>`,
    'Date: Fri, 04 Dec 2026 10:00:00 +0000',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.org. Your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    headers,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n'));
}
