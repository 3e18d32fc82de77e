/**
 * The plain-text e-mail order template: the documented sample parses exactly, the
 * e-mail noise around it (CRLF, quotes, signatures, reply headers) is left out, and
 * every problem says which line and what to write instead.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeTextOrder, parseTextOrder } from './text-order.js';

const SAMPLES = resolve(import.meta.dirname, 'samples');
const sample = (name: string) => readFileSync(resolve(SAMPLES, name), 'utf8');
const lines = (...text: string[]) => text.join('\n');
const itemsOf = (...itemLines: string[]) => parseTextOrder(lines('Items:', ...itemLines)).items;
const problemsOf = (...text: string[]) => parseTextOrder(lines(...text)).problems;

const SAMPLE_ORDER = {
  name: 'Ada Lovelace',
  company: 'Analytical Engines Ltd',
  phone: '+44 20 7946 0000',
  account: 'C-10442',
  reference: 'PO-778',
  delivery: 'standard',
  currency: 'GBP',
  notes: 'Please leave with the neighbour',
  shipTo: { line1: '12 Example Street', line2: 'Flat 3', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' },
  items: [
    { line: 17, quantity: '2', sku: 'SKU-1001', unitPrice: '24.90', lineTotal: '49.80', description: 'Red blouse, size M' },
    { line: 18, quantity: '1', sku: 'SKU-2002', unitPrice: '9.50', lineTotal: '9.50' },
  ],
  problems: [],
};

describe('parseTextOrder on the samples', () => {
  it('parses the documented example exactly, leaving the empty Region out', () => {
    expect(parseTextOrder(sample('text-order.txt'))).toStrictEqual(SAMPLE_ORDER);
  });

  it('reads the blank template as an order with no values and only the "no items" problem', () => {
    const template = sample('order-template.txt');
    expect(looksLikeTextOrder(template)).toBe(true);
    expect(parseTextOrder(template)).toStrictEqual({
      items: [],
      problems: ['line 23: no items under "Items:": write one line per item, "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"'],
    });
  });

  it('gives the same result with CRLF line ends, indentation and surrounding blank lines', () => {
    const indented = sample('text-order.txt').split('\n').map((line) => `   ${line}\t`).join('\r\n');
    expect(parseTextOrder(indented)).toStrictEqual(SAMPLE_ORDER);
    const padded = parseTextOrder(`\r\n\r\n${sample('text-order.txt').replace(/\n/g, '\r\n')}\r\n\r\n`);
    expect(padded.items.map((item) => item.line)).toEqual([19, 20]);
    expect({ ...padded, items: [] }).toStrictEqual({ ...SAMPLE_ORDER, items: [] });
  });

  it('does not need the ORDER line', () => {
    const order = parseTextOrder(sample('text-order.txt').replace(/^ORDER\n/, ''));
    expect(order.problems).toEqual([]);
    expect(order.items.map((item) => item.line)).toEqual([16, 17]);
  });
});

describe('e-mail noise', () => {
  it('reads the template below the customer\'s own text and ignores the quoted reply under it', () => {
    const order = parseTextOrder(lines(
      'Hello, here is our order for this month.',
      'Thanks: Ada',
      '',
      ...sample('text-order.txt').trimEnd().split('\n'),
      '',
      'On Mon, 3 Jun 2024 at 09:12, Order Desk <orders@example.com> wrote:',
      '> Please copy the template below.',
      '> Name:',
      '> Items:',
      '> 5 x SKU-9999 @ 1.00',
    ));
    expect(order).toStrictEqual({ ...SAMPLE_ORDER, items: SAMPLE_ORDER.items.map((item) => ({ ...item, line: item.line + 3 })) });
  });

  it('leaves quoted lines out wherever they are, keeping the line numbers of the text', () => {
    const order = parseTextOrder(lines('> Name: Someone Else', 'Name: Ada', 'Items:', '> 9 x OLD-1 @ 1', '2 x A-1 @ 3'));
    expect(order).toStrictEqual({ name: 'Ada', items: [{ line: 5, quantity: '2', sku: 'A-1', unitPrice: '3', lineTotal: '6' }], problems: [] });
  });

  it('stops at a reply header wrapped onto two lines', () => {
    const order = parseTextOrder(lines('Items:', '1 x A-1 @ 2', 'On Mon, 3 Jun 2024 at 09:12, Order Desk <', 'orders@example.com> wrote:', 'Name: Not Ada'));
    expect(order).toStrictEqual({ items: [{ line: 2, quantity: '1', sku: 'A-1', unitPrice: '2', lineTotal: '2' }], problems: [] });
  });

  it('stops at an Outlook "Original Message" rule', () => {
    const order = parseTextOrder(lines('Items:', '1 x A-1 @ 2', '-----Original Message-----', 'From: Order Desk', 'Items:', '3 x B-1 @ 4'));
    expect(order.items.map((item) => item.sku)).toEqual(['A-1']);
  });

  it.each(['-- ', '--', '  --  '])('drops the signature from the separator %j on', (separator) => {
    const order = parseTextOrder(lines('Name: Ada', 'Items:', '1 x A-1 @ 2', separator, 'Ada Lovelace', 'Phone: +44 1', 'Sent from my phone'));
    expect(order).toStrictEqual({ name: 'Ada', items: [{ line: 3, quantity: '1', sku: 'A-1', unitPrice: '2', lineTotal: '2' }], problems: [] });
  });

  it('ignores lines that are not labels outside Items and Notes, also unknown "labels"', () => {
    const order = parseTextOrder(lines('Dear team,', 'Subject: order', 'Name: Ada', 'P.S.: call me', 'Items:', '1 x A-1 @ 2', '', 'Notes:', '', 'Kind regards'));
    expect(order).toStrictEqual({ name: 'Ada', items: [{ line: 6, quantity: '1', sku: 'A-1', unitPrice: '2', lineTotal: '2' }], problems: [] });
  });
});

describe('labels', () => {
  it('accepts every synonym, in any case and spacing', () => {
    const order = parseTextOrder(lines(
      'ACCOUNT NUMBER : C-1', 'your reference:PO-1', 'address line 1:   1 Main St', 'Address line 2: Unit 4', 'Town: Springfield',
      'State: IL', 'zip code: 62701', 'country: US', 'Shipping: EXPRESS', 'currency: usd', 'Items: 1 x A-1 @ 2',
    ));
    expect(order).toStrictEqual({
      account: 'C-1', reference: 'PO-1', delivery: 'express', currency: 'USD',
      shipTo: { line1: '1 Main St', line2: 'Unit 4', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      items: [{ line: 11, quantity: '1', sku: 'A-1', unitPrice: '2', lineTotal: '2' }],
      problems: [],
    });
  });

  it.each([
    ['Customer number: C-9', { account: 'C-9' }],
    ['PO: 778', { reference: '778' }],
    ['P.O. number: 778', { reference: '778' }],
    ['Street 1: 1 Main St', { shipTo: { line1: '1 Main St' } }],
    ['Street2: Flat 3', { shipTo: { line2: 'Flat 3' } }],
    ['County: Kent', { shipTo: { region: 'Kent' } }],
    ['Province: ON', { shipTo: { region: 'ON' } }],
    ['Postal code: K1A 0B1', { shipTo: { postalCode: 'K1A 0B1' } }],
    ['ZIP: 10001', { shipTo: { postalCode: '10001' } }],
    ['Post code: SW1A 1AA', { shipTo: { postalCode: 'SW1A 1AA' } }],
    ['Country: united kingdom', { shipTo: { country: 'united kingdom' } }],
  ])('reads %j', (line, expected) => {
    expect(parseTextOrder(lines(line, 'Items: 1 x A-1 @ 2'))).toMatchObject(expected);
  });

  it('leaves empty labels out, also an empty address', () => {
    expect(parseTextOrder(lines('Name:', 'Company:   ', 'Street:', 'Region:', 'Items: 1 x A-1 @ 2'))).toStrictEqual({
      items: [{ line: 5, quantity: '1', sku: 'A-1', unitPrice: '2', lineTotal: '2' }], problems: [],
    });
  });

  it('continues Notes on the following lines until a blank line or the next label', () => {
    expect(parseTextOrder(lines('Notes: Please leave', 'with the neighbour.', 'PS: ring twice', 'Name: Ada', 'Items: 1 x A-1 @ 2')).notes)
      .toBe('Please leave\nwith the neighbour.\nPS: ring twice');
    expect(parseTextOrder(lines('Notes:', 'Gift wrap', '', 'Thanks!', 'Items: 1 x A-1 @ 2')).notes).toBe('Gift wrap');
  });

  it('keeps the first of two different values and reports the second; the same value twice is fine', () => {
    const order = parseTextOrder(lines('City: London', 'Town: Paris', 'Delivery: Express', 'Shipping: express', 'Items: 1 x A-1 @ 2'));
    expect(order.shipTo).toEqual({ city: 'London' });
    expect(order.delivery).toBe('express');
    expect(order.problems).toEqual([
      'line 2: City "Paris" differs from "London" on line 1, which was kept: write City only once, with the right value',
    ]);
  });

  it('reports a second Notes block that differs', () => {
    expect(problemsOf('Notes: Leave at door', 'Items: 1 x A-1 @ 2', 'Notes: Ring twice', 'and wait')).toEqual([
      'line 3: Notes "Ring twice / and wait" differs from "Leave at door" on line 1, which was kept: write Notes only once, with the right value',
    ]);
  });
});

describe('item lines', () => {
  it('reads quantity, SKU, price and description, with the price and description optional parts', () => {
    expect(itemsOf('2 x SKU-1001 @ 24.90  Red blouse, size M', '3 x a.b/c_d-e@1', '4 X Z9')).toStrictEqual([
      { line: 2, quantity: '2', sku: 'SKU-1001', unitPrice: '24.90', lineTotal: '49.80', description: 'Red blouse, size M' },
      { line: 3, quantity: '3', sku: 'a.b/c_d-e', unitPrice: '1', lineTotal: '3' },
      { line: 4, quantity: '4', sku: 'Z9' },
    ]);
  });

  it.each([
    ['2 × SKU-1 @ 5', '×'],
    ['2×SKU-1 @ 5', '× without spaces'],
    ['2x SKU-1 @ 5', '2x'],
    ['2xSKU-1 @ 5', 'no spaces at all'],
    ['2 * SKU-1 @ 5', '*'],
    ['2 X SKU-1@5', 'X and @ without spaces'],
  ])('accepts %j (%s)', (line) => {
    expect(itemsOf(line)).toStrictEqual([{ line: 2, quantity: '2', sku: 'SKU-1', unitPrice: '5', lineTotal: '10' }]);
  });

  it.each(['- 2 x SKU-1 @ 5', '* 2 x SKU-1 @ 5', '• 2 x SKU-1 @ 5', '1. 2 x SKU-1 @ 5', '2) 2 x SKU-1 @ 5', '10.  2x SKU-1 @ 5'])(
    'strips the list marker of %j', (line) => {
      expect(itemsOf(line)).toStrictEqual([{ line: 2, quantity: '2', sku: 'SKU-1', unitPrice: '5', lineTotal: '10' }]);
    });

  it.each([
    ['24,90', '24.90'],
    ['24', '24'],
    ['0,5', '0.5'],
    ['.5', '0.5'],
    ['£24.90', '24.90'],
    ['€ 24,90', '24.90'],
    ['$24.90', '24.90'],
    ['US$24.90', '24.90'],
    ['EUR 24.90', '24.90'],
    ['EUR24,90', '24.90'],
    ['24.90 EUR', '24.90'],
    ['24,90€', '24.90'],
    ['24.90 CHF', '24.90'],
  ])('reads the unit price %j as %j, dropping the currency', (price, unitPrice) => {
    expect(itemsOf(`1 x A-1 @ ${price} Blue`)).toStrictEqual([{ line: 2, quantity: '1', sku: 'A-1', unitPrice, lineTotal: unitPrice, description: 'Blue' }]);
  });

  it('keeps three capitals after the price that are not a currency code as description', () => {
    expect(itemsOf('1 x A-1 @ 9.50 XXL shirt', '1 x A-2 @ 9.50 RED')).toMatchObject([
      { unitPrice: '9.50', description: 'XXL shirt' },
      { unitPrice: '9.50', description: 'RED' },
    ]);
  });

  it.each([
    ['3', '0.10', '0.30'],
    ['7', '19.99', '139.93'],
    ['1000', '0.001', '1.000'],
    ['3', '0,1', '0.3'],
    ['1', '0.005', '0.005'],
    ['12', '100', '1200'],
    ['99999999999999999999', '0.01', '999999999999999999.99'],
  ])('computes the exact line total of %s × %s as %s', (quantity, price, lineTotal) => {
    expect(itemsOf(`${quantity} x A-1 @ ${price}`)[0]?.lineTotal).toBe(lineTotal);
  });

  it('reads an item written on the Items line itself, and items from a second Items block', () => {
    expect(parseTextOrder(lines('Items: 1 x A-1 @ 2', 'Name: Ada', 'items:', '', '2 x B-1 @ 3')).items.map((item) => [item.line, item.sku]))
      .toEqual([[1, 'A-1'], [5, 'B-1']]);
  });

  it('ends the Items block at the next label, not at a blank line', () => {
    const order = parseTextOrder(lines('Items:', '1 x A-1 @ 2', '', '2 x B-1 @ 3', 'Country: GB', 'Not an item'));
    expect(order.items.map((item) => item.sku)).toEqual(['A-1', 'B-1']);
    expect(order.problems).toEqual([]);
  });
});

describe('problems', () => {
  it('names a line that is not an item line and the format to use', () => {
    expect(problemsOf('Name: Ada', 'Items:', '1 x A-1 @ 2', 'two blue shirts', '1.5 x A-2 @ 2', 'SKU-1 x 2 @ 3')).toEqual([
      'line 4: "two blue shirts" is not an item line: write "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"',
      'line 5: "1.5 x A-2 @ 2" is not an item line: write "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"',
      'line 6: "SKU-1 x 2 @ 3" is not an item line: write "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"',
    ]);
  });

  it('never uses "; " inside a message, as callers join problems with it', () => {
    const problems = problemsOf('City: London', 'Town: Paris', 'Notes: a; b', 'Notes: c', 'Items:', 'x; y', '0 x A-1', '1 x A-2 @ 1.2345', '1 x A-3 @ 1,2,3');
    expect(problems).toHaveLength(7);
    for (const problem of problems) expect(problem.replace(/"[^"]*"/g, '""')).not.toContain(';');
  });

  it('shortens a long unreadable line in the message', () => {
    const [problem] = problemsOf('Items:', '1 x A-1 @ 2', 'x'.repeat(100));
    expect(problem).toBe(`line 3: "${'x'.repeat(59)}…" is not an item line: write "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"`);
  });

  it('reports a price it cannot read, leaving the item out', () => {
    const order = parseTextOrder(lines('Items:', '1 x A-1 @ 2', '2 x A-2 @ 1,234.50', '3 x A-3 @ ask'));
    expect(order.items.map((item) => item.sku)).toEqual(['A-1']);
    expect(order.problems).toEqual([
      'line 3: "@ 1,234.50" is not a unit price: write "2 x A-2 @ <unit price>" with the price as a number, one decimal mark and no thousands separator, e.g. "@ 1234.50"',
      'line 4: "@ ask" is not a unit price: write "3 x A-3 @ <unit price>" with the price as a number, one decimal mark and no thousands separator, e.g. "@ 1234.50"',
    ]);
  });

  it('reports quantity 0, keeping the line for the reviewer', () => {
    const order = parseTextOrder(lines('Items:', '1 x A-1 @ 2', '0 x SKU-7 @ 4.50'));
    expect(order.items[1]).toStrictEqual({ line: 3, quantity: '0', sku: 'SKU-7', unitPrice: '4.50', lineTotal: '0.00' });
    expect(order.problems).toEqual(['line 3: the quantity of SKU-7 is 0: write how many you want, e.g. "1 x SKU-7 @ 4.50", or delete the line']);
  });

  it('reports an item without a unit price, keeping it without price or total', () => {
    const order = parseTextOrder(lines('Items:', '2 x SKU-1001 @ 24.90', '1 x SKU-2002 Blue mug'));
    expect(order.items[1]).toStrictEqual({ line: 3, quantity: '1', sku: 'SKU-2002', description: 'Blue mug' });
    expect(order.problems).toEqual(['line 3: SKU-2002 has no unit price: write "1 x SKU-2002 @ <unit price>" with the catalogue price']);
  });

  it('tells where the price goes when it was written after the description', () => {
    expect(problemsOf('Items:', '1 x SKU-2002 Blue mug @ £9.50')).toEqual([
      'line 2: the unit price of SKU-2002 must come right after the SKU: write "1 x SKU-2002 @ £9.50 …"',
    ]);
  });

  it('reports a price with more than 3 decimals, suggesting it rounded', () => {
    const order = parseTextOrder(lines('Items:', '3 x A-1 @ 0.12345', '1 x A-2 @ 0.001'));
    expect(order.items[0]).toMatchObject({ unitPrice: '0.12345', lineTotal: '0.37035' });
    expect(order.problems).toEqual(['line 2: the unit price 0.12345 of A-1 has 5 decimals: write at most 3, e.g. "3 x A-1 @ 0.123"']);
    expect(problemsOf('Items:', '1 x A-1 @ 9.9995')).toEqual(['line 2: the unit price 9.9995 of A-1 has 4 decimals: write at most 3, e.g. "1 x A-1 @ 10.000"']);
  });

  it('reports no items, naming the Items line when there is one', () => {
    expect(problemsOf('Name: Ada', 'Items:', '', 'Notes: soon')).toEqual([
      'line 2: no items under "Items:": write one line per item, "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"',
    ]);
    expect(problemsOf('Name: Ada', 'I would like two blue shirts')).toEqual([
      'no items: add a line "Items:" and under it one line per item, "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"',
    ]);
    expect(problemsOf('')).toHaveLength(1);
  });
});

describe('looksLikeTextOrder', () => {
  it.each([
    ['the documented example', sample('text-order.txt')],
    ['an Items line only', 'Items:'],
    ['a lower-case, spaced Items label with an item on it', '  items :  1 x A-1 @ 2'],
    ['CRLF text', 'Hello\r\nItems:\r\n1 x A-1 @ 2\r\n'],
  ])('is true for %s', (_name, text) => {
    expect(looksLikeTextOrder(text)).toBe(true);
  });

  it.each([
    ['an out-of-office reply', 'I am out of the office until 12 June with limited access to e-mail.\nFor urgent orders call +44 20 7946 0000.'],
    ['a question', 'Hi, where is my parcel? Order PO-778, 2 items.\nThanks, Ada'],
    ['an empty body', ''],
    ['a reply quoting the template', 'Where is my parcel?\n\nOn Mon, 3 Jun 2024, Order Desk wrote:\n> Items:\n> 2 x SKU-1001 @ 24.90'],
    ['the template only under a reply header', 'Thanks!\nOn Mon, 3 Jun 2024, Order Desk wrote:\nItems:\n2 x SKU-1001 @ 24.90'],
    ['the template only in the signature', 'See you\n-- \nItems:'],
    ['Items mentioned in a sentence', 'The items: blouse and mug'],
  ])('is false for %s', (_name, text) => {
    expect(looksLikeTextOrder(text)).toBe(false);
  });
});

describe('the end of the items', () => {
  it('is a blank line followed by text that does not start like an item', () => {
    const order = parseTextOrder('Items:\n2 x SKU-1 @ 3.00\n\n1 x SKU-2 @ 1.00\n\nThanks, Ada\nSent from my phone\n');
    expect(order.problems).toEqual([]);
    expect(order.items.map((item) => item.sku)).toEqual(['SKU-1', 'SKU-2']);
  });

  it('is not a line right under the items: that is a bad item line', () => {
    const order = parseTextOrder('Items:\n2 x SKU-1 @ 3.00\ntwo blue shirts\n');
    expect(order.problems).toHaveLength(1);
    expect(order.problems[0]).toContain('"two blue shirts" is not an item line');
  });
});
