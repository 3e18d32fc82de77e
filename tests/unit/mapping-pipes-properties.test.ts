/**
 * Properties of every pipe of the mapping language (fast-check): whatever value it is
 * given, a pipe returns a value of the kind it promises or refuses the value with a
 * PipeRefusal (which the field turns into a MappingError problem); it never throws a
 * TypeError, RangeError or plain Error. Arguments the schema of a pipe refuses are a
 * MappingFileError when the mapping is compiled. Round trips: minor/fromMinor,
 * formatDate/parseDate, decimal of a number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMapping, PIPE_NAMES, type PipeStep } from '../../src/mapping/index.js';
import { PipeRefusal } from '../../src/mapping/pipes/pipe-errors.js';
import { compilePipeline, type Pipeline } from '../../src/mapping/pipes/pipe-registry.js';
import type { Scope } from '../../src/mapping/scope.js';
import {
  attempt, awkwardNumber, awkwardString, awkwardValue, CATALOG_MAPS, decimalText, PIPE_CATALOG, runs,
} from './support/properties.js';

function compileStep(step: PipeStep): Pipeline {
  const problems: string[] = [];
  const pipeline = compilePipeline([step], { maps: CATALOG_MAPS, insideEach: true }, (_index, message) => problems.push(message));
  expect(problems).toEqual([]);
  return pipeline;
}

/** A scope inside an `each`, with a currency at the root, on the element and on the enclosing element. */
function scopeWith(currency: unknown, index: number): Scope {
  const root = { currency };
  const parent: Scope = { root, current: root, index: -1, sourceBase: '', targetBase: '' };
  return { root, current: { currency }, index, parent, sourceBase: '/rows/0', targetBase: '/rows/0' };
}

const isRefusal = (error: unknown) => error instanceof PipeRefusal;
const LONE_SURROGATE = /\p{Cs}/u;
const CURRENCY = fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'usd', ' GBP ');

/** Values each pipe is meant for, so that its success path is exercised as much as its refusals. */
const PLAUSIBLE: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  int: fc.oneof(fc.maxSafeInteger(), fc.integer().map(String), fc.constantFrom('1.000', ' 7 ', '+3', '-0')),
  number: fc.oneof(fc.double({ noNaN: true }), fc.double().map(String)),
  decimal: fc.oneof(decimalText, fc.double({ noNaN: true, noDefaultInfinity: true })),
  sum: fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), decimalText, fc.constant(null)), { maxLength: 6 }),
  count: fc.array(fc.anything(), { maxLength: 5 }),
  cents: decimalText,
  minor: decimalText,
  fromMinor: fc.oneof(fc.maxSafeInteger(), fc.maxSafeInteger().map(String)),
  e164: fc.oneof(
    fc.stringMatching(/^\+?[1-9][0-9 ().\/-]{5,16}$/),
    fc.stringMatching(/^00[1-9]\d{6,13}$/),
    fc.stringMatching(/^0?\d{7,11}$/),
  ),
  date: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer({ min: -1e14, max: 1e16 }), fc.stringMatching(/^\d{8}$/)),
  datetime: fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.integer({ min: -1e16, max: 1e16 }),
    fc.stringMatching(/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,6})?)?)?(Z|[+-]\d\d(:?\d\d)?)?$/),
  ),
  formatDate: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer({ min: -1e16, max: 1e16 })),
  parseDate: fc.oneof(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{14}$/), fc.stringMatching(/^\d{4}-\d\d-\d\d$/)),
  countryCode: fc.constantFrom('us', 'USA', ' Deutschland ', 'united  kingdom', 'Narnia', 'constructor', 'toString', '__proto__', 'hasOwnProperty'),
  map: fc.constantFrom('standard', 'express', 'a', 'b', 'c', 'constructor', 'toString', '__proto__', 1, true),
  split: awkwardString,
  join: fc.array(fc.oneof(awkwardString, fc.integer(), fc.constant(null)), { maxLength: 5 }),
  pluck: fc.array(fc.dictionary(fc.constantFrom('a', '0', 'constructor', '@name'), awkwardValue, { maxKeys: 3 }), { maxLength: 4 }),
  fromEntries: fc.array(fc.record({ a: fc.oneof(awkwardString, fc.integer()), '@name': awkwardString, '#text': awkwardValue }, { requiredKeys: [] }), { maxLength: 4 }),
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What a pipe promises about the value it returns (called only when it did not refuse). */
const ORACLES: Readonly<Record<string, (result: unknown, input: unknown, step: PipeStep, scope: Scope) => void>> = {
  string: (result) => expect(typeof result).toBe('string'),
  trim: (result) => expect(result).toBe(String(result).trim()),
  lower: (result) => expect(typeof result).toBe('string'),
  upper: (result) => expect(typeof result).toBe('string'),
  padStart: (result, input, step) => {
    const { length } = argumentOf<{ length: number }>(step);
    expect([...String(result)].length).toBeGreaterThanOrEqual(length);
    expect(String(result).endsWith(String(input))).toBe(true);
  },
  padEnd: (result, input, step) => {
    const { length } = argumentOf<{ length: number }>(step);
    expect([...String(result)].length).toBeGreaterThanOrEqual(length);
    expect(String(result).startsWith(String(input))).toBe(true);
  },
  substring: (result, input, step) => {
    const { length } = argumentOf<{ start: number; length?: number }>(step);
    if (length !== undefined) expect([...String(result)].length).toBeLessThanOrEqual(length);
    expect(String(input).includes(String(result))).toBe(true);
  },
  replace: (result) => expect(typeof result).toBe('string'),
  split: (result) => {
    expect(Array.isArray(result)).toBe(true);
    for (const part of result as unknown[]) expect(part === String(part).trim() && part !== '').toBe(true);
  },
  join: (result) => expect(typeof result).toBe('string'),
  int: (result) => expect(Number.isSafeInteger(result)).toBe(true),
  number: (result) => expect(Number.isFinite(result)).toBe(true),
  decimal: (result, input) => {
    expect(result).toMatch(/^-?\d+(\.\d+)?$/);
    // The decimal text of a number is that number, exactly: never an exponent, never rounded to 0.
    if (typeof input === 'number') expect(Number(result)).toBe(input === 0 ? 0 : input);
  },
  boolean: (result) => expect(typeof result).toBe('boolean'),
  sum: (result, input) => {
    expect(Number.isFinite(result)).toBe(true);
    const items = input as unknown[];
    if (items.every((item) => item === null || Number.isSafeInteger(item))) {
      expect(result).toBe(items.reduce<number>((total, item) => total + (item === null ? 0 : (item as number)), 0));
    }
  },
  count: (result, input) => expect(result).toBe(input === null || input === undefined ? 0 : (input as unknown[]).length),
  cents: (result) => expect(Number.isSafeInteger(result)).toBe(true),
  minor: (result) => expect(Number.isSafeInteger(result)).toBe(true),
  fromMinor: (result) => expect(result).toMatch(/^-?\d+(\.\d+)?$/),
  e164: (result) => expect(result).toMatch(/^\+[1-9]\d{6,14}$/),
  date: (result) => {
    expect(result).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${String(result)}T00:00:00.000Z`).toISOString().slice(0, 10)).toBe(result);
  },
  datetime: (result) => {
    expect(result).toMatch(ISO_INSTANT);
    expect(new Date(String(result)).toISOString()).toBe(result);
  },
  formatDate: (result, _input, step) => {
    // Every token writes a fixed number of digits, so the text is as wide as the pattern.
    const pattern = argumentOf<string>(step);
    expect(String(result).length).toBe(pattern.length);
    expect(String(result)).toMatch(new RegExp(`^${pattern.replace(/[A-Za-z]/g, (c) => (/[YMDHmsS]/.test(c) ? '\\d' : c)).replace(/[.]/g, '\\.')}$`));
  },
  parseDate: (result) => {
    expect(result).toMatch(ISO_INSTANT);
    expect(new Date(String(result)).toISOString()).toBe(result);
  },
  countryCode: (result) => expect(result).toMatch(/^[A-Z]{2}$/),
  map: (result, _input, step) => {
    const argument = argumentOf<string | Record<string, unknown>>(step);
    const table = typeof argument === 'string' ? CATALOG_MAPS[argument as keyof typeof CATALOG_MAPS] : argument;
    expect(Object.values(table)).toContainEqual(result);
  },
  default: (result, input, step) => {
    const empty = input === undefined || input === null || input === '';
    expect(result).toEqual(empty ? argumentOf(step) : input);
  },
  lineNumber: (result, _input, _step, scope) => expect(result).toBe(scope.index + 1),
  pluck: (result) => {
    expect(Array.isArray(result)).toBe(true);
    expect((result as unknown[]).includes(undefined)).toBe(false);
  },
  fromEntries: (result, input) => {
    expect(result !== null && typeof result === 'object' && !Array.isArray(result)).toBe(true);
    // One key per element present (a hole of a sparse list has none to give).
    expect(Object.keys(result as object)).toHaveLength(Object.keys(input as unknown[]).length);
  },
};

/**
 * Whether a string anywhere in the value holds half a surrogate pair. A String object
 * with any surrogate counts as holding one: a pointer such as /0 reads its UTF-16 units
 * one by one (only objects made in JavaScript, never parsed data, are String objects).
 */
function hasLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (value instanceof String) return /[\uD800-\uDFFF]/.test(String(value));
  if (depth > 4 || value === null || typeof value !== 'object') return false;
  const items = Array.isArray(value) ? value : Object.entries(value).flat();
  return items.some((item) => hasLoneSurrogate(item, depth + 1));
}

/** Counterexamples these properties found, run first every time: [step, value, currency, index]. */
const FOUND: Readonly<Record<string, ReadonlyArray<[PipeStep, unknown, unknown, number]>>> = {
  boolean: [['boolean', [0n], 'USD', 0]],
  countryCode: [['countryCode', '__proto__', 'USD', 0], ['countryCode', 'constructor', 'USD', 0], ['countryCode', { '': [0n] }, 'USD', 0]],
  date: [['date', -62167219200001, 'USD', 0], ['date', 253402300800000, 'USD', 0]],
  datetime: [['datetime', -62167219200001, 'USD', 0]],
  decimal: [['decimal', 5e-324, undefined, 0], ['decimal', 1e21, undefined, 0]],
  formatDate: [[{ formatDate: 'YYYY-MM-DD' }, -62167219200001, 'USD', 0]],
  padEnd: [[{ padEnd: { length: 3, char: '𐀀' } }, 0, 'USD', 0]],
  padStart: [[{ padStart: { length: 4, char: '😀' } }, 'a', 'USD', 0]],
  substring: [[{ substring: { start: 0, length: 1 } }, '😀', 'USD', 0]],
  replace: [[{ replace: { pattern: '[0-9]', flags: 'y' } }, 0, undefined, 0]],
  sum: [['sum', [-3.7079372897140534e+293, -1.7976931348623121e+308], 'USD', 0]],
};

function argumentOf<T>(step: PipeStep): T {
  return (typeof step === 'string' ? undefined : Object.values(step)[0]) as T;
}

function nameOf(step: PipeStep): string {
  return typeof step === 'string' ? step : Object.keys(step)[0]!;
}

describe('the pipe catalog of these properties', () => {
  it('covers every pipe of the mapping language, with an oracle for each', () => {
    expect(Object.keys(PIPE_CATALOG).sort()).toEqual([...PIPE_NAMES]);
    expect(Object.keys(ORACLES).sort()).toEqual([...PIPE_NAMES]);
  });
});

describe('every pipe, any value: a value it promises or a PipeRefusal', () => {
  for (const name of PIPE_NAMES) {
    it(name, () => {
      const input = PLAUSIBLE[name] ? fc.oneof(awkwardValue, PLAUSIBLE[name]) : awkwardValue;
      fc.assert(fc.property(PIPE_CATALOG[name]!, input, fc.oneof(CURRENCY, currencyNoise()), fc.nat(50), (step, value, currency, index) => {
        const scope = scopeWith(currency, index);
        const pipeline = compileStep(step);
        const outcome = attempt(() => pipeline(value, scope), isRefusal);
        // A compiled pipe keeps no state between values: the same value gives the same result again.
        const again = attempt(() => pipeline(value, scope), isRefusal);
        expect(again.ok ? again.value : again.error.message).toEqual(outcome.ok ? outcome.value : outcome.error.message);
        const empty = value === undefined || value === null || value === '';
        if (!outcome.ok) {
          expect(outcome.error.message.length).toBeGreaterThan(0);
          return;
        }
        // Pipes that do not accept empty values let them through untouched.
        if (empty && outcome.value === value && !['default', 'lineNumber', 'count'].includes(name)) return;
        ORACLES[name]!(outcome.value, value, step, scope);
        if (!hasLoneSurrogate(value) && name !== 'replace') {
          // Well-formed text stays well-formed: no pipe cuts a character in half. (replace is
          // left out: its pattern, written by the mapping's author, decides what it cuts.)
          expect(hasLoneSurrogate(outcome.value)).toBe(false);
        }
      }), { ...runs(150), examples: [...(FOUND[name] ?? [])] });
    });
  }
});

/** What a currency pointer may find instead of a currency code. */
function currencyNoise(): fc.Arbitrary<unknown> {
  return fc.oneof(awkwardString, awkwardNumber, fc.constant(undefined));
}

describe('every pipe inside a mapping: a result or a MappingError, never a stray PipeRefusal', () => {
  it('any pipe step, any value, in an each group (so lineNumber is allowed)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(...Object.values(PIPE_CATALOG)), { minLength: 1, maxLength: 3 }), awkwardValue, fc.oneof(CURRENCY, awkwardValue), (pipe, value, currency) => {
      const mapping = compileMapping({
        id: 'pipe-props', version: '1', from: 'a', to: 'b', maps: CATALOG_MAPS,
        fields: { '/rows': { each: '/rows', fields: { '/out': { path: '/v', pipe, optional: true } } } },
      });
      const outcome = attempt(() => mapping.apply({ currency, rows: [{ v: value, currency }] }));
      if (outcome.ok) expect(Array.isArray(outcome.value.rows)).toBe(true);
    }), runs(300));
  });

  it('any argument at all compiles, or is a MappingFileError naming the step', () => {
    fc.assert(fc.property(fc.constantFrom(...PIPE_NAMES), fc.jsonValue({ maxDepth: 2 }), (name, argument) => {
      const outcome = attempt(() => compileMapping({
        id: 'pipe-args', version: '1', from: 'a', to: 'b',
        fields: { '/rows': { each: '/rows', fields: { '/out': { path: '/v', pipe: [{ [name]: argument }] } } } },
      }));
      if (!outcome.ok) expect(outcome.error.message).toContain('/pipe/0');
    }), runs(300));
  });
});

describe('round trips between pipes', () => {
  it('minor(fromMinor(m)) is m, in any currency', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), CURRENCY, (minor, currency) => {
      const scope = scopeWith(currency, 0);
      const text = compileStep({ fromMinor: { currencyPath: '$/currency' } })(minor, scope);
      expect(compileStep({ minor: { currencyPath: '$/currency' } })(text, scope)).toBe(minor);
    }), runs(200));
  });

  it('parseDate reads back what formatDate wrote, for every instant of the years 0000 to 9999', () => {
    const pattern = 'YYYYMMDDHHmmssSSS';
    const min = new Date('0000-01-01T00:00:00.000Z');
    const max = new Date('9999-12-31T23:59:59.999Z');
    fc.assert(fc.property(fc.date({ min, max, noInvalidDate: true }), (date) => {
      const scope = scopeWith('USD', 0);
      const text = compileStep({ formatDate: pattern })(date.toISOString(), scope);
      expect(compileStep({ parseDate: pattern })(text, scope)).toBe(date.toISOString());
      expect(compileStep('datetime')(date.toISOString(), scope)).toBe(date.toISOString());
    }), { ...runs(300), examples: [[new Date('0099-12-31T23:59:59.999Z')], [new Date('0000-01-01T00:00:00.000Z')]] });
  });

  it('any instant at all is written as a date, or refused; never a date with the wrong number of digits', () => {
    fc.assert(fc.property(fc.date({ noInvalidDate: true }), (date) => {
      const scope = scopeWith('USD', 0);
      for (const step of ['date', { formatDate: 'YYYYMMDD' }] as PipeStep[]) {
        const outcome = attempt(() => compileStep(step)(date.getTime(), scope), isRefusal);
        if (outcome.ok) ORACLES[nameOf(step)]!(outcome.value, date.getTime(), step, scope);
      }
    }), { ...runs(300), examples: [[new Date('+010000-01-01T00:00:00.000Z')], [new Date('-000001-12-31T23:59:59.999Z')]] });
  });
});
