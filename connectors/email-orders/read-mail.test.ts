/**
 * One e-mail's bytes → facts, on messages built by a real MIME composer (nodemailer's
 * MailComposer): the dedup key stays the same when only the transport changed the
 * message (Received lines, header order, line ends) and changes when the Message-ID or
 * what the message says changes; the reference, the sender, the text (also of an
 * HTML-only message) and the attachments.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { readMail } from './read-mail.js';

type ComposeOptions = ConstructorParameters<typeof MailComposer>[0];

const SHEET = 'sku,quantity,unit_price\r\nSKU-1001,2,24.90\r\n';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');

const ORDER: ComposeOptions = {
  from: 'Ada Lovelace <ada@example.org>',
  to: 'orders@shop.example',
  subject: 'Order for Müller',
  text: 'ORDER\nName: Ada Lovelace\n\nItems:\n2 x SKU-1001 @ 24.90 Grüße\n',
  messageId: '<CAK7x2=ord-1001@mail.example.org>',
  date: new Date('2026-12-04T09:15:00Z'),
  attachments: [
    { filename: 'order-sheet.csv', content: SHEET, contentType: 'text/csv' },
    { filename: 'scan.pdf', content: PDF, contentType: 'application/pdf' },
  ],
};

/** RFC 5322 bytes from MailComposer, with CRLF line ends as they come off the wire. */
async function compose(options: ComposeOptions = ORDER): Promise<Buffer> {
  const raw: Buffer = await new MailComposer(options).compile().build();
  return crlf(raw);
}

const crlf = (raw: Buffer): Buffer => Buffer.from(raw.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
const lf = (raw: Buffer): Buffer => Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');

/** Header block and body, split at the first empty line (CRLF). */
function split(raw: Buffer): { fields: string[]; body: string } {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  // One field per entry: folded continuation lines stay with their field.
  const fields = text.slice(0, end).split(/\r\n(?![ \t])/);
  return { fields, body: text.slice(end + 4) };
}

const join = (fields: string[], body: string): Buffer => Buffer.from(`${fields.join('\r\n')}\r\n\r\n${body}`, 'latin1');

/** What MTAs add on the way: trace and delivery headers at the top. */
function viaTransport(raw: Buffer): Buffer {
  const { fields, body } = split(raw);
  return join([
    'Return-Path: <ada@example.org>',
    'Delivered-To: orders@shop.example',
    'Received: from mx.shop.example (mx.shop.example [192.0.2.10])\r\n\tby imap.shop.example (Postfix) with ESMTPS id 4F1A21C0A3B\r\n\tfor <orders@shop.example>; Fri,  4 Dec 2026 10:15:02 +0100 (CET)',
    'Received: from mail.example.org (mail.example.org [198.51.100.7])\r\n\tby mx.shop.example with ESMTP id 7E1B2; Fri, 4 Dec 2026 10:15:01 +0100',
    'Authentication-Results: mx.shop.example; spf=pass smtp.mailfrom=example.org',
    'X-Spam-Status: No, score=-0.1',
    ...fields,
  ], body);
}

function reversedHeaders(raw: Buffer): Buffer {
  const { fields, body } = split(raw);
  return join([...fields].reverse(), body);
}

function withoutHeader(raw: Buffer, name: string): Buffer {
  const { fields, body } = split(raw);
  const kept = fields.filter((field) => !field.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  expect(kept.length).toBe(fields.length - 1);
  return join(kept, body);
}

function withHeader(raw: Buffer, field: string): Buffer {
  const { fields, body } = split(raw);
  return join([field, ...fields], body);
}

describe('readMail facts', () => {
  it('reads Message-ID, sender, subject, date, text and attachments of a composed message', async () => {
    const mail = await readMail(await compose());
    expect(mail.messageId).toBe('CAK7x2=ord-1001@mail.example.org');
    expect(mail.reference).toBe('CAK7x2=ord-1001@mail.example.org');
    expect(mail.from).toEqual({ address: 'ada@example.org', name: 'Ada Lovelace' });
    expect(mail.subject).toBe('Order for Müller');
    expect(mail.date).toBe('2026-12-04T09:15:00.000Z');
    expect(mail.text).toBe('ORDER\nName: Ada Lovelace\n\nItems:\n2 x SKU-1001 @ 24.90 Grüße');
    expect(mail.dedupKey).toMatch(/^mail:[0-9a-f]{64}$/);
    expect(mail.parsed.messageId).toBe('<CAK7x2=ord-1001@mail.example.org>');
  });

  it('lists the attachments with filename, lower-case content type, size and the decoded content', async () => {
    const mail = await readMail(await compose({ ...ORDER, attachments: [
      { filename: 'order-sheet.csv', content: SHEET, contentType: 'Text/CSV' },
      { filename: 'scan.pdf', content: PDF, contentType: 'application/pdf' },
      { filename: 'form.tiff', content: Buffer.from([0x49, 0x49, 0x2a, 0x00, 0xff, 0x00]), contentType: 'image/tiff' },
    ] }));
    expect(mail.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size }))).toEqual([
      { filename: 'order-sheet.csv', contentType: 'text/csv', size: Buffer.byteLength(SHEET) },
      { filename: 'scan.pdf', contentType: 'application/pdf', size: PDF.length },
      { filename: 'form.tiff', contentType: 'image/tiff', size: 6 },
    ]);
    expect(mail.attachments[0]!.content.toString('utf8')).toBe(SHEET);
    expect(mail.attachments[1]!.content.equals(PDF)).toBe(true);
    expect([...mail.attachments[2]!.content]).toEqual([0x49, 0x49, 0x2a, 0x00, 0xff, 0x00]);
  });

  it('names an attachment that has no filename by its position', async () => {
    const raw = Buffer.from([
      'From: ada@example.org', 'Subject: scan', 'Message-ID: <noname@example.org>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'See the scan.',
      '--b1', 'Content-Type: application/pdf', 'Content-Disposition: attachment', 'Content-Transfer-Encoding: base64', '', PDF.toString('base64'),
      '--b1--', '',
    ].join('\r\n'), 'latin1');
    const mail = await readMail(raw);
    expect(mail.text).toBe('See the scan.');
    expect(mail.attachments.map(({ filename, contentType }) => ({ filename, contentType }))).toEqual([
      { filename: 'attachment-1', contentType: 'application/pdf' },
    ]);
    expect(mail.attachments[0]!.content.equals(PDF)).toBe(true);
  });

  it('has no attachments and an empty text when the message has neither', async () => {
    const mail = await readMail(await compose({ from: 'ada@example.org', subject: '', messageId: '<empty@example.org>' }));
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toBe('');
    expect(mail.subject).toBe('');
  });

  it('lower-cases the sender address and keeps the display name as written', async () => {
    const raw = withHeader(withoutHeader(await compose(), 'From'), 'From: "Lovelace, Ada" <Ada.Lovelace@Example.ORG>');
    const mail = await readMail(raw);
    expect(mail.from).toEqual({ address: 'ada.lovelace@example.org', name: 'Lovelace, Ada' });
  });

  it('has no sender name when the From header has only an address, and no sender without From', async () => {
    expect((await readMail(await compose({ ...ORDER, from: 'ADA@example.org' }))).from).toEqual({ address: 'ada@example.org' });
    const anonymous = await readMail(withoutHeader(await compose(), 'From'));
    expect(anonymous.from).toBeUndefined();
  });

  it('leaves the date out when the message has no Date header', async () => {
    const mail = await readMail(withoutHeader(await compose(), 'Date'));
    expect(mail.date).toBeUndefined();
  });

  // mailparser puts the time of parsing in place of a Date header it cannot read; readMail
  // reads the header itself, so the order's placedAt falls back to when it was received.
  it('leaves the date out when the Date header is not a date', async () => {
    const raw = withHeader(withoutHeader(await compose(), 'Date'), 'Date: sometime next week');
    const mail = await readMail(raw);
    expect(mail.date).toBeUndefined();
  });

  it('normalises the text: CRLF to LF, trailing spaces of each line and blank lines around it removed', async () => {
    const mail = await readMail(await compose({ ...ORDER, text: '\r\n\r\nItems:   \r\n2 x SKU-1001 @ 24.90 \t\r\n\r\n\r\n' }));
    expect(mail.text).toBe('Items:\n2 x SKU-1001 @ 24.90');
  });

  it('reads the text of an HTML-only message', async () => {
    const mail = await readMail(await compose({
      from: 'Ada Lovelace <ada@example.org>', subject: 'Order', messageId: '<html-1@example.org>',
      html: '<html><body><p>Hello,</p><p>Items:<br>2 x SKU-1001 @ 24.90<br>1 x SKU-2002 @ 9.50</p><p>Thanks, <b>Ada</b></p></body></html>',
    }));
    expect(mail.text).toBe('Hello,\n\nItems:\n2 x SKU-1001 @ 24.90\n1 x SKU-2002 @ 9.50\n\nThanks, Ada');
  });

  it('prefers the plain-text part of a multipart/alternative message', async () => {
    const mail = await readMail(await compose({
      ...ORDER, attachments: [], text: 'Items:\n1 x SKU-1 @ 1.00', html: '<p>Items:<br>9 x SKU-9 @ 9.00</p>',
    }));
    expect(mail.text).toBe('Items:\n1 x SKU-1 @ 1.00');
  });

  // mailparser turns HTML into text only when the HTML part is the root of the message or
  // there is a plain-text part; readMail converts `parsed.html` itself otherwise.
  it('reads the text of an HTML-only message that also has an attachment', async () => {
    const mail = await readMail(await compose({
      from: 'Ada Lovelace <ada@example.org>', subject: 'Order', messageId: '<html-2@example.org>',
      html: '<p>Items:<br>2 x SKU-1001 @ 24.90</p>',
      attachments: [{ filename: 'terms.pdf', content: PDF, contentType: 'application/pdf' }],
    }));
    expect(mail.text).toBe('Items:\n2 x SKU-1001 @ 24.90');
  });
});

describe('readMail reference', () => {
  it('is the Message-ID without angle brackets', async () => {
    const mail = await readMail(await compose({ ...ORDER, messageId: '<20261204091500.ABC123@mail.example.org>' }));
    expect(mail.reference).toBe('20261204091500.ABC123@mail.example.org');
    expect(mail.messageId).toBe('20261204091500.ABC123@mail.example.org');
  });

  it('is the Message-ID when it is exactly 100 characters long', async () => {
    const id = `${'a'.repeat(88)}@example.org`;
    expect(id).toHaveLength(100);
    const mail = await readMail(await compose({ ...ORDER, messageId: `<${id}>` }));
    expect(mail.reference).toBe(id);
  });

  it('is mail-<hash> when the Message-ID is longer than 100 characters, which is still kept as messageId', async () => {
    const id = `${'a'.repeat(89)}@example.org`;
    expect(id).toHaveLength(101);
    const mail = await readMail(await compose({ ...ORDER, messageId: `<${id}>` }));
    expect(mail.messageId).toBe(id);
    expect(mail.reference).toMatch(/^mail-[0-9a-f]{40}$/);
    expect(mail.reference.length).toBeLessThanOrEqual(100);
    // The same long-ID message read again has the same reference.
    expect((await readMail(viaTransport(await compose({ ...ORDER, messageId: `<${id}>` })))).reference).toBe(mail.reference);
  });

  it('is mail-<hash> when the message has no Message-ID', async () => {
    const mail = await readMail(withoutHeader(await compose(), 'Message-ID'));
    expect(mail.messageId).toBeUndefined();
    expect(mail.reference).toMatch(/^mail-[0-9a-f]{40}$/);
  });
});

describe('readMail dedup key', () => {
  it('is the same for the same bytes read twice', async () => {
    const raw = await compose();
    expect((await readMail(raw)).dedupKey).toBe((await readMail(Buffer.from(raw))).dedupKey);
  });

  it('is the same when only transport headers differ: Received lines, header order, CRLF or LF line ends', async () => {
    const raw = await compose();
    const { dedupKey, reference } = await readMail(raw);
    const variants = {
      'Received and delivery headers': viaTransport(raw),
      'reversed header order': reversedHeaders(raw),
      'LF line ends': lf(raw),
      'all of them': lf(reversedHeaders(viaTransport(raw))),
    };
    for (const [name, variant] of Object.entries(variants)) {
      expect(variant.equals(raw), name).toBe(false);
      const mail = await readMail(variant);
      expect(mail.dedupKey, name).toBe(dedupKey);
      expect(mail.reference, name).toBe(reference);
    }
  });

  it('is the same when the message is composed again (new MIME boundaries) with the same Message-ID and content', async () => {
    const first = await compose();
    const second = await compose();
    expect(first.equals(second)).toBe(false);
    expect((await readMail(first)).dedupKey).toBe((await readMail(second)).dedupKey);
  });

  it('differs for a different Message-ID with the same content', async () => {
    const a = await readMail(await compose());
    const b = await readMail(await compose({ ...ORDER, messageId: '<CAK7x2=ord-1002@mail.example.org>' }));
    expect(b.text).toBe(a.text);
    expect(b.dedupKey).not.toBe(a.dedupKey);
  });

  it('differs for the same Message-ID with different content: text, subject, sender, attachment content or name, one attachment more', async () => {
    const { dedupKey } = await readMail(await compose());
    const variants: Record<string, ComposeOptions> = {
      text: { ...ORDER, text: 'ORDER\nName: Ada Lovelace\n\nItems:\n3 x SKU-1001 @ 24.90 Grüße\n' },
      subject: { ...ORDER, subject: 'Second order for Müller' },
      sender: { ...ORDER, from: 'Ada Lovelace <ada@example.net>' },
      'attachment content': { ...ORDER, attachments: [{ filename: 'order-sheet.csv', content: SHEET.replace('2,', '3,'), contentType: 'text/csv' }, ORDER.attachments![1]!] },
      'attachment name': { ...ORDER, attachments: [{ filename: 'order-sheet-2.csv', content: SHEET, contentType: 'text/csv' }, ORDER.attachments![1]!] },
      'another attachment': { ...ORDER, attachments: [...ORDER.attachments!, { filename: 'more.pdf', content: PDF, contentType: 'application/pdf' }] },
    };
    const keys = new Set([dedupKey]);
    for (const [name, options] of Object.entries(variants)) {
      const mail = await readMail(await compose(options));
      expect(mail.messageId, name).toBe('CAK7x2=ord-1001@mail.example.org');
      expect(mail.dedupKey, name).not.toBe(dedupKey);
      keys.add(mail.dedupKey);
    }
    expect(keys.size).toBe(Object.keys(variants).length + 1);
  });

  it('does not change with the sender address case or display name (the address identifies the sender)', async () => {
    const { dedupKey } = await readMail(await compose());
    const renamed = withHeader(withoutHeader(await compose(), 'From'), 'From: "A. Lovelace" <ADA@EXAMPLE.ORG>');
    expect((await readMail(renamed)).dedupKey).toBe(dedupKey);
  });

  it('is stable for a message without a Message-ID, across transports, and differs from the same message with one', async () => {
    const raw = withoutHeader(await compose(), 'Message-ID');
    const first = await readMail(raw);
    expect(first.dedupKey).toMatch(/^mail:[0-9a-f]{64}$/);
    expect((await readMail(viaTransport(raw))).dedupKey).toBe(first.dedupKey);
    expect((await readMail(lf(reversedHeaders(raw)))).dedupKey).toBe(first.dedupKey);
    expect((await readMail(withoutHeader(await compose(), 'Message-ID'))).dedupKey).toBe(first.dedupKey);
    expect((await readMail(await compose())).dedupKey).not.toBe(first.dedupKey);
    const other = await readMail(withoutHeader(await compose({ ...ORDER, text: 'Items:\n1 x SKU-9 @ 1.00' }), 'Message-ID'));
    expect(other.dedupKey).not.toBe(first.dedupKey);
    expect(other.reference).not.toBe(first.reference);
  });
});
