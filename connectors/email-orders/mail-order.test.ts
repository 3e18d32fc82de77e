/**
 * Which form an e-mail order is in and the plain data its mapping gets: the text
 * template before attachments, then one CSV, then one XML, then scanned forms; and the
 * reviewer-facing refusals (several orders, unreadable XML or CSV, a template with a bad
 * line, no order at all), each a BadInputError with its code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/sdk/index.js';
import type { EmailOrdersConfig } from './config.js';
import { formOf, mailOrder, type MessageData } from './mail-order.js';
import type { MailAttachment, MailFacts } from './read-mail.js';

const SAMPLES = resolve(import.meta.dirname, 'samples');
const MAPPING_SAMPLES = resolve(import.meta.dirname, '../../mappings/samples');
const TEXT_ORDER = readFileSync(resolve(SAMPLES, 'text-order.txt'), 'utf8');
const ORDER_SHEET = readFileSync(resolve(SAMPLES, 'order-sheet.csv'));

const CONFIG: EmailOrdersConfig = {
  smtp: { host: '127.0.0.1', port: 0, recipients: [] },
  currency: 'EUR',
  maxMessageBytes: 1_000_000,
  xml: { root: 'Order', repeated: ['Line', 'Option'] },
};
const RECEIVED_AT = '2026-12-04T09:16:30.000Z';

const MESSAGE: MessageData = {
  reference: 'ord-1@mail.example.org',
  messageId: 'ord-1@mail.example.org',
  from: { address: 'ada@example.org', name: 'Ada Lovelace' },
  subject: 'Order',
  date: '2026-12-04T09:15:00.000Z',
};

function attachment(filename: string, contentType: string, content: Buffer | string): MailAttachment {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { filename, contentType, size: bytes.length, content: bytes };
}

function mail(overrides: Partial<MailFacts> = {}): MailFacts {
  return {
    parsed: {} as never,
    messageId: 'ord-1@mail.example.org',
    from: { address: 'ada@example.org', name: 'Ada Lovelace' },
    subject: 'Order',
    date: '2026-12-04T09:15:00.000Z',
    text: '',
    attachments: [],
    dedupKey: 'mail:test',
    reference: 'ord-1@mail.example.org',
    ...overrides,
  };
}

const orderOf = (facts: Partial<MailFacts>, config: EmailOrdersConfig = CONFIG) => mailOrder(mail(facts), config, RECEIVED_AT);

/** The BadInputError mailOrder throws (fails the test when it throws nothing or something else). */
function refusal(facts: Partial<MailFacts>, config: EmailOrdersConfig = CONFIG): BadInputError {
  try {
    orderOf(facts, config);
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return error as BadInputError;
  }
  throw new Error('mailOrder did not refuse the message');
}

const csv = (text: string, filename = 'order.csv', contentType = 'text/csv') => attachment(filename, contentType, text);
const PDF = attachment('order-form.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
const TIFF = attachment('fax-0001.tif', 'image/tiff', Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]));
const PNG = attachment('photo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const ORDER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Order version="1">
  <OrderId>PO-77</OrderId>
  <Currency>EUR</Currency>
  <Customer><Name>Ada Lovelace</Name></Customer>
  <Lines>
    <Line number="1"><Sku>SKU-1</Sku><Quantity>2</Quantity><UnitPrice>24.90</UnitPrice>
      <Options><Option name="Size">M</Option></Options></Line>
  </Lines>
</Order>`;

describe('formOf', () => {
  it.each([
    ['order.csv', 'text/csv', 'csv'],
    ['sheet', 'text/comma-separated-values', 'csv'],
    ['sheet', 'application/csv', 'csv'],
    ['ORDER.CSV', 'application/octet-stream', 'csv'],
    ['order.csv', 'application/vnd.ms-excel', 'csv'],
    ['order', 'application/xml', 'xml'],
    ['order', 'text/xml', 'xml'],
    ['Order.XML', 'application/octet-stream', 'xml'],
    ['scan', 'application/pdf', 'scan'],
    ['fax', 'image/tiff', 'scan'],
    ['photo', 'image/png', 'scan'],
    ['photo', 'image/jpeg', 'scan'],
    ['SCAN.PDF', 'application/octet-stream', 'scan'],
    ['fax.tif', 'application/octet-stream', 'scan'],
    ['photo.JPG', 'application/octet-stream', 'scan'],
    ['order.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', undefined],
    ['notes.txt', 'text/plain', undefined],
    ['logo.gif', 'image/gif', undefined],
    ['order.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', undefined],
  ] as const)('%s (%s) → %s', (filename, contentType, form) => {
    expect(formOf(attachment(filename, contentType, 'x'))).toBe(form);
  });
});

describe('mailOrder: the text template', () => {
  it('gives the parsed template, the message facts and the template currency, mapped by the inbound mapping (form undefined)', () => {
    const order = orderOf({ text: TEXT_ORDER });
    expect(order.form).toBeUndefined();
    const data = order.data as { message: MessageData; currency: string; order: { items: unknown[]; currency?: string; name?: string; problems: string[] } };
    expect(data.message).toEqual(MESSAGE);
    expect(data.currency).toBe('GBP');
    expect(data.order.name).toBe('Ada Lovelace');
    expect(data.order.items).toHaveLength(2);
    expect(data.order.problems).toEqual([]);
  });

  it('gives the instance currency when the template names none', () => {
    const data = orderOf({ text: 'Items:\n10 x PEN-BLU @ 0,99' }).data as { currency: string; order: { items: Array<{ unitPrice: string; lineTotal: string }> } };
    expect(data.currency).toBe('EUR');
    expect(data.order.items[0]).toMatchObject({ unitPrice: '0.99', lineTotal: '9.90' });
    expect((orderOf({ text: 'Items:\n1 x A @ 1' }, { ...CONFIG, currency: 'CHF' }).data as { currency: string }).currency).toBe('CHF');
  });

  it('wins over order attachments: a CSV, an XML and a scan alongside the template are not read', () => {
    const order = orderOf({ text: TEXT_ORDER, attachments: [csv('sku,quantity,unit_price\nX,1,1.00\n'), attachment('order.xml', 'application/xml', ORDER_XML), PDF] });
    expect(order.form).toBeUndefined();
    expect((order.data as { order: { items: Array<{ sku: string }> } }).order.items.map((item) => item.sku)).toEqual(['SKU-1001', 'SKU-2002']);
  });

  it('wins even over two CSV attachments, which on their own would be several orders', () => {
    expect(orderOf({ text: TEXT_ORDER, attachments: [csv('sku\nA\n', 'a.csv'), csv('sku\nB\n', 'b.csv')] }).form).toBeUndefined();
  });

  it('takes the date from the message, else the time it was received; leaves out a missing Message-ID and sender', () => {
    const { message } = orderOf({ text: TEXT_ORDER, date: undefined, messageId: undefined, from: undefined, reference: 'mail-0123abcd' }).data as { message: MessageData };
    expect(message).toStrictEqual({ reference: 'mail-0123abcd', subject: 'Order', date: RECEIVED_AT });
  });

  it('refuses a template with a bad item line with MAIL_TEMPLATE, naming the line and what to write', () => {
    const error = refusal({ text: 'Name: Ada\n\nItems:\n2 x SKU-1001 @ 24.90\ntwo blue shirts please\n', attachments: [csv('sku,quantity,unit_price\nX,1,1.00\n')] });
    expect(error.code).toBe('MAIL_TEMPLATE');
    expect(error.message).toContain('1 problem(s)');
    expect(error.message).toContain('line 5: "two blue shirts please" is not an item line');
    expect(error.message).toContain('"2 x SKU-1001 @ 24.90"');
    expect(error.hint).toMatch(/reply to the customer/);
  });

  it('refuses an Items block with no items and an item without a price, each problem named', () => {
    expect(refusal({ text: 'Items:\n' }).message).toContain('line 1: no items under "Items:"');
    const error = refusal({ text: 'Items:\n2 x SKU-1001\n1 x SKU-2 @ 1,5' });
    expect(error.code).toBe('MAIL_TEMPLATE');
    expect(error.message).toContain('line 2: SKU-1001 has no unit price');
  });
});

describe('mailOrder: a CSV attachment', () => {
  const SHEET = 'sku;quantity;unit_price;description;currency\nSKU-1;3;0,10;Pins;gbp\nSKU-2;7;1,005;;\nSKU-3;2;24.90;Blouse, red;USD\n';

  it('gives form csv with the rows: decimal point in unit_price and an exact line_total', () => {
    const order = orderOf({ text: 'Please find our order attached.', attachments: [csv(SHEET)] });
    expect(order.form).toBe('csv');
    expect(order.data).toStrictEqual({
      message: MESSAGE,
      currency: 'GBP',
      attachment: { filename: 'order.csv' },
      columns: ['sku', 'quantity', 'unit_price', 'description', 'currency'],
      rows: [
        { line: '2', sku: 'SKU-1', quantity: '3', unit_price: '0.10', description: 'Pins', currency: 'gbp', line_total: '0.30' },
        { line: '3', sku: 'SKU-2', quantity: '7', unit_price: '1.005', description: '', currency: '', line_total: '7.035' },
        { line: '4', sku: 'SKU-3', quantity: '2', unit_price: '24.90', description: 'Blouse, red', currency: 'USD', line_total: '49.80' },
      ],
    });
  });

  it('reads a .csv sent as application/octet-stream', () => {
    const order = orderOf({ attachments: [csv('sku,quantity,unit_price\nSKU-1,2,24.90\n', 'Bestellung.CSV', 'application/octet-stream')] });
    expect(order.form).toBe('csv');
    expect((order.data as { rows: unknown[] }).rows).toEqual([{ line: '2', sku: 'SKU-1', quantity: '2', unit_price: '24.90', line_total: '49.80' }]);
  });

  it('reads the documented order sheet (Windows-1252, semicolons, decimal commas)', () => {
    const data = orderOf({ attachments: [attachment('order-sheet.csv', 'text/csv', ORDER_SHEET)] }).data as { currency: string; rows: Array<Record<string, string>> };
    expect(data.currency).toBe('EUR');
    expect(data.rows.map((row) => [row.sku, row.unit_price, row.line_total])).toEqual([['BLS-RED-M', '24.90', '49.80'], ['SCF-NAVY', '12.50', '12.50'], ['SKU-3003', '0.10', '0.30']]);
    expect(data.rows[0]!.street).toBe('Hauptstraße 5');
  });

  it('takes the currency from the first row only, else the instance currency', () => {
    const currency = (text: string, config = CONFIG) => (orderOf({ attachments: [csv(text)] }, config).data as { currency: string }).currency;
    expect(currency('sku,quantity,unit_price,currency\nA,1,1.00, chf \nB,1,1.00,USD\n')).toBe('CHF');
    expect(currency('sku,quantity,unit_price,currency\nA,1,1.00,\nB,1,1.00,USD\n')).toBe('EUR');
    expect(currency('sku,quantity,unit_price\nA,1,1.00\n', { ...CONFIG, currency: 'SEK' })).toBe('SEK');
  });

  it('refuses rows whose quantity, price or SKU cannot make an exact line, naming each line (MAIL_CSV)', () => {
    const error = refusal({ attachments: [csv('sku,quantity,unit_price\nA,two,"2,50"\nB,1,n/a\nC,1\n,2,1.00\nD,2.0,1.00\nE,1,.50\n')] });
    expect(error.code).toBe('MAIL_CSV');
    expect(error.message).toContain('line 2: quantity "two" is not a whole number above 0');
    expect(error.message).toContain('line 3: unit_price "n/a" is not a price like 24.90');
    expect(error.message).toContain('line 4: unit_price "" is not a price like 24.90');
    expect(error.message).toContain('line 5: no sku');
    expect(error.message).toContain('line 6: quantity "2.0" is not a whole number above 0');
    expect(error.message).toContain('line 7: unit_price ".50" is not a price like 24.90');
  });

  it('skips rows of nothing but delimiters', () => {
    const rows = (orderOf({ attachments: [csv('sku,quantity,unit_price\nA,2,1.00\n,,\n ,, \n')] }).data as { rows: Array<Record<string, string>> }).rows;
    expect(rows.map((row) => row.sku)).toEqual(['A']);
  });

  it('is preferred to an XML attachment and to a scan in the same message', () => {
    expect(orderOf({ attachments: [PDF, attachment('order.xml', 'text/xml', ORDER_XML), csv('sku,quantity,unit_price\nA,1,1.00\n')] }).form).toBe('csv');
  });

  it('refuses two CSV attachments with MAIL_SEVERAL_ORDERS naming both', () => {
    const error = refusal({ attachments: [csv('sku,quantity,unit_price\nA,1,1.00\n', 'week-1.csv'), csv('sku,quantity,unit_price\nB,1,1.00\n', 'week-2.csv', 'application/octet-stream')] });
    expect(error.code).toBe('MAIL_SEVERAL_ORDERS');
    expect(error.message).toContain('2 CSV attachments (week-1.csv, week-2.csv)');
  });

  it('refuses a sheet with only a header row with MAIL_CSV: no data rows', () => {
    const error = refusal({ attachments: [csv('sku,quantity,unit_price\n', 'empty.csv')] });
    expect(error.code).toBe('MAIL_CSV');
    expect(error.message).toBe('the CSV attachment empty.csv cannot be read: no data rows');
  });

  it('refuses an empty file with MAIL_CSV: no header row and no data rows', () => {
    const error = refusal({ attachments: [csv('', 'blank.csv')] });
    expect(error.code).toBe('MAIL_CSV');
    expect(error.message).toBe('the CSV attachment blank.csv cannot be read: the file has no header row; no data rows');
  });

  it('refuses a sheet with a bad row with MAIL_CSV naming the line, even when other rows are good', () => {
    const error = refusal({ attachments: [csv('sku,quantity,unit_price\nA,1,1.00\nB,1,1.00,extra\nC,"1,1.00\n')] });
    expect(error.code).toBe('MAIL_CSV');
    expect(error.message).toContain('line 3: 4 cells but the header names 3 columns');
    expect(error.message).toContain('line 4: a quoted cell is not closed');
  });
});

describe('mailOrder: an XML attachment', () => {
  it('gives form xml with the <Order> content, Line always a list, and the sender as Customer/Email when missing', () => {
    const order = orderOf({ attachments: [attachment('order.xml', 'application/xml', ORDER_XML)] });
    expect(order.form).toBe('xml');
    expect(order.data).toStrictEqual({
      OrderId: 'PO-77',
      Currency: 'EUR',
      Customer: { Name: 'Ada Lovelace', Email: 'ada@example.org' },
      Lines: { Line: [{ Sku: 'SKU-1', Quantity: '2', UnitPrice: '24.90', Options: { Option: [{ '#text': 'M', '@name': 'Size' }] }, '@number': '1' }] },
      '@version': '1',
    });
  });

  it('gives exactly what the xml-orders connector gives for the same document, keeping its own Customer/Email', () => {
    const xml = readFileSync(resolve(MAPPING_SAMPLES, 'xml-order-1.xml'));
    const expected = JSON.parse(readFileSync(resolve(MAPPING_SAMPLES, 'xml-order-1.json'), 'utf8')) as unknown;
    expect(orderOf({ attachments: [attachment('xml-order-1.xml', 'text/xml', xml)] }).data).toStrictEqual(expected);
  });

  it('adds Customer with the sender address when the document has none, and fills an empty Email', () => {
    const noCustomer = orderOf({ attachments: [attachment('o.xml', 'text/xml', '<Order><OrderId>1</OrderId></Order>')] }).data;
    expect(noCustomer).toStrictEqual({ OrderId: '1', Customer: { Email: 'ada@example.org' } });
    const emptyEmail = orderOf({ attachments: [attachment('o.xml', 'text/xml', '<Order><Customer><Email></Email><Id>C-1</Id></Customer></Order>')] }).data;
    expect(emptyEmail).toStrictEqual({ Customer: { Email: 'ada@example.org', Id: 'C-1' } });
  });

  it('leaves the document as it is when there is no sender to fill in', () => {
    expect(orderOf({ from: undefined, attachments: [attachment('o.xml', 'text/xml', '<Order><OrderId>1</OrderId></Order>')] }).data).toStrictEqual({ OrderId: '1' });
  });

  it('reads a single Line as a list of one', () => {
    const data = orderOf({ attachments: [attachment('order.xml', 'application/xml', '<Order><Lines><Line><Sku>A</Sku></Line></Lines></Order>')] }).data as { Lines: { Line: unknown } };
    expect(data.Lines.Line).toEqual([{ Sku: 'A' }]);
  });

  it('uses the configured root element and repeated elements', () => {
    const config = { ...CONFIG, xml: { root: 'Bestellung', repeated: ['Position'] } };
    const data = orderOf({ attachments: [attachment('b.xml', 'text/xml', '<Bestellung><Position><Sku>A</Sku></Position></Bestellung>')] }, config).data;
    expect(data).toStrictEqual({ Position: [{ Sku: 'A' }], Customer: { Email: 'ada@example.org' } });
  });

  it('refuses XML without the <Order> root with MAIL_XML', () => {
    const error = refusal({ attachments: [attachment('invoice.xml', 'application/xml', '<Invoice><Id>1</Id></Invoice>')] });
    expect(error.code).toBe('MAIL_XML');
    expect(error.message).toBe('the XML attachment invoice.xml has no <Order> root element');
    expect(refusal({ attachments: [attachment('o.xml', 'text/xml', '<Order>just text</Order>')] }).code).toBe('MAIL_XML');
  });

  it('refuses malformed XML with MAIL_XML, keeping the parser error as the cause', () => {
    const error = refusal({ attachments: [attachment('broken.xml', 'text/xml', '<Order><Lines><Line></Lines></Order>')] });
    expect(error.code).toBe('MAIL_XML');
    expect(error.message).toMatch(/^the XML attachment broken\.xml cannot be read: XML is not well-formed/);
    expect(error.cause).toBeInstanceOf(BadInputError);
  });

  it('refuses XML with a DOCTYPE with MAIL_XML', () => {
    const error = refusal({ attachments: [attachment('o.xml', 'text/xml', '<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY x "y">]><Order>&x;</Order>')] });
    expect(error.code).toBe('MAIL_XML');
  });

  it('refuses two XML attachments with MAIL_SEVERAL_ORDERS', () => {
    const error = refusal({ attachments: [attachment('a.xml', 'text/xml', ORDER_XML), attachment('b.xml', 'text/xml', ORDER_XML)] });
    expect(error.code).toBe('MAIL_SEVERAL_ORDERS');
    expect(error.message).toContain('2 XML attachments (a.xml, b.xml)');
  });

  it('is preferred to a scan', () => {
    expect(orderOf({ attachments: [PDF, attachment('order.xml', 'text/xml', ORDER_XML)] }).form).toBe('xml');
  });
});

describe('mailOrder: scanned forms', () => {
  it('gives form scan listing each PDF, TIFF and PNG, without their content', () => {
    const order = orderOf({ text: 'Our order form is attached.', attachments: [PDF, attachment('notes.txt', 'text/plain', 'hi'), TIFF, PNG] });
    expect(order.form).toBe('scan');
    expect(order.data).toStrictEqual({
      message: MESSAGE,
      scans: [
        { filename: 'order-form.pdf', contentType: 'application/pdf', size: PDF.size },
        { filename: 'fax-0001.tif', contentType: 'image/tiff', size: TIFF.size },
        { filename: 'photo.png', contentType: 'image/png', size: PNG.size },
      ],
    });
    expect(JSON.stringify(order.data)).not.toMatch(/"content"|"Buffer"/);
  });

  it('lists a single JPEG photo', () => {
    const order = orderOf({ attachments: [attachment('IMG_0042.JPG', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff]))] });
    expect(order).toEqual({ form: 'scan', data: { message: MESSAGE, scans: [{ filename: 'IMG_0042.JPG', contentType: 'image/jpeg', size: 3 }] } });
  });
});

describe('mailOrder: no order', () => {
  it('refuses a plain "where is my parcel?" e-mail with MAIL_NO_ORDER', () => {
    const error = refusal({ subject: 'Where is my parcel?', text: 'Hello,\n\nwhere is my parcel? I ordered last week (order 1001).\n\nThanks, Ada' });
    expect(error.code).toBe('MAIL_NO_ORDER');
    expect(error.message).toMatch(/^the e-mail holds no order/);
    expect(error.hint).toMatch(/order template/);
    expect(error.status).toBe(400);
  });

  it('refuses a message whose only attachments are not order forms', () => {
    const error = refusal({ text: 'See attached.', attachments: [attachment('letter.docx', 'application/msword', 'x'), attachment('notes.txt', 'text/plain', 'Items: 2 x A @ 1')] });
    expect(error.code).toBe('MAIL_NO_ORDER');
  });

  it('does not read an Items block that is only quoted or below the signature', () => {
    expect(refusal({ text: 'Thanks!\n\n> Items:\n> 2 x SKU-1001 @ 24.90' }).code).toBe('MAIL_NO_ORDER');
    expect(refusal({ text: 'Thanks!\n--\nItems:\n2 x SKU-1001 @ 24.90' }).code).toBe('MAIL_NO_ORDER');
  });
});
