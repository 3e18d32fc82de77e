/**
 * CSV render layouts: RFC 4180 quoting, the csv options, the header row, types, and the
 * round trip: a file written by a render layout and read by a parse layout gives back
 * the same values, whatever commas, quotes, line breaks and non-ASCII text they hold.
 */
import { describe, expect, it } from 'vitest';
import { compileMapping, MappingError, parseWithLayout, type LayoutFieldSpec } from '../../src/mapping/index.js';

const head = { id: 'csv', version: '1', from: 'a', to: 'b', format: 'csv', fields: {} };

function rows(columns: readonly LayoutFieldSpec[], extra: Record<string, unknown> = {}) {
  return compileMapping({ ...head, records: [{ name: 'row', each: '/rows', columns }], ...extra });
}

const textColumns: LayoutFieldSpec[] = [{ name: 'a', path: '/a' }, { name: 'b', path: '/b', optional: true }];

describe('RFC 4180 quoting', () => {
  it('quotes a cell holding the delimiter, the quote, CR or LF, doubling quotes; leaves others alone', () => {
    const body = rows(textColumns).render({ rows: [
      { a: 'plain text', b: 'with, comma' },
      { a: 'say "hi"', b: 'two\nlines' },
      { a: 'cr\rhere', b: "it's fine; really" },
    ] }).body;
    expect(body).toBe('a,b\nplain text,"with, comma"\n"say ""hi""","two\nlines"\n"cr\rhere",it\'s fine; really\n');
  });

  it('follows the delimiter and quote it is given, and quotes everything with quoteAll', () => {
    const input = { rows: [{ a: 'x;y', b: 'a,b' }, { a: "it's", b: '' }] };
    expect(rows(textColumns, { csv: { delimiter: ';', quote: "'" } }).render(input).body).toBe("a;b\n'x;y';a,b\n'it''s';\n");
    expect(rows(textColumns, { csv: { quoteAll: true } }).render(input).body).toBe('"a","b"\n"x;y","a,b"\n"it\'s",""\n');
  });

  it('writes the header from the first record with columns, or none', () => {
    expect(rows(textColumns, { csv: { header: false } }).render({ rows: [{ a: 1 }] }).body).toBe('1,\n');
    const m = compileMapping({ ...head, records: [{ name: 'group', each: '/orders', records: [{ name: 'line', each: '/lines', columns: [
      { name: 'order id', path: '^/id' }, { name: 'sku, code', path: '/sku' },
    ] }] }] });
    expect(m.render({ orders: [{ id: 'A', lines: [{ sku: 'x' }, { sku: 'y' }] }, { id: 'B', lines: [{ sku: 'z' }] }] }).body)
      .toBe('order id,"sku, code"\nA,x\nA,y\nB,z\n');
    expect(m.render({ orders: [] }).body).toBe('order id,"sku, code"\n');
  });

  it('types: integers exactly and signed, dates in their format', () => {
    const m = rows([
      { name: 'n', path: '/n', type: 'integer', signed: true },
      { name: 'day', path: '/at', type: 'date', format: 'YYYY-MM-DD' },
      { name: 'count', aggregate: { count: 'row' } },
    ]);
    expect(m.render({ rows: [{ n: '-0042', at: '2026-11-24T23:30:00-01:00' }, { n: 7, at: 0 }] }).body)
      .toBe('n,day,count\n-42,2026-11-25,0\n7,1970-01-01,1\n');
    expect(() => m.render({ rows: [{ n: 2.5, at: 0 }] })).toThrow(MappingError);
  });

  it('checks characters against the encoding, header included', () => {
    const m = rows([{ name: 'naïve', path: '/a' }], { encoding: 'latin1', lineEnding: '\r\n' });
    const rendered = m.render({ rows: [{ a: 'café' }] });
    expect([...rendered.bytes]).toEqual([...Buffer.from('na'), 0xef, ...Buffer.from('ve\r\ncaf'), 0xe9, 0x0d, 0x0a]);
    expect(rendered.contentType).toBe('text/csv; charset=iso-8859-1');
    expect(() => m.render({ rows: [{ a: 'Łódź' }] })).toThrow('csv: record 1 (row) field naïve: "Ł" (U+0141) cannot be written in ISO-8859-1');
  });
});

describe('round trip: render, then parse', () => {
  const values = [
    { id: 'A-1', note: 'comma, inside', qty: 3 },
    { id: 'B-2', note: 'a "quoted" word', qty: 10 },
    { id: 'C-3', note: 'two\nlines', qty: 1 },
    { id: 'D-4', note: 'windows\r\nbreak', qty: 2 },
    { id: 'E-5', note: 'Łódź, Zoë, 東京, 😀', qty: 7 },
    { id: 'F-6', note: '"', qty: 0 },
    { id: 'G-7', note: ',;\t', qty: 12 },
  ];
  const columns: LayoutFieldSpec[] = [
    { name: 'id', path: '/id' }, { name: 'note', path: '/note' }, { name: 'qty', path: '/qty', type: 'integer' },
  ];
  const readBack = (extra: Record<string, unknown>) => compileMapping({
    ...head, direction: 'parse', ...extra,
    fields: { '/id': { column: 'id' }, '/note': { column: 'note' }, '/qty': { column: 'qty', pipe: ['int'] } },
    records: [{ name: 'row' }],
  });

  it.each([
    ['defaults (UTF-8, LF)', {}, {}],
    ['CRLF, semicolons, single quotes, quote everything', { lineEnding: '\r\n', csv: { delimiter: ';', quote: "'", quoteAll: true } }, { csv: { delimiter: ';', quote: "'" } }],
    ['tabs and double quotes', { csv: { delimiter: '\t' } }, { csv: { delimiter: '\t' } }],
  ])('%s', (_name, writeOptions, readOptions) => {
    const rendered = rows(columns, writeOptions).render({ rows: values });
    const parsed = parseWithLayout(readBack(readOptions), rendered.bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((row) => row.value)).toEqual(values);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 3, 4, 6, 8, 9, 10]);
  });

  it('latin1 both ways', () => {
    const latin = [...values.filter((value) => !/[^\u0000-\u00ff]/.test(value.note)), { id: 'H-8', note: 'Zoë, café', qty: 4 }];
    const rendered = rows(columns, { encoding: 'latin1' }).render({ rows: latin });
    expect(rendered.bytes.includes(Buffer.from([0x5a, 0x6f, 0xeb]))).toBe(true);
    const parsed = parseWithLayout(readBack({ encoding: 'latin1' }), rendered.bytes);
    expect(parsed.rows.map((row) => row.value)).toEqual(latin);
  });
});
