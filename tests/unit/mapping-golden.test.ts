/**
 * Golden tests of every mapping file in mappings/, canonical validity of their samples,
 * the golden report with its line diff, and the line diff itself.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffLines, formatDiff, formatGoldenReport, loadMapping, runGoldenTests } from '../../src/mapping/index.js';
import { newConfirmation, validateCanonicalOrder, type Totals } from '../../src/model/index.js';
import { makeShopifyOrder } from '../../sims/storefront/shopify-order.js';
import { makeWooOrder } from '../../sims/storefront/woo-order.js';

const MAPPINGS = resolve(import.meta.dirname, '../../mappings');
const mappingFiles = (await readdir(MAPPINGS)).filter((name) => /\.(json|ya?ml)$/.test(name)).map((name) => join(MAPPINGS, name));

const HUB_FIELDS = {
  schemaVersion: 1,
  hubOrderId: '01KAAAAAAAAAAAAAAAAAAAAAAA',
  confirmation: newConfirmation(),
  channel: 'web',
  source: 'test',
  provenance: { rawRef: 'r', mappingId: 'm', mappingVersion: '1' },
};

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

describe('golden tests of mappings/', () => {
  it('finds the three reference mappings', () => {
    expect(mappingFiles.map((file) => file.slice(MAPPINGS.length + 1)).sort()).toEqual(expect.arrayContaining([
      'canonical-to-oms-xml.json', 'shopify-to-canonical.json', 'woocommerce-to-canonical.json',
    ]));
  });

  it.each(mappingFiles)('%s passes its golden tests (at least two)', async (file) => {
    const results = await runGoldenTests(file);
    expect(results.length).toBeGreaterThanOrEqual(2);
    const report = formatGoldenReport(results);
    expect(results.filter((result) => !result.passed), report).toEqual([]);
    expect(report).toMatch(new RegExp(`${results.length} of ${results.length} pass$`));
  });
});

describe('canonical validity of the samples', () => {
  it('every inbound expected output is a valid canonical order once the hub fields are added', async () => {
    let checked = 0;
    for (const file of mappingFiles) {
      const mapping = await loadMapping(file);
      if (mapping.to !== 'canonical/order@1') continue;
      for (const test of mapping.tests) {
        const mapped = await readJson(join(MAPPINGS, test.expect));
        const validation = validateCanonicalOrder({ ...(mapped as object), ...HUB_FIELDS });
        expect(validation.ok ? [] : validation.errors, test.expect).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('every outbound input is a valid canonical order', async () => {
    const mapping = await loadMapping(join(MAPPINGS, 'canonical-to-oms-xml.json'));
    for (const test of mapping.tests) {
      const validation = validateCanonicalOrder(await readJson(join(MAPPINGS, test.input)));
      expect(validation.ok ? [] : validation.errors, test.input).toEqual([]);
    }
  });

  it('no sample carries anything that looks like a card number', async () => {
    const samples = await readdir(join(MAPPINGS, 'samples'));
    for (const name of samples) {
      const text = await readFile(join(MAPPINGS, 'samples', name), 'utf8');
      expect(text, name).not.toMatch(/\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,7}\b/);
      expect(text, name).not.toMatch(/card_number|credit_card|"pan"|cardNumber/i);
    }
  });
});

describe('simulator orders', () => {
  it.each([
    ['shopify-to-canonical.json', makeShopifyOrder],
    ['woocommerce-to-canonical.json', makeWooOrder],
  ] as const)('%s maps 100 storefront orders to valid canonical orders that the OMS mapping renders', async (file, makeOrder) => {
    const inbound = await loadMapping(join(MAPPINGS, file));
    const outbound = await loadMapping(join(MAPPINGS, 'canonical-to-oms-xml.json'));
    for (let n = 1; n <= 100; n++) {
      const mapped = inbound.apply(JSON.parse(JSON.stringify(makeOrder(n))));
      const validation = validateCanonicalOrder({ ...mapped, ...HUB_FIELDS });
      expect(validation.ok ? [] : validation.errors, `order ${n}`).toEqual([]);
      const { subtotal, shipping, tax, discount, grandTotal } = mapped.totals as Totals;
      expect(subtotal + shipping + tax - discount, `order ${n} totals`).toBe(grandTotal);
      if (validation.ok) expect(outbound.render(validation.order).body).toContain(`<ExternalId>${validation.order.externalId}</ExternalId>`);
    }
  });
});

describe('golden report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mapping-golden-'));
    await writeFile(join(dir, 'in.json'), JSON.stringify({ id: 7, sku: 'A-1', qty: '2', email: 'A@B.C' }));
    await writeFile(join(dir, 'in-bad.json'), JSON.stringify({ id: 8, sku: 'B', qty: 'two' }));
    await writeFile(join(dir, 'wrong.json'), JSON.stringify({ externalId: '7', sku: 'A-2', quantity: 2, email: 'a@b.c' }, null, 2));
    await writeFile(join(dir, 'right.json'), JSON.stringify({ email: 'a@b.c', externalId: '7', quantity: 2, sku: 'A-1' }));
    await writeFile(join(dir, 'map.json'), JSON.stringify({
      id: 'tiny', version: '1', from: 'a', to: 'b',
      fields: {
        '/externalId': { path: '/id', pipe: ['string'] },
        '/sku': { path: '/sku' },
        '/quantity': { path: '/qty', pipe: ['int'] },
        '/email': { path: '/email', pipe: ['lower'], optional: true },
      },
      tests: [
        { name: 'right', input: 'in.json', expect: 'right.json' },
        { name: 'wrong', input: 'in.json', expect: 'wrong.json' },
        { name: 'refused', input: 'in-bad.json', expect: 'right.json' },
        { name: 'missing sample', input: 'nope.json', expect: 'right.json' },
      ],
    }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes on deep equality regardless of key order and reports each failure', async () => {
    const results = await runGoldenTests(join(dir, 'map.json'));
    expect(results.map((result) => [result.name, result.passed])).toEqual([
      ['right', true], ['wrong', false], ['refused', false], ['missing sample', false],
    ]);
    expect(results[2]!.error).toBe('tiny: /quantity from /qty: "two" is not an integer');
    expect(results[3]!.error).toMatch(/nope\.json: cannot read/);
  });

  it('shows a line diff with - for expected and + for actual, limited to the difference', async () => {
    const report = formatGoldenReport(await runGoldenTests(join(dir, 'map.json')));
    const lines = report.split('\n');
    expect(lines[0]).toBe('PASS tiny  right → right.json');
    expect(lines[1]).toBe('FAIL tiny  wrong → wrong.json');
    expect(lines).toContain('    -   "sku": "A-2"');
    expect(lines).toContain('    +   "sku": "A-1"');
    expect(report).toContain('    @@ line 2 @@');
    expect(report).toContain('FAIL tiny  refused → right.json\n    tiny: /quantity from /qty: "two" is not an integer');
    expect(lines[lines.length - 1]).toBe('golden samples of tiny: 1 of 4 pass');
  });

  it('compares XML output as text and diffs it line by line', async () => {
    await writeFile(join(dir, 'order.json'), JSON.stringify({ id: 'A&1', lines: [{ sku: 'X' }, { sku: 'Y' }] }));
    await writeFile(join(dir, 'order.xml'), '<Order>\r\n  <Id>A&amp;1</Id>\r\n  <Line n="1">X</Line>\r\n  <Line n="2">Z</Line>\r\n</Order>\r\n');
    await writeFile(join(dir, 'xml.json'), JSON.stringify({
      id: 'xml-out', version: '1', from: 'a', to: 'b', format: 'xml', xml: { root: 'Order' },
      fields: { '/Id': { path: '/id' }, '/Line': { each: '/lines', fields: { '/@n': { pipe: ['lineNumber'] }, '/#text': { path: '/sku' } } } },
      tests: [{ input: 'order.json', expect: 'order.xml' }],
    }));
    const [result] = await runGoldenTests(join(dir, 'xml.json'));
    expect(result!.passed).toBe(false);
    const report = formatGoldenReport([result!]);
    expect(report).toContain('    -   <Line n="2">Z</Line>');
    expect(report).toContain('    +   <Line n="2">Y</Line>');
    expect(report).toContain('        <Id>A&amp;1</Id>');
    expect(report).not.toMatch(/^ {4}[-+].*<Id>/m);
  });
});

describe('line diff', () => {
  it('finds the longest common subsequence', () => {
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e'])).toEqual([
      { op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: ' ', text: 'c' }, { op: ' ', text: 'd' }, { op: '+', text: 'e' },
    ]);
  });

  it('prints only the changed regions with context, and nothing for equal texts', () => {
    const expected = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const actual = [...expected];
    actual[2] = 'changed 3';
    actual[16] = 'changed 17';
    expect(formatDiff(expected.join('\n'), actual.join('\n'), 1).split('\n')).toEqual([
      '@@ line 2 @@', '  line 2', '- line 3', '+ changed 3', '  line 4',
      '@@ line 16 @@', '  line 16', '- line 17', '+ changed 17', '  line 18',
    ]);
    expect(formatDiff('same\ntext', 'same\r\ntext')).toBe('');
  });
});
