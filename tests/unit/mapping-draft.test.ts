/**
 * `hub mapping new`: drafting an inbound mapping from a Shopify-like JSON order and an
 * XML order. The draft is a mapping file that validates and compiles (`loadMapping`),
 * maps its own sample, lists what it cannot guess as TODO, and with `--expect` gets a
 * golden test that passes; nothing existing is overwritten.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newMapping } from '../../src/cli/mapping-new.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { loadMapping, runGoldenTests } from '../../src/mapping/index.js';
import { DataFileError } from '../../src/mapping/read-data-file.js';

const SAMPLES = resolve(import.meta.dirname, '../../mappings/samples');

const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

function workspace(...samples: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-mapping-new-'));
  workspaces.push(dir);
  for (const sample of samples) copyFileSync(join(SAMPLES, sample), join(dir, sample));
  return dir;
}

function sourceOf(guesses: ReadonlyArray<{ target: string; source: string }>, target: string): string | undefined {
  return guesses.find((g) => g.target === target)?.source;
}

describe('hub mapping new from a Shopify-like JSON order', async () => {
  const dir = workspace('shopify-order-1.json');
  const made = await newMapping({ from: 'shopify-order-1.json', out: 'shop.json' }, dir);
  const written = JSON.parse(readFileSync(made.file, 'utf8')) as Record<string, unknown>;

  it('guesses the canonical fields by their names', () => {
    const { guesses } = made.draft;
    expect(sourceOf(guesses, '/externalId')).toBe('/order_number');
    expect(sourceOf(guesses, '/placedAt')).toBe('/created_at');
    expect(sourceOf(guesses, '/currency')).toBe('/currency');
    expect(sourceOf(guesses, '/customer/email')).toBe('/email');
    expect(sourceOf(guesses, '/lines')).toBe('/line_items');
    expect(sourceOf(guesses, '/lines/*/sku')).toBe('/sku');
    expect(sourceOf(guesses, '/lines/*/quantity')).toBe('/quantity');
    expect(sourceOf(guesses, '/lines/*/unitPrice')).toBe('/price');
    expect(sourceOf(guesses, '/shipTo')).toBe('/shipping_address');
    expect(sourceOf(guesses, '/totals/shipping')).toBe('/total_shipping_price_set/shop_money/amount');
  });

  it('writes pipes that read the values: datetime, money by the order currency, integers', () => {
    const fields = written.fields as Record<string, { pipe?: unknown[]; fields?: Record<string, { pipe?: unknown[] }> }>;
    expect(fields['/placedAt']?.pipe).toEqual(['datetime']);
    expect(fields['/lines']?.fields?.['/unitPrice']?.pipe).toEqual([{ minor: { currencyPath: '$/currency' } }]);
    expect(fields['/lines']?.fields?.['/quantity']?.pipe).toEqual(['int']);
    expect(fields['/totals/grandTotal']?.pipe).toEqual([{ minor: { currencyPath: '/currency' } }]);
  });

  it('maps its own sample', () => {
    expect(made.draft.output).toMatchObject({
      externalId: '1234', placedAt: '2026-11-23T10:00:00.000Z', currency: 'USD',
      customer: { name: 'Jon Snow', email: 'jon.snow@example.com' },
      lines: [{ lineId: '1', sku: 'TSHIRT-BLK-M', quantity: 2, unitPrice: 2500 }, { lineId: '2', sku: 'MUG-001', quantity: 1, unitPrice: 1500 }],
      totals: { grandTotal: 7230 },
    });
  });

  it('notes its doubts in the description and the report: ids JSON cannot carry, totals that do not add up', () => {
    expect(written.description).toContain('/line_items/*/id looks like /lines/*/lineId but holds an integer beyond 2^53');
    expect(written.description).toContain('/totals: on the sample subtotal + shipping + tax - discount is 6730, but grandTotal is 7230');
    expect(made.report).toContain('/lines/*/lineId: the line\'s position (lineNumber)');
    expect(made.report).toContain('hub mapping test shop.json');
    expect(made.report).toContain('run again with --expect');
  });

  it('is written one field per line, as the hand-written mappings are, and reads back as the draft', () => {
    expect(readFileSync(made.file, 'utf8')).toContain('\n    "/placedAt": { "path": "/created_at", "pipe": ["datetime"] },\n');
    expect(written).toEqual(made.draft.document);
  });

  it('is a mapping file that validates and compiles, without a golden test unless asked', async () => {
    const compiled = await loadMapping(made.file);
    expect(compiled.id).toBe('shopify-order-1-to-canonical');
    expect(compiled.to).toBe('canonical/order@1');
    expect(compiled.tests).toEqual([]);
    expect(existsSync(join(dir, 'shopify-order-1.canonical.json'))).toBe(false);
  });

  it('refuses to overwrite the mapping, and a format it does not read', async () => {
    await expect(newMapping({ from: 'shopify-order-1.json', out: 'shop.json' }, dir)).rejects.toThrow(/shop\.json exists already: choose another --out or --id/);
    await expect(newMapping({ from: 'shopify-order-1.json', format: 'csv' }, dir)).rejects.toThrow(UsageError);
    await expect(newMapping({ from: 'shopify-order-1.json', id: '-bad id' }, dir)).rejects.toThrow(/is not a mapping id/);
  });
});

describe('hub mapping new from an XML order, with --expect', async () => {
  const dir = workspace('xml-order-1.xml');
  const made = await newMapping({ from: 'xml-order-1.xml', id: 'b2b-order', out: 'maps/b2b.json', expect: true }, dir);

  it('reads the XML with the safe parser, inside the root element, order lines as a list', () => {
    const { guesses } = made.draft;
    expect(sourceOf(guesses, '/externalId')).toBe('/OrderId');
    expect(sourceOf(guesses, '/lines')).toBe('/Lines/Line');
    expect(sourceOf(guesses, '/lines/*/lineId')).toBe('/@number');
    expect(sourceOf(guesses, '/lines/*/unitPrice')).toBe('/UnitPrice');
    expect(sourceOf(guesses, '/totals/grandTotal')).toBe('/Totals/GrandTotal');
    expect(made.draft.document.description).toContain('Paths start inside the root element <Order>');
    expect(made.draft.checks.join('\n')).toContain("parseXmlSafely(body, { arrays: ['Line'] })");
    expect(made.draft.todos).toEqual([]);
  });

  it('maps the sample as the hand-written mapping does, for what it guessed', () => {
    const reference = JSON.parse(readFileSync(join(SAMPLES, 'xml-order-1.canonical.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['externalId', 'placedAt', 'currency', 'totals', 'shipTo', 'billTo']) expect(made.draft.output[key], key).toEqual(reference[key]);
  });

  it('adds the sample as a golden test, with the expected order written beside it, and the test passes', async () => {
    expect(made.draft.document.tests).toBeUndefined();
    const compiled = await loadMapping(made.file);
    expect(compiled.tests).toEqual([{ name: 'drafted from xml-order-1.xml', input: '../xml-order-1.json', expect: '../xml-order-1.canonical.json' }]);
    const results = await runGoldenTests(made.file);
    expect(results.map((r) => r.passed)).toEqual([true]);
    expect(made.report).toContain('PASS b2b-order');
  });

  it('refuses to overwrite the expected order of an earlier run', async () => {
    await expect(newMapping({ from: 'xml-order-1.xml', id: 'b2b-again', out: 'again.json', expect: true }, dir)).rejects.toThrow(/xml-order-1\.json exists already: move it away, or run without --expect/);
    expect(existsSync(join(dir, 'again.json'))).toBe(false);
  });

  it('reads a single order line as a list too', async () => {
    const single = readFileSync(join(dir, 'xml-order-1.xml'), 'utf8').replace(/<Line number="2">[\s\S]*<\/Line>\s*<\/Lines>/, '</Lines>');
    writeFileSync(join(dir, 'one-line.xml'), single);
    const one = await newMapping({ from: 'one-line.xml', out: 'one.json' }, dir);
    expect(one.draft.output.lines).toEqual([expect.objectContaining({ lineId: '1', sku: 'SKU-0004', quantity: 2 })]);
  });
});

describe('hub mapping new on what it cannot guess', () => {
  it('lists required fields it cannot find as TODO, and the draft still compiles', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'odd.json'), JSON.stringify({ ref: 'A-1', date: '2026-01-02', stuff: [{ article: 'X', n: 2 }] }));
    const made = await newMapping({ from: 'odd.json' }, dir);
    expect(made.draft.guesses.map((g) => g.target)).toEqual(['/placedAt']);
    expect(made.draft.todos.map((t) => t.split(':')[0])).toEqual(expect.arrayContaining(['/externalId', '/currency', '/lines', '/totals/grandTotal']));
    expect(made.report).toContain('TODO (the canonical order needs these; map them by hand):');
    await expect(loadMapping(join(dir, 'mappings', 'odd-to-canonical.json'))).resolves.toBeDefined();
  });

  it('takes back a guess its own sample refuses, as a TODO', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ id: 'A-1', created_at: '2026-01-02T10:00:00Z', currency: 'EUR', items: [{ sku: 'X', quantity: 2, price: '1.999' }], total: '4.00' }));
    const made = await newMapping({ from: 'broken.json' }, dir);
    expect(made.draft.todos.join('\n')).toContain('/lines/*/unitPrice: guessed from /price (price), but the sample\'s value is refused');
    expect(made.draft.output.lines).toEqual([{ lineId: '1', sku: 'X', quantity: 2 }]);
  });

  it('refuses a sample with nothing of an order in it', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'nothing.json'), JSON.stringify({ hello: 'world' }));
    await expect(newMapping({ from: 'nothing.json' }, dir)).rejects.toThrow(DataFileError);
    writeFileSync(join(dir, 'bomb.xml'), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>');
    await expect(newMapping({ from: 'bomb.xml' }, dir)).rejects.toThrow(/not an XML sample the hub can read: XML with a DOCTYPE/);
  });
});
