/**
 * The mapping engine: sources, pointers, conditions, optional/default, pruning of empty
 * objects, collected problems and speed.
 */
import { describe, expect, it } from 'vitest';
import { compileMapping, MappingError, type FieldsSpec } from '../../src/mapping/index.js';

function mapping(fields: FieldsSpec, extra: Record<string, unknown> = {}) {
  return compileMapping({ id: 'test-map', version: '1', from: 'in', to: 'out', fields, ...extra });
}

function problemsOf(action: () => unknown): MappingError {
  try {
    action();
  } catch (error) {
    if (error instanceof MappingError) return error;
    throw error;
  }
  throw new Error('expected a MappingError');
}

describe('sources', () => {
  it('path, first, concat and const', () => {
    const m = mapping({
      '/id': { path: '/id' },
      '/phone': { first: ['/shipping/phone', '/billing/phone', '/phone'] },
      '/name': { concat: ['/first', '/middle', '/last'] },
      '/label': { concat: ['/last', '/first'], separator: ', ' },
      '/kind': { const: 'ship' },
      '/tags': { const: ['a', 'b'] },
    });
    expect(m.apply({ id: 7, shipping: { phone: '' }, billing: { phone: '+1555' }, first: 'Ada', middle: null, last: 'Lovelace' })).toEqual({
      id: 7, phone: '+1555', name: 'Ada Lovelace', label: 'Lovelace, Ada', kind: 'ship', tags: ['a', 'b'],
    });
  });

  it('const objects are copied, so a caller cannot change the mapping through its output', () => {
    const m = mapping({ '/tags': { const: ['a'] } });
    const first = m.apply({});
    (first.tags as string[]).push('mutated');
    expect(m.apply({}).tags).toEqual(['a']);
  });

  it('reads pointers with ~0 and ~1 escapes and writes targets with them', () => {
    const m = mapping({ '/out~1slash/til~0de': { path: '/a~1b/c~0d' } });
    expect(m.apply({ 'a/b': { 'c~d': 'ok' } })).toEqual({ 'out/slash': { 'til~de': 'ok' } });
  });

  it('reads array elements by index and never follows prototypes', () => {
    const m = mapping({ '/first': { path: '/items/0/sku' }, '/proto': { path: '/__proto__/constructor', optional: true } });
    expect(m.apply({ items: [{ sku: 'A' }, { sku: 'B' }] })).toEqual({ first: 'A' });
  });

  it('with builds one object from a nested input object', () => {
    const m = mapping({
      '/shipTo': { with: '/address', optional: true, fields: { '/line1': { path: '/street' }, '/country': { path: '$/country' } } },
    });
    expect(m.apply({ address: { street: '1 Main St' }, country: 'US' })).toEqual({ shipTo: { line1: '1 Main St', country: 'US' } });
    expect(m.apply({ country: 'US' })).toEqual({});
  });
});

describe('each', () => {
  const lines = mapping({
    '/currency': { path: '/currency' },
    '/lines': {
      each: '/items',
      filter: { not: { path: '/removed', equals: true } },
      fields: {
        '/number': { pipe: ['lineNumber'] },
        '/sku': { path: '/sku' },
        '/price': { path: '/price', pipe: [{ minor: { currencyPath: '$/currency' } }] },
        '/orderRef': { path: '$/id', pipe: ['string'] },
      },
    },
  });

  it('builds one object per element; $/ pointers read the root; filtered elements are skipped', () => {
    const out = lines.apply({
      id: 99, currency: 'JPY',
      items: [{ sku: 'A', price: '100' }, { sku: 'X', price: '1', removed: true }, { sku: 'B', price: 250 }],
    });
    expect(out).toEqual({
      currency: 'JPY',
      lines: [{ number: 1, sku: 'A', price: 100, orderRef: '99' }, { number: 2, sku: 'B', price: 250, orderRef: '99' }],
    });
  });

  it('names the element in the output and in the input in problems', () => {
    const error = problemsOf(() => lines.apply({ id: 1, currency: 'USD', items: [{ sku: 'A', price: '1' }, { sku: 'B', price: '1.234' }] }));
    expect(error.message).toBe('test-map: /lines/1/price from /items/1/price: "1.234" is not an amount of USD with at most 2 decimals');
    expect(error.target).toBe('/lines/1/price');
    expect(error.source).toBe('/items/1/price');
  });

  it('refuses a value that is not a list', () => {
    const error = problemsOf(() => lines.apply({ currency: 'USD', items: 'nope' }));
    expect(error.problems).toEqual([{ target: '/lines', source: '/items', message: '"nope" is not a list' }]);
  });

  it('nested each groups keep their own positions', () => {
    const m = mapping({
      '/boxes': { each: '/boxes', fields: { '/n': { pipe: ['lineNumber'] }, '/items': { each: '/items', fields: { '/n': { pipe: ['lineNumber'] }, '/box': { path: '$/label' } } } } },
    });
    expect(m.apply({ label: 'L', boxes: [{ items: [1, 2] }, { items: [3] }] })).toEqual({
      boxes: [{ n: 1, items: [{ n: 1, box: 'L' }, { n: 2, box: 'L' }] }, { n: 2, items: [{ n: 1, box: 'L' }] }],
    });
  });
});

describe('when conditions', () => {
  const m = mapping({
    '/exists': { const: 1, when: { path: '/a', exists: true } },
    '/missing': { const: 1, when: { path: '/a', exists: false } },
    '/equals': { const: 1, when: { path: '/status', equals: 'paid' } },
    '/in': { const: 1, when: { path: '/status', in: ['paid', 'authorized'] } },
    '/notEmpty': { const: 1, when: { path: '/list', notEmpty: true } },
    '/all': { const: 1, when: { all: [{ path: '/a', exists: true }, { path: '/status', equals: 'paid' }] } },
    '/any': { const: 1, when: { any: [{ path: '/a', exists: true }, { path: '/status', equals: 'paid' }] } },
    '/not': { const: 1, when: { not: { path: '/status', equals: 'paid' } } },
    '/deep': { const: 1, when: { path: '/obj', equals: { x: [1] } } },
  });

  it('are true for a matching input', () => {
    expect(Object.keys(m.apply({ a: 0, status: 'paid', list: [1], obj: { x: [1] } }))).toEqual(
      ['exists', 'equals', 'in', 'notEmpty', 'all', 'any', 'deep'],
    );
  });

  it('are false otherwise, and a false when omits even a required field', () => {
    expect(Object.keys(m.apply({ a: null, status: 'pending', list: [] }))).toEqual(['missing', 'not']);
  });
});

describe('optional and default', () => {
  const m = mapping({
    '/required': { path: '/r' },
    '/optional': { path: '/o', optional: true },
    '/defaulted': { path: '/d', default: 'USD', pipe: ['lower'] },
  });

  it('a missing optional field is left out and a default goes through the pipe', () => {
    expect(m.apply({ r: 'x', o: '' })).toEqual({ required: 'x', defaulted: 'usd' });
    expect(m.apply({ r: 'x', o: 'y', d: 'EUR' })).toEqual({ required: 'x', optional: 'y', defaulted: 'eur' });
  });

  it('a missing required field is a problem', () => {
    expect(problemsOf(() => m.apply({ r: null })).problems).toEqual([{ target: '/required', source: '/r', message: 'required value is missing' }]);
  });

  it('a value that trims to nothing counts as missing', () => {
    const trimmed = mapping({ '/name': { path: '/name', pipe: ['trim'] }, '/note': { path: '/note', pipe: ['trim'], optional: true } });
    expect(trimmed.apply({ name: ' Ada ', note: '   ' })).toEqual({ name: 'Ada' });
    expect(problemsOf(() => trimmed.apply({ name: '   ' })).problems[0]!.message).toBe('required value is missing');
  });
});

describe('empty objects', () => {
  const m = mapping({
    '/billTo/name': { path: '/billing/name', optional: true },
    '/billTo/address/line1': { path: '/billing/street', optional: true },
    '/customer/email': { path: '/email', optional: true },
    '/explicit': { const: {} },
    '/kept': { path: '/obj' },
  });

  it('are dropped when only omitted optional fields would fill them; an empty object from a source stays', () => {
    expect(m.apply({ obj: { a: 1 } })).toEqual({ explicit: {}, kept: { a: 1 } });
    expect(m.apply({ billing: { street: 'Main' }, obj: {} })).toEqual({ billTo: { address: { line1: 'Main' } }, explicit: {}, kept: {} });
  });
});

describe('target arrays by index', () => {
  it('/a/0 style targets build an array of the present values, in index order', () => {
    const m = mapping({ '/codes/1': { path: '/b', optional: true }, '/codes/0': { path: '/a' }, '/codes/2': { path: '/c', optional: true } });
    expect(m.apply({ a: 'A', c: 'C' })).toEqual({ codes: ['A', 'C'] });
  });
});

describe('problems', () => {
  it('collects every problem of one apply, in field order', () => {
    const m = mapping({
      '/externalId': { path: '/id', pipe: ['string'] },
      '/email': { path: '/email', pipe: ['trim', 'lower'] },
      '/lines': { each: '/items', fields: { '/quantity': { path: '/qty', pipe: ['int'] }, '/price': { path: '/price', pipe: ['cents'] } } },
      '/phone': { first: ['/phone', '/mobile'], pipe: ['e164'] },
      '/name': { concat: ['/first', '/last'] },
    });
    const error = problemsOf(() => m.apply({ id: { x: 1 }, items: [{ qty: 1, price: '1' }, { qty: '1', price: '2' }, { qty: 'two', price: '1.234' }], mobile: 'none' }));
    expect(error.problems).toEqual([
      { target: '/externalId', source: '/id', message: '{"x":1} is not text' },
      { target: '/email', source: '/email', message: 'required value is missing' },
      { target: '/lines/2/quantity', source: '/items/2/qty', message: '"two" is not an integer' },
      { target: '/lines/2/price', source: '/items/2/price', message: '"1.234" is not an amount of money with at most 2 decimals' },
      { target: '/phone', source: '/mobile', message: '"none" is not a phone number' },
      { target: '/name', source: '/first + /last', message: 'required value is missing' },
    ]);
    expect(error.mappingId).toBe('test-map');
    expect(error.message.split('\n')).toHaveLength(7);
    expect(error.message).toContain('test-map: /lines/2/quantity from /items/2/qty: "two" is not an integer');
  });

  it('a single problem is the whole message', () => {
    const m = mapping({ '/q': { path: '/line_items/2/quantity', pipe: ['int'] } });
    const error = problemsOf(() => m.apply({ line_items: [{}, {}, { quantity: 'two' }] }));
    expect(error.message).toBe('test-map: /q from /line_items/2/quantity: "two" is not an integer');
  });
});

describe('context', () => {
  it('is readable under $context from anywhere', () => {
    const m = mapping({ '/lines': { each: '/items', fields: { '/channel': { path: '$/$context/channel' } } } });
    expect(m.apply({ items: [1] }, { context: { channel: 'web' } })).toEqual({ lines: [{ channel: 'web' }] });
  });
});

describe('speed', () => {
  it('maps a five-line order with money and phone pipes', () => {
    const m = mapping({
      '/externalId': { path: '/id', pipe: ['string'] },
      '/placedAt': { path: '/created_at', pipe: ['datetime'] },
      '/currency': { path: '/currency', pipe: ['upper'] },
      '/customer/email': { path: '/email', pipe: ['trim', 'lower'] },
      '/customer/phone': { path: '/phone', pipe: [{ e164: { defaultCountryCode: '1' } }] },
      '/lines': { each: '/line_items', fields: {
        '/lineId': { path: '/id', pipe: ['string'] }, '/sku': { path: '/sku' }, '/quantity': { path: '/quantity', pipe: ['int'] },
        '/unitPrice': { path: '/price', pipe: [{ minor: { currencyPath: '$/currency' } }] },
      } },
      '/totals/grandTotal': { path: '/total_price', pipe: [{ minor: { currencyPath: '/currency' } }] },
    });
    const order = {
      id: 1001, created_at: '2026-11-23T05:00:00-05:00', currency: 'usd', email: ' A@B.COM ', phone: '(415) 555-0123', total_price: '99.95',
      line_items: [1, 2, 3, 4, 5].map((i) => ({ id: i, sku: `SKU-${i}`, quantity: i, price: `${i}.99` })),
    };
    const mapped = m.apply(order) as { lines: unknown[]; totals: { grandTotal: number } };
    expect(mapped.lines).toHaveLength(5);
    expect(mapped.totals.grandTotal).toBe(9995);
  });
});
