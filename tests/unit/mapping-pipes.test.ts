/**
 * Every pipe of the mapping language, with the values it converts and the ones it refuses.
 * Each case compiles a one-field mapping `/out` ← `/in` with the pipe under test.
 */
import { describe, expect, it } from 'vitest';
import { compileMapping, MappingError, MappingFileError, type PipeStep } from '../../src/mapping/index.js';

function mapWith(pipe: PipeStep[], extra: Record<string, unknown> = {}) {
  return compileMapping({ id: 'pipes', version: '1', from: 'test', to: 'test', fields: { '/out': { path: '/in', pipe } }, ...extra });
}

function run(pipe: PipeStep[], value: unknown, input: Record<string, unknown> = {}): unknown {
  return mapWith(pipe).apply({ in: value, ...input }).out;
}

function refusal(pipe: PipeStep[], value: unknown, input: Record<string, unknown> = {}): string {
  try {
    run(pipe, value, input);
  } catch (error) {
    expect(error).toBeInstanceOf(MappingError);
    const problems = (error as MappingError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.target).toBe('/out');
    return problems[0]!.message;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused by ${JSON.stringify(pipe)}`);
}

describe('text pipes', () => {
  it('string turns scalars into text and refuses objects and inexact big integers', () => {
    expect(run(['string'], 42)).toBe('42');
    expect(run(['string'], true)).toBe('true');
    expect(run(['string'], 'x')).toBe('x');
    expect(refusal(['string'], { a: 1 })).toBe('{"a":1} is not text');
    expect(refusal(['string'], 820982911946154508)).toMatch(/too large to be exact/);
  });

  it('trim, lower and upper', () => {
    expect(run(['trim', 'lower'], '  MiXeD@Example.COM ')).toBe('mixed@example.com');
    expect(run(['upper'], 'usd')).toBe('USD');
  });

  it('padStart, padEnd and substring', () => {
    expect(run([{ padStart: { length: 6, char: '0' } }], 42)).toBe('000042');
    expect(run([{ padEnd: { length: 4 } }], 'ab')).toBe('ab  ');
    expect(run([{ substring: { start: 2, length: 3 } }], 'ABCDEFG')).toBe('CDE');
    expect(run([{ substring: { start: 4 } }], 'ABCDEFG')).toBe('EFG');
  });

  it('replace uses a regular expression, global by default', () => {
    expect(run([{ replace: { pattern: '[^0-9]', with: '' } }], 'SKU-12-34')).toBe('1234');
    expect(run([{ replace: { pattern: '^gid://shopify/Order/' } }], 'gid://shopify/Order/99')).toBe('99');
  });

  it('split trims and drops empty parts; join skips empty items', () => {
    expect(run([{ split: ',' }], 'red, green,,blue ')).toEqual(['red', 'green', 'blue']);
    expect(run([{ join: '-' }], ['a', '', null, 'b', 3])).toBe('a-b-3');
    expect(refusal(['join'], 'not a list')).toBe('"not a list" is not a list');
  });
});

describe('number pipes', () => {
  it('int accepts integers and integral text, refuses fractions and words', () => {
    expect(run(['int'], '7')).toBe(7);
    expect(run(['int'], ' 12 ')).toBe(12);
    expect(run(['int'], 3)).toBe(3);
    expect(run(['int'], '2.00')).toBe(2);
    expect(refusal(['int'], '2.5')).toBe('"2.5" is not an integer');
    expect(refusal(['int'], 2.5)).toBe('2.5 is not an integer');
    expect(refusal(['int'], 'two')).toBe('"two" is not an integer');
  });

  it('number and decimal', () => {
    expect(run(['number'], '12.50')).toBe(12.5);
    expect(run(['number'], 1e3)).toBe(1000);
    expect(refusal(['number'], '12,50')).toBe('"12,50" is not a number');
    expect(run(['decimal'], 12.5)).toBe('12.5');
    expect(run(['decimal'], '0012.50')).toBe('12.50');
    expect(run(['decimal'], '.5')).toBe('0.5');
    expect(refusal(['decimal'], '1.2.3')).toBe('"1.2.3" is not a decimal number');
  });

  it('boolean understands the usual words and refuses others', () => {
    expect(run(['boolean'], 'Yes')).toBe(true);
    expect(run(['boolean'], 0)).toBe(false);
    expect(run(['boolean'], 'false')).toBe(false);
    expect(refusal(['boolean'], 'maybe')).toBe('"maybe" is not a yes/no value');
  });

  it('sum is exact over numbers and decimal text; count counts', () => {
    expect(run(['sum'], [0.1, 0.2])).toBe(0.3);
    expect(run(['sum'], ['25.00', '5.05', 1])).toBe(31.05);
    expect(run(['sum'], [])).toBe(0);
    expect(refusal(['sum'], ['1', 'x'])).toBe('"x" is not a decimal number');
    expect(run(['count'], [1, 2, 3])).toBe(3);
    expect(mapWith(['count']).apply({}).out).toBe(0);
  });
});

describe('money pipes', () => {
  it('cents converts decimals exactly and refuses a third decimal', () => {
    expect(run(['cents'], '12.5')).toBe(1250);
    expect(run(['cents'], 19.99)).toBe(1999);
    expect(run(['cents'], '0.10')).toBe(10);
    expect(refusal(['cents'], '1.234')).toBe('"1.234" is not an amount of money with at most 2 decimals');
    expect(refusal(['cents'], 'abc')).toMatch(/"abc" is not an amount/);
  });

  it('minor uses the exponent of a fixed or looked-up currency', () => {
    expect(run([{ minor: { currency: 'JPY' } }], '1500')).toBe(1500);
    expect(run([{ minor: { currency: 'KWD' } }], '1.5')).toBe(1500);
    expect(run([{ minor: { currencyPath: '/currency' } }], '12.34', { currency: 'eur' })).toBe(1234);
    expect(refusal([{ minor: { currency: 'JPY' } }], '1500.5')).toBe('"1500.5" is not an amount of JPY with at most 0 decimals');
    expect(refusal([{ minor: { currencyPath: '/currency' } }], '1.00')).toBe('no currency code at /currency (found undefined)');
  });

  it('fromMinor renders minor units as a decimal string of the currency', () => {
    expect(run([{ fromMinor: { currency: 'USD' } }], 1250)).toBe('12.50');
    expect(run([{ fromMinor: { currency: 'JPY' } }], 1500)).toBe('1500');
    expect(run([{ fromMinor: { currencyPath: '/c' } }], 5, { c: 'BHD' })).toBe('0.005');
    expect(refusal([{ fromMinor: { currency: 'USD' } }], 12.5)).toBe('12.5 is not an integer');
  });
});

describe('e164', () => {
  const e164 = (value: unknown, defaultCountryCode?: string) =>
    run([defaultCountryCode ? { e164: { defaultCountryCode } } : 'e164'], value);

  it('normalises international numbers written in many ways', () => {
    expect(e164('+1 (415) 555-0123')).toBe('+14155550123');
    expect(e164('0044 20 7946 0958')).toBe('+442079460958');
    expect(e164('+49.30.123/4567')).toBe('+49301234567');
  });

  it('prefixes national numbers with the default country code', () => {
    expect(e164('(415) 555-0123', '1')).toBe('+14155550123');
    expect(e164('1-415-555-0123', '1')).toBe('+14155550123');
    expect(e164('020 7946 0958', '44')).toBe('+442079460958');
  });

  it('refuses garbage and national numbers without a default', () => {
    expect(refusal(['e164'], 'call me maybe')).toBe('"call me maybe" is not a phone number');
    expect(refusal(['e164'], '4155550123')).toBe('"4155550123" has no country code (and no defaultCountryCode is set)');
    expect(refusal(['e164'], '+12')).toBe('"+12" is not a phone number in E.164 form');
  });
});

describe('date pipes', () => {
  it('datetime converts offsets, naive UTC and epoch numbers to UTC with milliseconds', () => {
    expect(run(['datetime'], '2026-11-23T05:00:00-05:00')).toBe('2026-11-23T10:00:00.000Z');
    expect(run(['datetime'], '2026-11-23T10:00:00')).toBe('2026-11-23T10:00:00.000Z');
    expect(run(['datetime'], '2026-11-23 11:30:15.25+0130')).toBe('2026-11-23T10:00:15.250Z');
    expect(run(['datetime'], 1795428000)).toBe('2026-11-23T10:00:00.000Z');
    expect(run(['datetime'], 1795428000123)).toBe('2026-11-23T10:00:00.123Z');
    expect(refusal(['datetime'], 'yesterday')).toBe('"yesterday" is not a date or time');
    expect(refusal(['datetime'], '2026-02-30')).toBe('"2026-02-30" is not a valid date or time');
  });

  it('date keeps the calendar date as written', () => {
    expect(run(['date'], '2026-11-23T23:30:00-05:00')).toBe('2026-11-23');
    expect(run(['date'], '20261201')).toBe('2026-12-01');
    expect(run(['date'], 1795428000)).toBe('2026-11-23');
  });

  it('formatDate formats the UTC instant with tokens and literals', () => {
    expect(run([{ formatDate: 'YYYYMMDD' }], '2026-11-23T23:30:00-05:00')).toBe('20261124');
    expect(run([{ formatDate: 'YYYY-MM-DDTHH:mm:ssZ' }], '2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:00:00Z');
    expect(run([{ formatDate: 'DD/MM/YYYY HH:mm:ss.SSS' }], '2026-01-02T03:04:05.006Z')).toBe('02/01/2026 03:04:05.006');
  });
});

describe('lookup pipes', () => {
  const maps = { maps: { shipVia: { standard: 'GND', express: '2DA', '*': 'GND' }, strict: { a: 1 } } };

  it('map looks up named and inline tables, with "*" as the fallback', () => {
    const mapping = mapWith([{ map: 'shipVia' }], maps);
    expect(mapping.apply({ in: 'express' }).out).toBe('2DA');
    expect(mapping.apply({ in: 'teleport' }).out).toBe('GND');
    expect(run([{ map: { yes: true, no: false } }], 'no')).toBe(false);
  });

  it('map without a match and without a fallback is refused', () => {
    const mapping = mapWith([{ map: 'strict' }], maps);
    expect(() => mapping.apply({ in: 'b' })).toThrow('pipes: /out from /in: "b" is not in map strict (and it has no "*" fallback)');
  });

  it('default replaces missing, null and empty values only', () => {
    expect(run([{ default: 'n/a' }], '')).toBe('n/a');
    expect(run([{ default: 'n/a' }], null)).toBe('n/a');
    expect(run([{ default: 'n/a' }], 0)).toBe(0);
    expect(mapWith(['trim', { default: 'none' }]).apply({}).out).toBe('none');
  });

  it('pluck picks a field from every object of a list', () => {
    expect(run([{ pluck: '/price' }, 'sum'], [{ price: '1.10' }, { price: '2.20' }, {}])).toBe(3.3);
  });

  it('fromEntries turns a list of name/value elements into an object', () => {
    const options = { fromEntries: { key: '/@name', value: '/#text' } };
    expect(run([options], [{ '@name': 'Size', '#text': 'M' }, { '@name': ' Gift wrap ' }])).toEqual({ Size: 'M', 'Gift wrap': '' });
    expect(run([{ fromEntries: { key: '/k', value: '/v' } }], [{ k: 7, v: 1 }])).toEqual({ 7: 1 });
    expect(refusal([options], [{ '#text': 'M' }])).toBe('element 0 has no key at /@name (found undefined)');
    expect(refusal([options], [{ '@name': 'Size', '#text': 'M' }, { '@name': 'Size', '#text': 'L' }])).toBe('key "Size" appears more than once');
    expect(refusal([options], 'M')).toBe('"M" is not a list');
    expect(() => mapWith([{ fromEntries: { key: '/@name' } }])).toThrow(MappingFileError);
  });

  it('countryCode upper-cases alpha-2 and knows a few common names', () => {
    expect(run(['countryCode'], 'us')).toBe('US');
    expect(run(['countryCode'], 'United States')).toBe('US');
    expect(run(['countryCode'], 'Deutschland')).toBe('DE');
    expect(refusal(['countryCode'], 'Atlantis')).toBe('"Atlantis" is not an ISO 3166 country code');
  });

  it('lineNumber is the 1-based position inside each and ignores its input', () => {
    const mapping = compileMapping({
      id: 'n', version: '1', from: 'a', to: 'b',
      fields: { '/rows': { each: '/items', fields: { '/n': { path: '/ignored', pipe: ['lineNumber'] }, '/v': { path: '' } } } },
    });
    expect(mapping.apply({ items: ['a', 'b', 'c'] })).toEqual({ rows: [{ n: 1, v: 'a' }, { n: 2, v: 'b' }, { n: 3, v: 'c' }] });
  });
});

describe('pipe order and empty values', () => {
  it('applies pipes left to right', () => {
    expect(run(['trim', { substring: { start: 0, length: 3 } }, 'upper'], '  abcdef ')).toBe('ABC');
  });

  it('pipes that need a value let a missing one through to optional/required', () => {
    const optional = compileMapping({ id: 'o', version: '1', from: 'a', to: 'b', fields: { '/out': { path: '/in', pipe: ['int', 'string'], optional: true } } });
    expect(optional.apply({})).toEqual({});
  });

  it('bad pipe arguments are compile errors', () => {
    expect(() => mapWith([{ padStart: { length: -1 } }])).toThrow(MappingFileError);
    expect(() => mapWith([{ formatDate: 3 }])).toThrow(/formatDate: bad argument: must be string/);
  });
});
