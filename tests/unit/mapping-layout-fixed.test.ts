/**
 * Fixed-width render layouts: positions, alignment and padding, implied decimals, overflow
 * (refused, or cut with a warning; numbers never cut), signs, blanks, compile-time checks
 * of the layout, aggregates over nested records, record order and scoping, encodings and
 * line endings, stats, apply() and speed.
 */
import { describe, expect, it } from 'vitest';
import { transliterate } from '../../src/mapping/layout/transliterate.js';
import {
  compileMapping, MappingError, MappingFileError, renderMapping, type RenderRecordSpec,
} from '../../src/mapping/index.js';

const base = { id: 'fx', version: '1', from: 'a', to: 'b', format: 'fixed-width', fields: {} };

function layout(records: readonly RenderRecordSpec[], extra: Record<string, unknown> = {}) {
  return compileMapping({ ...base, records, ...extra });
}

function refusal(action: () => unknown): MappingError {
  try {
    action();
  } catch (error) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error('expected a MappingError');
}

function fileProblems(document: unknown): string[] {
  try {
    compileMapping(document, { file: 'bad.json' });
  } catch (error) {
    if (error instanceof MappingFileError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a MappingFileError');
}

/** One record R written once from the input root. */
function oneRecord(fields: RenderRecordSpec['fields'], extra: Record<string, unknown> = {}) {
  return layout([{ name: 'R', once: 'start', fields }], extra);
}

describe('positions, alignment and padding', () => {
  it('text is left-aligned with spaces, integers right-aligned with zeros, gaps and the record end are spaces', () => {
    const m = oneRecord([
      { name: 'type', start: 1, length: 1, const: 'R' },
      { name: 'name', start: 2, length: 6, path: '/name' },
      { name: 'qty', start: 8, length: 5, path: '/qty', type: 'integer' },
      { name: 'code', start: 15, length: 4, path: '/code' },
    ], { recordLength: 20 });
    expect(m.render({ name: 'Ada', qty: 42, code: 'X1' }).body).toBe('RAda   00042  X1    \n');
  });

  it('align and pad override the defaults', () => {
    const m = oneRecord([
      { name: 'rightText', start: 1, length: 6, path: '/a', align: 'right' },
      { name: 'zeroText', start: 7, length: 6, path: '/b', align: 'right', pad: '0' },
      { name: 'leftNumber', start: 13, length: 6, path: '/n', type: 'integer', align: 'left' },
      { name: 'starNumber', start: 19, length: 6, path: '/n', type: 'integer', pad: '*' },
    ]);
    expect(m.render({ a: 'ab', b: '7', n: 31 }).body).toBe('    ab00000731    ****31\n');
  });

  it('a missing optional value is a blank field, never a made-up zero; a required one is a problem naming record, field and input', () => {
    const m = layout([{
      name: 'O', each: '/orders', fields: [
        { name: 'id', start: 1, length: 3, path: '/id' },
        { name: 'total', start: 4, length: 5, path: '/total', type: 'integer', optional: true },
        { name: 'note', start: 9, length: 4, path: '/note', optional: true },
      ],
    }]);
    expect(m.render({ orders: [{ id: 'A1' }] }).body).toBe(`A1${' '.repeat(10)}\n`);
    expect(refusal(() => m.render({ orders: [{ id: 'A1' }, { total: 5 }] })).message)
      .toBe('fx: record 2 (O) field id from /orders/1/id: required value is missing');
  });

  it('dates and times in their formats, from any ISO time, in UTC', () => {
    const m = oneRecord([
      { name: 'date', start: 1, length: 8, path: '/at', type: 'date' },
      { name: 'time', start: 9, length: 6, path: '/at', type: 'time' },
      { name: 'iso', start: 15, length: 10, path: '/at', type: 'date', format: 'YYYY-MM-DD' },
    ]);
    expect(m.render({ at: '2026-11-23T23:30:05-02:00' }).body).toBe('202611240130052026-11-24\n');
    expect(refusal(() => m.render({ at: '2026-02-30' })).problems[0]).toMatchObject({ target: 'record 1 (R) field date', message: '"2026-02-30" is not a valid date or time' });
  });
});

describe('amounts: implied decimals through minor units', () => {
  const m = layout([{
    name: 'L', each: '/lines', fields: [
      { name: 'price', start: 1, length: 11, path: '/price', pipe: [{ minor: { currencyPath: '$/currency' } }], type: 'integer' },
    ],
  }]);

  it('writes the integer number of minor units of the currency', () => {
    expect(m.render({ currency: 'USD', lines: [{ price: '12.50' }, { price: 0.1 }, { price: '1999' }] }).body)
      .toBe('00000001250\n00000000010\n00000199900\n');
    expect(m.render({ currency: 'JPY', lines: [{ price: '1200' }] }).body).toBe('00000001200\n');
    expect(m.render({ currency: 'KWD', lines: [{ price: '1.234' }] }).body).toBe('00000001234\n');
  });

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(refusal(() => m.render({ currency: 'USD', lines: [{ price: '12.345' }] })).problems[0]).toMatchObject({
      target: 'record 1 (L) field price', message: '"12.345" is not an amount of USD with at most 2 decimals',
    });
  });
});

describe('overflow', () => {
  const fields: RenderRecordSpec['fields'] = [
    { name: 'name', start: 1, length: 5, path: '/name' },
    { name: 'code', start: 6, length: 3, path: '/code', overflow: 'error' },
  ];

  it('is an error by default, naming record, field, value and widths', () => {
    const error = refusal(() => oneRecord(fields).render({ name: 'Ada Lovelace', code: 'AB' }));
    expect(error.message).toBe('fx: record 1 (R) field name: "Ada Lovelace" is 12 characters, the field holds 5');
  });

  it('with "overflow": "truncate" text is cut to the field and a warning names record number, record, field and lengths', () => {
    const rendered = oneRecord(fields, { overflow: 'truncate' }).render({ name: 'Ada Lovelace', code: 'AB' });
    expect(rendered.body).toBe('Ada LAB \n');
    expect(rendered.warnings).toEqual(['record 1 (R) field name truncated from 12 to 5 characters']);
  });

  it('a field can insist on error where the file truncates', () => {
    const error = refusal(() => oneRecord(fields, { overflow: 'truncate' }).render({ name: 'Ada', code: 'ABCD' }));
    expect(error.problems).toEqual([{ target: 'record 1 (R) field code', source: '', message: '"ABCD" is 4 characters, the field holds 3' }]);
  });

  it('numbers are never truncated, even when the file truncates text', () => {
    const m = oneRecord([{ name: 'qty', start: 1, length: 4, path: '/qty', type: 'integer' }], { overflow: 'truncate' });
    expect(m.render({ qty: 9999 }).body).toBe('9999\n');
    expect(refusal(() => m.render({ qty: 12345 })).message).toBe('fx: record 1 (R) field qty: "12345" is 5 characters, the field holds 4');
    expect(fileProblems({ ...base, records: [{ name: 'R', once: 'start', fields: [{ name: 'qty', start: 1, length: 4, path: '/qty', type: 'integer', overflow: 'truncate' }] }] }))
      .toEqual(['/records/0/fields/0/overflow: must be "error" (a number is never truncated)']);
  });
});

describe('signs', () => {
  it('refuses a negative number unless the field is signed', () => {
    const m = oneRecord([{ name: 'amount', start: 1, length: 8, path: '/n', type: 'integer' }]);
    expect(refusal(() => m.render({ n: -1250 })).message).toBe('fx: record 1 (R) field amount: -1250 is negative and the field is not signed');
  });

  it('a signed field writes a leading minus: before the zeros, or after the spaces', () => {
    const m = oneRecord([
      { name: 'zeros', start: 1, length: 8, path: '/n', type: 'integer', signed: true },
      { name: 'spaces', start: 9, length: 8, path: '/n', type: 'integer', signed: true, pad: ' ' },
    ]);
    expect(m.render({ n: -1250 }).body).toBe('-0001250   -1250\n');
    expect(m.render({ n: 1250 }).body).toBe('00001250    1250\n');
    expect(refusal(() => m.render({ n: -12345678 })).problems[0]!.message).toBe('"-12345678" is 9 characters, the field holds 8');
  });
});

describe('layouts refused when compiled', () => {
  it('overlapping fields, a field past the record length and a date format wider than its field name record and field', () => {
    expect(fileProblems({
      ...base, recordLength: 10, records: [{
        name: 'H', once: 'start', fields: [
          { name: 'a', start: 1, length: 3, const: 'H' },
          { name: 'b', start: 3, length: 2, const: 'x' },
          { name: 'd', start: 5, length: 2, path: '/at', type: 'date' },
          { name: 'c', start: 9, length: 4, const: 'y' },
        ],
      }],
    })).toEqual([
      '/records/0/fields/1: record H field b (columns 3-4) overlaps field a (columns 1-3)',
      '/records/0/fields/2/format: record H field d (columns 5-6): its format writes 8 characters, the field holds 2',
      '/records/0/fields/3: record H field c (columns 9-12) ends after the record length 10',
    ]);
  });

  it('a record needs once or each, fields need positions, and names are unique', () => {
    expect(fileProblems({ ...base, records: [{ name: 'H', fields: [{ name: 'a', start: 1, length: 1, const: 'H' }] }] }))
      .toEqual(['/records/0: needs exactly one of once ("start" or "end") or each (a pointer to a list)']);
    expect(fileProblems({ ...base, records: [{ name: 'H', once: 'start', fields: [{ name: 'a', const: 'H' }] }] }))
      .toEqual(['/records/0/fields/0: missing property "start"', '/records/0/fields/0: missing property "length"']);
    expect(fileProblems({
      ...base, records: [
        { name: 'H', once: 'start', fields: [{ name: 'a', start: 1, length: 1, const: 'H' }, { name: 'a', start: 2, length: 1, const: 'H' }] },
        { name: 'H', once: 'end', fields: [{ name: 'a', start: 1, length: 1, const: 'T' }] },
      ],
    })).toEqual(['/records/0/fields/1/name: field name a is used twice in record H', '/records/1/name: record name H is already used at /records/0']);
  });

  it('layout keys need a layout format, and a layout needs records', () => {
    expect(fileProblems({ ...base, format: 'csv', recordLength: 10, records: [{ name: 'r', once: 'start', columns: [{ name: 'a', const: 1 }] }] }))
      .toEqual(['/format: must be "fixed-width" (for recordLength)']);
    expect(fileProblems({ ...base })).toEqual([': missing property "records"']);
  });
});

describe('aggregates', () => {
  const m = layout([
    { name: 'T', once: 'end', fields: [
      { name: 'type', start: 1, length: 1, const: 'T' },
      { name: 'orders', start: 2, length: 3, aggregate: { count: 'O' } },
      { name: 'lines', start: 5, length: 3, aggregate: { count: 'D' } },
      { name: 'qty', start: 8, length: 20, aggregate: { sum: 'D.qty' } },
      { name: 'totals', start: 28, length: 6, aggregate: { sum: 'O.total' } },
      { name: 'all', start: 34, length: 3, aggregate: { count: '*' } },
    ] },
    { name: 'H', once: 'start', fields: [
      { name: 'type', start: 1, length: 1, const: 'H' },
      { name: 'ordersSoFar', start: 2, length: 3, aggregate: { count: 'O' } },
    ] },
    { name: 'O', each: '/orders', fields: [
      { name: 'type', start: 1, length: 1, const: 'O' },
      { name: 'total', start: 2, length: 6, path: '/total', type: 'integer' },
    ], records: [
      { name: 'D', each: '/lines', fields: [
        { name: 'type', start: 1, length: 1, const: 'D' },
        { name: 'qty', start: 2, length: 17, path: '/qty', type: 'integer' },
      ] },
    ] },
  ]);

  it('count records and add up fields of nested records over the records written so far', () => {
    const rendered = m.render({
      orders: [{ total: 100, lines: [{ qty: 2 }, { qty: 3 }] }, { total: 250, lines: [{ qty: 1 }] }, { total: 5, lines: [] }],
    });
    expect(rendered.body.split('\n')).toEqual([
      'H000',
      'O000100', 'D00000000000000002', 'D00000000000000003',
      'O000250', 'D00000000000000001',
      'O000005',
      'T00300300000000000000000006000355007',
      '',
    ]);
    expect(rendered.stats).toEqual({ records: { T: 1, H: 1, O: 3, D: 3 } });
  });

  it('sums exactly beyond 2^53 and counts * as every record before', () => {
    const big = 2 ** 52;
    const body = m.render({ orders: [{ total: 1, lines: [{ qty: big }, { qty: big }, { qty: 3 }] }] }).body;
    const trailer = body.split('\n').at(-2)!;
    expect(trailer.slice(7, 27)).toBe(String(2n * BigInt(big) + 3n).padStart(20, '0'));
    expect(trailer.slice(33, 36)).toBe('005');
  });

  it('refers only to records and integer fields the layout has', () => {
    expect(fileProblems({
      ...base, records: [{ name: 'T', once: 'end', fields: [
        { name: 'a', start: 1, length: 3, aggregate: { count: 'X' } },
        { name: 'b', start: 4, length: 3, aggregate: { sum: 'T.c' } },
        { name: 'c', start: 7, length: 3, const: 'x' },
        { name: 'd', start: 10, length: 3, aggregate: { sum: 'T.nope' } },
      ] }],
    })).toEqual([
      '/records/0/fields/0/aggregate: aggregate counts record X, which the layout does not have (field a)',
      '/records/0/fields/1/aggregate: aggregate sums T.c, which is not an integer field (field b)',
      '/records/0/fields/3/aggregate: aggregate sums field nope of record T, which it does not have (field d)',
    ]);
  });
});

describe('records: order, nesting and scope', () => {
  it('start records first, then each records with their nested records, then end records; ^ reads the enclosing element', () => {
    const m = layout([
      { name: 'T', once: 'end', fields: [{ name: 't', start: 1, length: 3, const: 'END' }] },
      { name: 'O', each: '/orders', when: { path: '/skip', exists: false }, fields: [{ name: 'id', start: 1, length: 3, path: '/id' }], records: [
        { name: 'D', each: '/lines', fields: [
          { name: 'order', start: 1, length: 3, path: '^/id' },
          { name: 'n', start: 4, length: 2, pipe: ['lineNumber'], type: 'integer' },
          { name: 'batch', start: 6, length: 2, path: '$/batch' },
          { name: 'sku', start: 8, length: 3, path: '/sku' },
        ] },
        { name: 'S', once: 'end', fields: [{ name: 'sub', start: 1, length: 3, path: '/id' }, { name: 'x', start: 4, length: 1, const: '*' }] },
      ] },
      { name: 'H', once: 'start', fields: [{ name: 'h', start: 1, length: 3, const: 'BEG' }] },
    ]);
    const body = m.render({
      batch: 'B7',
      orders: [{ id: 'A', lines: [{ sku: 'x' }, { sku: 'y' }] }, { id: 'Z', skip: true, lines: [{ sku: 'z' }] }, { id: 'C', lines: [{ sku: 'w' }] }],
    }).body;
    expect(body.split('\n')).toEqual(['BEG', 'A  ', 'A  01B7x  ', 'A  02B7y  ', 'A  *', 'C  ', 'C  01B7w  ', 'C  *', 'END', '']);
  });

  it('^ works in ordinary mappings too: inside each and with it reads the enclosing element, and names it in problems', () => {
    const m = compileMapping({
      id: 'doc', version: '1', from: 'a', to: 'b',
      fields: {
        '/orders': { each: '/orders', fields: { '/id': { path: '/id' }, '/lines': { each: '/lines', fields: {
          '/sku': { path: '/sku' }, '/order': { path: '^/id' }, '/top': { path: '^^/name' },
        } } } },
        '/ship': { with: '/shipTo', fields: { '/city': { path: '/city' }, '/for': { path: '^/name' } } },
      },
    });
    expect(m.apply({ name: 'N', orders: [{ id: 'A', lines: [{ sku: 'x' }, { sku: 'y' }] }], shipTo: { city: 'Oslo' } })).toEqual({
      orders: [{ id: 'A', lines: [{ sku: 'x', order: 'A', top: 'N' }, { sku: 'y', order: 'A', top: 'N' }] }],
      ship: { city: 'Oslo', for: 'N' },
    });
    expect(refusal(() => m.apply({ name: 'N', orders: [{ lines: [{ sku: 'x' }] }, { id: 'B', lines: [] }] })).problems).toEqual([
      { target: '/orders/0/id', source: '/orders/0/id', message: 'required value is missing' },
      { target: '/orders/0/lines/0/order', source: '/orders/0/id', message: 'required value is missing' },
      { target: '/ship', source: '/shipTo', message: 'required value is missing' },
    ]);
  });

  it('a list that is not a list is a problem', () => {
    const m = layout([{ name: 'O', each: '/orders', fields: [{ name: 'id', start: 1, length: 3, path: '/id' }] }]);
    expect(refusal(() => m.render({ orders: { id: 1 } })).message).toBe('fx: records O from /orders: {"id":1} is not a list');
    expect(m.render({}).body).toBe('');
  });

  it('top-level fields add values to the input root that every record can read', () => {
    const m = compileMapping({
      ...base,
      fields: { '/sender': { const: 'HUB' }, '/day': { path: '/at', pipe: [{ formatDate: 'DD' }] } },
      records: [{ name: 'H', once: 'start', fields: [{ name: 's', start: 1, length: 3, path: '/sender' }, { name: 'd', start: 4, length: 2, path: '$/day' }] }],
    });
    expect(m.render({ at: '2026-11-24T06:00:00Z' }).body).toBe('HUB24\n');
  });
});

describe('encodings and line endings', () => {
  const nameRecord = (extra: Record<string, unknown> = {}) => layout([{
    name: 'O', each: '/orders', fields: [{ name: 'type', start: 1, length: 1, const: 'O' }, { name: 'shipToName', start: 2, length: 8, path: '/name' }],
  }], extra);

  it('latin1 writes one byte per character and the field width is those characters', () => {
    const rendered = nameRecord({ encoding: 'latin1' }).render({ orders: [{ name: 'Zoé' }] });
    expect(rendered.body).toBe('OZoé     \n');
    expect([...rendered.bytes]).toEqual([...Buffer.from('OZo'), 0xe9, ...Buffer.from('     \n')]);
    expect(rendered.contentType).toBe('text/plain; charset=iso-8859-1');
  });

  it('a character latin1 cannot hold is an error naming record number, field and character; every one is listed', () => {
    const error = refusal(() => nameRecord({ encoding: 'latin1' }).render({ orders: [{ name: 'Ann' }, { name: 'Ann' }, { name: 'Łukasz' }, { name: 'Zoë 😀' }] }));
    expect(error.problems.map((p) => `${p.target}: ${p.message}`)).toEqual([
      'record 3 (O) field shipToName: "Ł" (U+0141) cannot be written in ISO-8859-1',
      'record 4 (O) field shipToName: "😀" (U+1F600) cannot be written in ISO-8859-1',
    ]);
  });

  it('"unencodable": "replace" writes ? and warns', () => {
    const rendered = nameRecord({ encoding: 'latin1', unencodable: 'replace' }).render({ orders: [{ name: 'Łukasz' }] });
    expect(rendered.body).toBe('O?ukasz  \n');
    expect(rendered.warnings).toEqual(['record 1 (O) field shipToName: "Ł" (U+0141) replaced by "?" (cannot be written in ISO-8859-1)']);
  });

  it('"unencodable": "transliterate" writes the closest plain form, ? when there is none, and warns', () => {
    const rendered = nameRecord({ encoding: 'latin1', unencodable: 'transliterate' }).render({ orders: [{ name: 'Łó–Ω' }, { name: 'Zoë' }] });
    expect(rendered.body).toBe('OLó-?    \nOZoë     \n');
    expect(rendered.warnings).toEqual([
      'record 1 (O) field shipToName: "Ł" (U+0141) → "L", "–" (U+2013) → "-", "Ω" (U+03A9) → "?" (cannot be written in ISO-8859-1)',
    ]);
  });

  it.each([['œuvre “quoted” …', "oeuvre \"quoted\" ..."], ['Dvořák', 'Dvorak'], ['Şişli', 'Sisli'], ['Ħamrun', 'Hamrun']])(
    'transliterates %s as %s', (from, to) => {
      expect([...from].map(transliterate).join('')).toBe(to);
    },
  );

  it('UTF-8 (the default) counts characters, not bytes or UTF-16 units', () => {
    const rendered = nameRecord().render({ orders: [{ name: 'Ł😀é' }] });
    expect(rendered.body).toBe('OŁ😀é     \n');
    expect(rendered.bytes.length).toBe(1 + 2 + 4 + 2 + 5 + 1);
    expect(rendered.contentType).toBe('text/plain; charset=utf-8');
  });

  it('a line break inside a field would break the record: refused', () => {
    expect(refusal(() => nameRecord().render({ orders: [{ name: 'a\nb' }] })).message)
      .toBe('fx: record 1 (O) field shipToName: "\\n" (U+000A) cannot be written in a fixed-width record');
  });

  it('CRLF, and no final line ending when asked', () => {
    const input = { orders: [{ name: 'a' }, { name: 'b' }] };
    expect(nameRecord({ lineEnding: '\r\n' }).render(input).body).toBe('Oa       \r\nOb       \r\n');
    expect(nameRecord({ lineEnding: '\r\n', finalNewline: false }).render(input).body).toBe('Oa       \r\nOb       ');
  });
});

describe('apply, renderMapping and speed', () => {
  const m = layout([{
    name: 'O', each: '/orders', fields: [
      { name: 'id', start: 1, length: 4, path: '/id' },
      { name: 'total', start: 5, length: 6, path: '/total', type: 'integer' },
      { name: 'day', start: 11, length: 8, path: '/at', type: 'date' },
    ],
  }]);

  it('apply() shows what each record held, before padding', () => {
    expect(m.apply({ orders: [{ id: 'A', total: '0042', at: '2026-11-24T01:00:00Z' }] })).toEqual({
      records: [{ number: 1, record: 'O', values: { id: 'A', total: 42, day: '20261124' } }],
    });
  });

  it('renderMapping gives the same as render, and xml and json documents now also have UTF-8 bytes', () => {
    const input = { orders: [{ id: 'A', total: 1, at: '2026-11-24' }] };
    expect(renderMapping(m, input)).toEqual(m.render(input));
    const xml = compileMapping({ id: 'x', version: '1', from: 'a', to: 'b', format: 'xml', xml: { root: 'R' }, fields: { '/N': { path: '/n' } } });
    const rendered = renderMapping(xml, { n: 'Zoé' });
    expect(rendered).toEqual({ body: '<R>\n  <N>Zoé</N>\n</R>\n', contentType: 'application/xml; charset=utf-8' });
    expect(rendered.bytes.equals(Buffer.from('<R>\n  <N>Zoé</N>\n</R>\n', 'utf8'))).toBe(true);
    expect(rendered.warnings).toEqual([]);
    expect(rendered.stats).toEqual({ records: {} });
  });

  it('renders a batch of 250 orders with nested lines and trailer totals', () => {
    const nested = layout([{ name: 'O', each: '/orders', fields: [
      { name: 'id', start: 1, length: 26, path: '/id' }, { name: 'name', start: 27, length: 30, path: '/name' },
      { name: 'total', start: 57, length: 12, path: '/total', type: 'integer' }, { name: 'day', start: 69, length: 8, path: '/at', type: 'date' },
    ], records: [{ name: 'D', each: '/lines', fields: [
      { name: 'id', start: 1, length: 26, path: '^/id' }, { name: 'n', start: 27, length: 4, pipe: ['lineNumber'], type: 'integer' },
      { name: 'sku', start: 31, length: 20, path: '/sku' }, { name: 'qty', start: 51, length: 7, path: '/qty', type: 'integer' },
    ] }] }, { name: 'T', once: 'end', fields: [{ name: 'n', start: 1, length: 8, aggregate: { count: 'D' } }, { name: 'q', start: 9, length: 12, aggregate: { sum: 'D.qty' } }] }], { recordLength: 200 });
    const orders = Array.from({ length: 250 }, (_, i) => ({
      id: `01KB2N0A1B2C3D4E5F6G7H${String(i).padStart(4, '0')}`, name: `Customer ${i}`, total: 1000 + i, at: '2026-11-24T06:00:00Z',
      lines: [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-2', qty: 2 }, { sku: 'SKU-3', qty: 3 }],
    }));
    const rendered = nested.render({ orders });
    expect(rendered.stats.records).toEqual({ O: 250, D: 750, T: 1 });
    expect(rendered.body.split('\n').at(-2)!.slice(0, 20)).toBe('00000750000000001500');
  });
});
