/**
 * Shared pieces of the property-based tests (fast-check) of the mapping engine and the
 * file layouts: which errors count as typed, how many runs a property gets, and
 * arbitraries for awkward input: text with unicode, emoji, control characters, lone
 * surrogates and the names of Object.prototype's properties, numbers at the edges,
 * values of every type, and a catalog of every pipe with arguments it accepts.
 *
 * Set FC_RUNS_SCALE (e.g. 20) to run every property that many times more often.
 * Runs use a fixed seed, so `npm test` is repeatable; FC_SEED=random explores new inputs
 * (each failure prints the seed that replays it: FC_SEED=<seed>).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { MappingError, MappingFileError, type PipeStep } from '../../../src/mapping/index.js';
import { HubError } from '../../../src/sdk/errors/index.js';

/** The errors callers of the mapping engine handle: refusals of an input, broken mapping files, hub errors. */
export function isTypedError(error: unknown): boolean {
  return error instanceof MappingError || error instanceof MappingFileError || error instanceof HubError;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

/**
 * Runs `action`: its value, or the typed error it threw. Any other error fails the
 * property (a TypeError, RangeError or plain Error escaping the engine is a bug).
 */
export function attempt<T>(action: () => T, isExpected: (error: unknown) => boolean = isTypedError): Outcome<T> {
  try {
    return { ok: true, value: action() };
  } catch (error) {
    expect(isExpected(error), `untyped ${describeError(error)}`).toBe(true);
    return { ok: false, error: error as Error };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}\n${error.stack ?? ''}`;
  return `throw of ${typeof error}`;
}

const SCALE = Number(process.env.FC_RUNS_SCALE ?? '1') || 1;

/** The seed of a repeatable run (any fixed number would do). */
const DEFAULT_SEED = 20261204;

/** fast-check parameters: `numRuns` scaled by FC_RUNS_SCALE; the seed from FC_SEED (`random`: a new one each run). */
export function runs(numRuns: number): { numRuns: number; seed?: number } {
  const chosen = process.env.FC_SEED ?? String(DEFAULT_SEED);
  const seed = chosen === 'random' ? undefined : Number(chosen);
  return { numRuns: Math.max(1, Math.round(numRuns * SCALE)), ...(seed === undefined ? {} : { seed }) };
}

/** Strings that have broken text handling before: prototype keys, white space, line breaks, marks, emoji, surrogates. */
export const AWKWARD_STRINGS: readonly string[] = [
  '', ' ', '   ', '\t', '\n', '\r', '\r\n', '\u0000', '\u0085', '\u00a0', '\u2028', '\ufeff', '\u200b',
  '…', '–', '“quoted”', '€', 'Ł', 'ł', 'ß', 'ÿ', 'œ', 'ﬃ', '㎏', '½', 'é', 'e\u0301', 'Ω', '中文', 'ع',
  '😀', '👩‍👩‍👧', '🇵🇱', '\ud800', '\udfff', 'a\ud83d', '"', "'", ',', ';', '|', '""', 'a,"b"\nc', '\\',
  '0', '-0', '007', ' 42 ', '1e21', '0x10', '12.50', '-1250', '1.005', 'NaN', 'Infinity', 'true', 'no', 'null',
  '2026-11-24T06:00:05.000Z', '20261124', '0050-01-01', '9999-12-31T23:59:59-01:00',
  ...Object.getOwnPropertyNames(Object.prototype),
];

/** Text of every kind: unicode graphemes, raw code points (lone surrogates too), awkward pieces, long runs. */
export const awkwardString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.constantFrom(...AWKWARD_STRINGS), weight: 3 },
  { arbitrary: fc.array(fc.constantFrom(...AWKWARD_STRINGS), { maxLength: 6 }).map((parts) => parts.join('')), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 30, maxLength: 250 }), weight: 1 },
);

/** Numbers at the edges: unsafe integers, exponents, -0, NaN, infinities, epoch extremes. */
export const awkwardNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(
    0, -0, 1, -1, 0.1, 2.5, 12.5, 1.005, 1e-7, 5e-324, 1e21, -1e21, 2 ** 53, 2 ** 53 + 2, -(2 ** 53),
    Number.MAX_VALUE, NaN, Infinity, -Infinity, 1e11, 1e15, 8.64e15, 8.64e15 + 1, -8.64e15, 6.3e10, -6.3e10,
  ),
);

/** Decimal amounts as text: `-12.50`, `.5`, `007`. */
export const decimalText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,12}$/), fc.option(fc.stringMatching(/^\d{0,5}$/), { nil: undefined }))
  .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

export const awkwardScalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: awkwardString, weight: 4 },
  { arbitrary: awkwardNumber, weight: 3 },
  { arbitrary: decimalText, weight: 1 },
  { arbitrary: fc.constantFrom(true, false, null, undefined), weight: 1 },
);

/** Values of every JavaScript kind: bigints, boxed values, Map/Set, null-prototype objects, dates, typed and sparse arrays. */
export const anythingAtAll: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  stringUnit: 'binary',
  withBigInt: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
});

/** Any value a field might meet: awkward scalars, or lists and objects of them, or anything at all. */
export const awkwardValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: awkwardScalar, weight: 5 },
  { arbitrary: fc.array(awkwardScalar, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(awkwardString, awkwardScalar, { maxKeys: 4 }), weight: 1 },
  { arbitrary: anythingAtAll, weight: 1 },
);

/** Top-level maps the pipe catalog's named `map` steps refer to. */
export const CATALOG_MAPS = { level: { standard: 'STD', express: 'EXP', '*': 'STD' }, strict: { a: 1, b: [2], c: { d: 3 } } };

const relativePointer = fc.constantFrom('', '/a', '/@name', '/#text', '/0', '/a~1b', '/constructor');
const currencyArgument = fc.oneof(
  fc.record({ currency: fc.constantFrom('USD', 'jpy', 'KWD', 'CLF', 'XYZ') }),
  fc.record({ currencyPath: fc.constantFrom('$/currency', '/currency', '^/currency', '$/missing') }),
);
const datePattern = fc.constantFrom('YYYY-MM-DD', 'YYYYMMDD', 'YYYYMMDDHHmmss', 'HHmmss', 'DD/MM/YYYY HH:mm:ss.SSS', 'YYYY-MM-DDTHH:mm:ssZ');
/** One character (code point), as the schema of pad characters counts them; never a lone surrogate. */
const oneCharacter = fc.oneof(
  fc.constantFrom(' ', '0', '*', 'é', '😀', '\u0301'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/\p{Cs}/u.test(c)),
);

/** Every pipe with arguments it accepts; PIPE_CATALOG covers PIPE_NAMES (checked by the pipe properties). */
export const PIPE_CATALOG: Readonly<Record<string, fc.Arbitrary<PipeStep>>> = {
  string: fc.constant('string'),
  trim: fc.constant('trim'),
  lower: fc.constant('lower'),
  upper: fc.constant('upper'),
  padStart: fc.record({ length: fc.integer({ min: 0, max: 20 }), char: oneCharacter }, { requiredKeys: ['length'] }).map((a) => ({ padStart: a })),
  padEnd: fc.record({ length: fc.integer({ min: 0, max: 20 }), char: oneCharacter }, { requiredKeys: ['length'] }).map((a) => ({ padEnd: a })),
  substring: fc.record({ start: fc.nat(12), length: fc.nat(12) }, { requiredKeys: ['start'] }).map((a) => ({ substring: a })),
  replace: fc.record({
    pattern: fc.constantFrom('a', '\\s+', '^x', '[0-9]', '(.)\\1', '.', '\\p{L}', '$'),
    with: fc.constantFrom('', '-', '$1', '$&'),
    flags: fc.subarray(['g', 'i', 'm', 's', 'u', 'y']).map((flags) => flags.join('')),
  }, { requiredKeys: ['pattern'] }).map((a) => ({ replace: a })),
  split: fc.option(fc.constantFrom(',', ' ', '||', '😀'), { nil: undefined }).map((a) => (a === undefined ? 'split' : { split: a })),
  join: fc.option(fc.constantFrom('', ', ', '\n'), { nil: undefined }).map((a) => (a === undefined ? 'join' : { join: a })),
  int: fc.constant('int'),
  number: fc.constant('number'),
  decimal: fc.constant('decimal'),
  boolean: fc.constant('boolean'),
  sum: fc.constant('sum'),
  count: fc.constant('count'),
  cents: fc.constant('cents'),
  minor: currencyArgument.map((a) => ({ minor: a })),
  fromMinor: currencyArgument.map((a) => ({ fromMinor: a })),
  e164: fc.option(fc.record({ defaultCountryCode: fc.constantFrom('1', '44', '81', '999') }, { requiredKeys: [] }), { nil: undefined })
    .map((a) => (a === undefined ? 'e164' : { e164: a })),
  date: fc.constant('date'),
  datetime: fc.constant('datetime'),
  formatDate: datePattern.map((a) => ({ formatDate: a })),
  parseDate: datePattern.filter((p) => p.includes('YYYY') && p.includes('MM') && p.includes('DD')).map((a) => ({ parseDate: a })),
  countryCode: fc.constant('countryCode'),
  map: fc.oneof(
    fc.constantFrom('level', 'strict'),
    fc.dictionary(awkwardString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
  ).map((a) => ({ map: a })),
  default: fc.jsonValue({ maxDepth: 2 }).map((a) => ({ default: a })),
  lineNumber: fc.constant('lineNumber'),
  pluck: relativePointer.map((a) => ({ pluck: a })),
  fromEntries: fc.record({ key: relativePointer, value: relativePointer }).map((a) => ({ fromEntries: a })),
};

export const pipeStep: fc.Arbitrary<PipeStep> = fc.oneof(...Object.values(PIPE_CATALOG));
