/**
 * Properties of the mapping engine (fast-check). Whatever the input (any JavaScript value,
 * any JSON, a golden sample with values replaced, removed or retyped, a Shopify-shaped
 * order with random values), applying or rendering a mapping returns a result or throws
 * a typed error (MappingError, MappingFileError, HubError), never a TypeError, RangeError
 * or plain Error; it does not change its input and gives the same result twice. The
 * mappings are the real inbound files of mappings/ and mappings generated here from every
 * source, condition and pipe of the mapping language.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileMapping, loadMapping, type CompiledMapping, type ConditionSpec, type FieldSpec, type FieldsSpec,
} from '../../src/mapping/index.js';
import { fromMinorUnits, toMinorUnits } from '../../src/model/money.js';
import {
  anythingAtAll, attempt, AWKWARD_STRINGS, awkwardString, awkwardValue, CATALOG_MAPS, pipeStep, runs,
} from './support/properties.js';

const MAPPINGS = resolve(import.meta.dirname, '../../mappings');
const INBOUND = ['shopify-to-canonical.json', 'woocommerce-to-canonical.json', 'xml-order-to-canonical.json'] as const;

const mappings = new Map<string, CompiledMapping>();
const samples = new Map<string, unknown[]>();

beforeAll(async () => {
  for (const file of [...INBOUND, 'canonical-to-oms-xml.json']) {
    const mapping = await loadMapping(join(MAPPINGS, file));
    mappings.set(file, mapping);
    samples.set(file, mapping.tests.map((test) => JSON.parse(readFileSync(join(MAPPINGS, test.input), 'utf8')) as unknown));
  }
});

function mappingOf(file: string): CompiledMapping {
  const mapping = mappings.get(file);
  if (!mapping) throw new Error(`${file} is not loaded`);
  return mapping;
}

/** apply and render: each returns or throws a typed error; when apply returns, render writes the same object. */
function checkRun(mapping: CompiledMapping, input: unknown): void {
  const applied = attempt(() => mapping.apply(input));
  if (applied.ok) {
    expect(Object.getPrototypeOf(applied.value)).toBe(Object.prototype);
  } else {
    expect(applied.error.message).toContain(mapping.id);
  }
  const rendered = attempt(() => mapping.render(input));
  if (rendered.ok) {
    expect(typeof rendered.value.body).toBe('string');
    if (mapping.format === 'object' || mapping.format === 'json') {
      expect(applied.ok).toBe(true);
      if (applied.ok) expect(JSON.parse(rendered.value.body)).toEqual(JSON.parse(JSON.stringify(applied.value)));
    }
  }
}

/** A printout of any value, to the bottom, for checking that a mapping left its input alone. */
function snapshot(value: unknown): string {
  return inspect(value, { depth: null, maxArrayLength: null, maxStringLength: null, sorted: false });
}

// ---------------------------------------------------------------------------------------
// Inputs shaped like the golden samples, with edits

type Path = ReadonlyArray<string | number>;

/** Every path into the lists and plain objects of a value (not into Maps, boxed values or typed arrays). */
function pathsOf(value: unknown, path: Path = [], out: Path[] = [], seen = new Set<unknown>()): Path[] {
  out.push(path);
  if (seen.has(value)) return out;
  if (Array.isArray(value)) {
    seen.add(value);
    value.forEach((item, i) => pathsOf(item, [...path, i], out, seen));
  } else if (isPlain(value)) {
    seen.add(value);
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out, seen);
  }
  return out;
}

/**
 * A copy of a generated value, so that later edits never change fast-check's own values
 * (which it reuses while shrinking: editing one in place could even make a cycle).
 */
function copyOf(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

interface Edit { readonly at: number; readonly kind: 'replace' | 'delete' | 'wrap'; readonly value: unknown }

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'delete', 'wrap'),
  value: awkwardValue,
});

/** The sample with each edit applied at one of its paths: a value replaced, removed, or put in a list. */
function edited(sample: unknown, edits: readonly Edit[]): unknown {
  let root = structuredClone(sample);
  for (const { at, kind, value } of edits) {
    const paths = pathsOf(root);
    const path = paths[at % paths.length]!;
    if (path.length === 0) {
      root = kind === 'wrap' ? [root] : kind === 'delete' ? undefined : copyOf(value);
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as Record<string | number, unknown>;
    const key = path.at(-1)!;
    if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      parent[key] = kind === 'wrap' ? [parent[key]] : copyOf(value);
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------
// Shopify orders with random values of the right kinds

const SHOPIFY_CURRENCIES = ['USD', 'EUR', 'JPY', 'KWD', 'GBP'] as const;

const nonBlank = awkwardString.filter((text) => text.trim() !== '');
const amount = (currency: string) => fc.nat(10_000_000).map((minor) => fromMinorUnits(minor, currency));
/** E.164, or a North American number (area codes never start with 0 or 1; `00…` is an international prefix). */
const phone = fc.oneof(fc.constant(null), fc.stringMatching(/^\+[1-9]\d{9,12}$/), fc.stringMatching(/^\([2-9]\d{2}\) \d{3}-\d{4}$/));
const address = fc.record({
  name: fc.option(awkwardString), company: fc.option(awkwardString),
  address1: nonBlank, address2: fc.option(awkwardString), city: nonBlank,
  province_code: fc.option(awkwardString), zip: fc.option(awkwardString),
  country_code: fc.constantFrom('US', 'us', 'GB', 'de', 'JP', 'PL'), phone,
});

function shopifyOrder(currency: string) {
  const money = amount(currency);
  return fc.record({
    id: fc.maxSafeInteger(),
    admin_graphql_api_id: fc.option(fc.nat().map((n) => `gid://shopify/Order/${n}`), { nil: undefined }),
    created_at: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    currency: fc.constantFrom(currency, currency.toLowerCase(), ` ${currency} `),
    email: fc.option(fc.emailAddress()),
    phone,
    customer: fc.option(fc.record({
      id: fc.nat(), first_name: fc.option(awkwardString), last_name: fc.option(awkwardString), email: fc.option(fc.emailAddress()), phone,
    })),
    billing_address: fc.option(address),
    shipping_address: fc.option(address),
    line_items: fc.array(fc.record({
      id: fc.nat(), sku: nonBlank, title: fc.option(awkwardString), variant_title: fc.option(awkwardString),
      quantity: fc.integer({ min: 1, max: 1000 }), price: money, total_discount: money,
    }), { minLength: 1, maxLength: 4 }),
    total_line_items_price: money,
    subtotal_price: money,
    total_price: money,
    total_tax: money,
    total_discounts: money,
    total_shipping_price_set: fc.option(fc.record({ shop_money: fc.record({ amount: money }) }), { nil: undefined }),
    financial_status: fc.constantFrom('pending', 'authorized', 'paid', 'partially_paid', 'refunded'),
    payment_gateway_names: fc.array(awkwardString, { maxLength: 2 }),
    shipping_lines: fc.array(fc.record({ code: awkwardString, title: awkwardString }, { requiredKeys: [] }), { maxLength: 2 }),
    note: fc.option(awkwardString),
  }, { requiredKeys: ['id', 'created_at', 'currency', 'line_items', 'total_line_items_price', 'total_price'] });
}

const shopify = fc.constantFrom(...SHOPIFY_CURRENCIES).chain(shopifyOrder);

// ---------------------------------------------------------------------------------------

describe.each(INBOUND)('%s with any input', (file) => {
  it('any value (fc.anything) is mapped or refused with a MappingError', () => {
    fc.assert(fc.property(fc.anything(), (input) => checkRun(mappingOf(file), input)), runs(200));
  });

  it('any JavaScript value at all (BigInts, Maps, boxed values, null prototypes, typed and sparse arrays)', () => {
    fc.assert(fc.property(anythingAtAll, (input) => checkRun(mappingOf(file), input)), runs(200));
  });

  it('any JSON object: a result or a MappingError, the input unchanged, the same result twice', () => {
    const json = fc.oneof(fc.jsonValue(), fc.dictionary(awkwardString, fc.jsonValue({ maxDepth: 3 })));
    fc.assert(fc.property(json, (input) => {
      const before = snapshot(input);
      const first = attempt(() => mappingOf(file).apply(input));
      expect(snapshot(input)).toBe(before);
      const second = attempt(() => mappingOf(file).apply(input));
      expect(second.ok ? second.value : second.error.message).toEqual(first.ok ? first.value : first.error.message);
    }), runs(200));
  });

  it('its golden samples with values replaced, removed or put in lists', () => {
    fc.assert(fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), (which, edits) => {
      const all = samples.get(file)!;
      const input = edited(all[which % all.length], edits);
      checkRun(mappingOf(file), input);
    }), runs(300));
  });
});

describe('shopify-to-canonical with Shopify-shaped orders', () => {
  it('an order whose values have the right kinds is always mapped: every line, exact minor units, UTC time', () => {
    fc.assert(fc.property(shopify, (order) => {
      const mapped = mappingOf('shopify-to-canonical.json').apply(order);
      const currency = order.currency.trim().toUpperCase();
      expect(mapped.currency).toBe(currency);
      expect(mapped.placedAt).toBe(new Date(order.created_at).toISOString());
      const lines = mapped.lines as Array<{ unitPrice: number; quantity: number }>;
      expect(lines.map((line) => [line.quantity, line.unitPrice]))
        .toEqual(order.line_items.map((item) => [item.quantity, toMinorUnits(item.price, currency)]));
      expect((mapped.totals as { grandTotal: number }).grandTotal).toBe(toMinorUnits(order.total_price, currency));
    }), runs(150));
  });

  it('with fields replaced by values of any type, removed or put in lists: a result or a MappingError', () => {
    fc.assert(fc.property(shopify, fc.array(edit, { minLength: 1, maxLength: 5 }), (order, edits) => {
      checkRun(mappingOf('shopify-to-canonical.json'), edited(order, edits));
    }), runs(200));
  });
});

describe('canonical-to-oms-xml with canonical orders with values replaced', () => {
  it('renders XML or refuses with a MappingError', () => {
    fc.assert(fc.property(fc.nat(), fc.array(edit, { maxLength: 4 }), (which, edits) => {
      const all = samples.get('canonical-to-oms-xml.json')!;
      const rendered = attempt(() => mappingOf('canonical-to-oms-xml.json').render(edited(all[which % all.length], edits)));
      if (rendered.ok) expect(rendered.value.body).toMatch(/^<\?xml|^</);
    }), runs(200));
  });
});

// ---------------------------------------------------------------------------------------
// Mappings generated from every source, condition and pipe

const INPUT_KEYS = ['a', 'b', 'list', 'n', 'currency', 'constructor', '0'] as const;
const sourcePointer = fc.constantFrom('', '/a', '/b', '/a/b', '/list', '/list/0', '/list/0/a', '/n', '$/a', '$/list', '^/a', '^^/b', '/constructor', '/a~1b');

const condition: fc.Arbitrary<ConditionSpec> = fc.letrec<{ condition: ConditionSpec }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small' },
    fc.record({ path: sourcePointer, exists: fc.boolean() }),
    fc.record({ path: sourcePointer, equals: fc.jsonValue({ maxDepth: 1 }) }),
    fc.record({ path: sourcePointer, in: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }) }),
    fc.record({ path: sourcePointer, notEmpty: fc.boolean() }),
    fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ not: tie('condition') }),
  ),
})).condition;

/** What every field may add to its source: a pipe, a default, optional, a condition. */
const fieldExtras = fc.record({
  pipe: fc.array(pipeStep, { maxLength: 3 }),
  default: fc.jsonValue({ maxDepth: 1 }),
  optional: fc.boolean(),
  when: condition,
}, { requiredKeys: [] });

const TARGETS = ['/t0', '/t1', '/g/t2', '/g/t3', '/arr/0', '/arr/1', '/x~1y'] as const;

const fields: fc.Arbitrary<FieldsSpec> = fc.letrec<{ fields: FieldsSpec; field: FieldSpec }>((tie) => ({
  field: fc.tuple(
    fc.oneof(
      { depthSize: 'small' },
      sourcePointer.map((path) => ({ path })),
      fc.array(sourcePointer, { minLength: 1, maxLength: 3 }).map((first) => ({ first })),
      fc.record({ concat: fc.array(sourcePointer, { minLength: 1, maxLength: 3 }), separator: fc.constantFrom(' ', ', ', '') }, { requiredKeys: ['concat'] }),
      fc.jsonValue({ maxDepth: 1 }).map((value) => ({ const: value })),
      fc.record({ each: sourcePointer, fields: tie('fields'), filter: condition }, { requiredKeys: ['each', 'fields'] }),
      fc.record({ with: sourcePointer, fields: tie('fields') }),
      fc.constant({}),
    ),
    fieldExtras,
  ).map(([source, extras]) => ({ ...source, ...extras }) as FieldSpec),
  fields: fc.uniqueArray(fc.constantFrom(...TARGETS), { minLength: 1, maxLength: 4 })
    .chain((targets) => fc.tuple(...targets.map(() => tie('field'))).map((specs) => Object.fromEntries(targets.map((target, i) => [target, specs[i]])) as FieldsSpec)),
})).fields;

const generatedInput = fc.oneof(
  fc.record(Object.fromEntries(INPUT_KEYS.map((key) => [key, awkwardValue])), { requiredKeys: [] }),
  fc.record({
    a: fc.oneof(awkwardValue, fc.record({ b: awkwardValue })),
    list: fc.array(fc.oneof(awkwardValue, fc.record({ a: awkwardValue, b: awkwardValue }, { requiredKeys: [] })), { maxLength: 4 }),
    currency: fc.constantFrom('USD', 'JPY', 'usd', 'X'),
  }, { requiredKeys: [] }),
  fc.anything(),
);

describe('generated mappings', () => {
  it('every generated mapping compiles or is refused with a MappingFileError; applying it gives a result or a MappingError', () => {
    fc.assert(fc.property(fields, fc.constantFrom('object', 'json', 'xml'), generatedInput, (generated, format, input) => {
      const document = {
        id: 'generated', version: '1', from: 'a', to: 'b', format, maps: CATALOG_MAPS, fields: generated,
        ...(format === 'xml' ? { xml: { root: 'Doc' } } : {}),
      };
      const compiled = attempt(() => compileMapping(document));
      if (!compiled.ok) {
        expect(compiled.error.message).toContain('<inline mapping>');
        return;
      }
      const before = snapshot(input);
      checkRun(compiled.value, input);
      expect(snapshot(input)).toBe(before);
    }), {
      ...runs(400),
      // Found by this property: a BigInt copied to a JSON output; a sticky replace alternating between applies.
      examples: [
        [{ '/g/t3': { first: [''] } }, 'object', { list: [0n] }],
        [{ '/t0': { first: [''] }, '/g/t2': { concat: ['/n'], pipe: [{ replace: { pattern: '.', flags: 'y' } }], default: ' ' } }, 'object', {}],
      ],
    });
  });

  it('prototype keys in the input are read as data and never reach Object.prototype', () => {
    const keys = AWKWARD_STRINGS.filter((key) => Object.getOwnPropertyNames(Object.prototype).includes(key) && key !== '__proto__');
    fc.assert(fc.property(fc.constantFrom(...keys), (key) => {
      const mapping = compileMapping({ id: 'proto', version: '1', from: 'a', to: 'b', fields: { '/out': { path: `/${key}`, optional: true } } });
      expect(mapping.apply({}).out).toBeUndefined();
      const input = JSON.parse(JSON.stringify({ [key]: 'own' })) as unknown;
      expect(mapping.apply(input).out).toBe('own');
    }), runs(50));
  });
});
