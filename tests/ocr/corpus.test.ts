/**
 * The synthetic fax corpus: its files decode as what they claim to be (pages, fax
 * resolutions, A4 PDFs), its ground truth is consistent with the catalog and customer
 * directory, and it is the same for the same seed.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { confusableKey, generateCorpus, loadCatalog, loadCustomers, planCorpus, type CorpusCase } from './corpus.js';

/** The tags of every IFD of a TIFF (enough of them to check a fax file). */
function tiffIfds(bytes: Buffer): Array<Map<number, number>> {
  const le = bytes.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  expect(u16(2)).toBe(42);
  const ifds: Array<Map<number, number>> = [];
  for (let at = u32(4); at !== 0 && ifds.length < 10; ) {
    const tags = new Map<number, number>();
    const count = u16(at);
    for (let i = 0; i < count; i++) {
      const e = at + 2 + i * 12;
      const tag = u16(e);
      const type = u16(e + 2);
      if (type === 3) tags.set(tag, u16(e + 8));
      else if (type === 4) tags.set(tag, u32(e + 8));
      else if (type === 5) {
        const off = u32(e + 8);
        tags.set(tag, u32(off) / u32(off + 4));
      }
    }
    ifds.push(tags);
    at = u32(at + 2 + count * 12);
  }
  return ifds;
}

const TIFF = { width: 256, height: 257, bitsPerSample: 258, compression: 259, xResolution: 282, yResolution: 283, resolutionUnit: 296 };

const started = performance.now();
const cases: CorpusCase[] = await generateCorpus({ count: 6 });
const generationMs = performance.now() - started;

describe('corpus files', () => {
  it('generates 6 varied cases quickly', () => {
    expect(cases).toHaveLength(6);
    expect(new Set(cases.map((c) => c.id)).size).toBe(6);
    expect(new Set(cases.map((c) => c.contentType))).toEqual(new Set(['image/tiff', 'application/pdf', 'image/png']));
    expect(new Set(cases.map((c) => c.traits.resolution))).toEqual(new Set(['fine', 'standard', 'png-200']));
    expect(cases.some((c) => c.traits.pages === 2)).toBe(true);
    expect(generationMs).toBeLessThan(15_000);
  });

  it('TIFFs are Group 4, 1 bit, one IFD per page, at fax resolution', async () => {
    const tiffs = cases.filter((c) => c.contentType === 'image/tiff');
    expect(tiffs.map((c) => c.traits.resolution)).toEqual(expect.arrayContaining(['fine', 'standard']));
    for (const c of tiffs) {
      expect(c.file).toMatch(/\.tif$/);
      const meta = await sharp(c.bytes).metadata();
      expect(meta.format).toBe('tiff');
      expect(meta.pages ?? 1).toBe(c.traits.pages);
      const rows = c.traits.resolution === 'fine' ? 2292 : 1146;
      expect([meta.width, meta.height]).toEqual([1687, rows]);
      const ifds = tiffIfds(c.bytes);
      expect(ifds).toHaveLength(c.traits.pages);
      for (const ifd of ifds) {
        expect(ifd.get(TIFF.width)).toBe(1687);
        expect(ifd.get(TIFF.height)).toBe(rows);
        expect(ifd.get(TIFF.bitsPerSample) ?? 1).toBe(1);
        expect(ifd.get(TIFF.compression)).toBe(4);
        expect(ifd.get(TIFF.resolutionUnit)).toBe(2);
        expect(ifd.get(TIFF.xResolution)).toBeCloseTo(204, 0);
        expect(ifd.get(TIFF.yResolution)).toBeCloseTo(c.traits.resolution === 'fine' ? 196 : 98, 0);
      }
      const page = await sharp(c.bytes, { page: c.traits.pages - 1 }).toColourspace('b-w').raw().toBuffer();
      const black = page.reduce((n, v) => n + (v < 128 ? 1 : 0), 0) / page.length;
      expect(black).toBeGreaterThan(0.005);
      expect(black).toBeLessThan(0.3);
    }
  });

  it('PDFs have one A4 page per fax page, each a page-sized image', async () => {
    const pdfs = cases.filter((c) => c.contentType === 'application/pdf');
    expect(pdfs.length).toBeGreaterThan(0);
    for (const c of pdfs) {
      expect(c.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const doc = await PDFDocument.load(c.bytes);
      expect(doc.getPageCount()).toBe(c.traits.pages);
      for (const p of doc.getPages()) {
        expect(p.getWidth()).toBeCloseTo(595.28, 1);
        expect(p.getHeight()).toBeCloseTo(841.89, 1);
      }
      const images = doc.context
        .enumerateIndirectObjects()
        .map(([, o]) => o)
        .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') && o.dict.has(PDFName.of('ColorSpace')));
      expect(images).toHaveLength(c.traits.pages);
      for (const img of images) {
        const size = ['Width', 'Height'].map((k) => (img.dict.get(PDFName.of(k)) as PDFNumber).asNumber());
        expect(size).toEqual([1687, c.traits.resolution === 'fine' ? 2292 : 1146]);
      }
    }
  });

  it('PNGs are 200-dpi greyscale A4 scans', async () => {
    for (const c of cases.filter((x) => x.contentType === 'image/png')) {
      const meta = await sharp(c.bytes).metadata();
      expect([meta.width, meta.height, meta.channels, meta.density]).toEqual([1654, 2339, 1, 200]);
      expect(c.traits.pages).toBe(1);
    }
  });
});

describe('corpus truth', () => {
  it('is consistent with the catalog, the directory and the flaw it names', async () => {
    const catalog = new Map((await loadCatalog()).map((i) => [i.sku, i]));
    const customers = await loadCustomers();
    const plans = await planCorpus({ count: 60 });
    for (const c of plans) {
      const v = c.truth.values;
      const rows = [...new Set(Object.keys(v).filter((k) => k.startsWith('lines.')).map((k) => Number(k.split('.')[1])))];
      expect(rows.length, c.id).toBeGreaterThanOrEqual(1);
      expect(rows.length, c.id).toBeLessThanOrEqual(6);
      let sum = 0;
      for (const row of rows) {
        const sku = v[`lines.${row}.sku`]!;
        const quantity = v[`lines.${row}.quantity`]!;
        const price = v[`lines.${row}.unitPrice`]!;
        expect(sku, c.id).toMatch(/^[A-Z0-9]{8}$/);
        expect(quantity, c.id).toMatch(/^\d{1,3}$/);
        expect(price, c.id).toMatch(/^\d{1,6}$/);
        const item = catalog.get(sku);
        if (item) expect(Number(price), c.id).toBe(item.cents);
        else expect(c.truth.why, c.id).toMatch(/not in the catalog/);
        if (Number(quantity) === 0) expect(c.truth.why, c.id).toMatch(/quantity 0/);
        else expect(Number(quantity)).toBeLessThanOrEqual(99);
        sum += Number(quantity) * Number(price);
      }
      if (v.total === undefined) expect(c.truth.why, c.id).toBe('no total is written');
      else if (Number(v.total) !== sum) expect(c.truth.why, c.id).toMatch(/does not match the lines/);
      expect(v.total ?? '', c.id).toMatch(/^\d{0,7}$/);

      const byAccount = v.account ? customers.find((x) => x.account === v.account) : undefined;
      const byPhone = v.phone ? customers.find((x) => x.phone === v.phone) : undefined;
      expect(v.account || v.phone, c.id).toBeTruthy();
      if (v.account) expect(byAccount, c.id).toBeDefined();
      if (v.phone && !byPhone) expect(c.truth.why, c.id).toMatch(/matches no customer/);
      if (byAccount && byPhone) expect(byAccount).toBe(byPhone);
      expect(c.truth.customer).toBe((byAccount ?? byPhone)?.account);

      expect(c.truth.expect === 'review', c.id).toBe(c.truth.why !== undefined);
      if (c.traits.style !== 'hand' && c.traits.noise <= 0.002 && Math.abs(c.traits.rotationDeg) <= 2 && !c.truth.why) expect(c.truth.expect).toBe('accept');
      expect(Math.abs(c.traits.rotationDeg)).toBeLessThanOrEqual(3);
      expect(c.traits.noise).toBeLessThanOrEqual(c.truth.why?.startsWith('transmission noise') ? 0.04 : 0.005);
    }
  });

  it('mixes styles, resolutions, pages and flaws in the planned proportions', async () => {
    const plans = await planCorpus({ count: 60 });
    const share = (f: (c: (typeof plans)[number]) => boolean) => plans.filter(f).length / plans.length;
    expect(share((c) => c.truth.expect === 'review')).toBeCloseTo(0.15, 2);
    expect(share((c) => c.traits.style === 'hand')).toBeCloseTo(0.2, 2);
    expect(share((c) => c.traits.pages === 2)).toBeCloseTo(0.2, 2);
    for (const r of ['fine', 'standard', 'png-200'] as const) expect(share((c) => c.traits.resolution === r)).toBeGreaterThan(0.15);
    const whys = plans.map((c) => c.truth.why ?? '');
    for (const kind of [/does not match the lines/, /not in the catalog/, /quantity 0/, /matches no customer/, /scribbled over/, /transmission noise/, /no total/]) {
      expect(whys.some((w) => kind.test(w)), String(kind)).toBe(true);
    }
    expect(share((c) => c.traits.style !== 'hand' && c.traits.noise <= 0.002 && Math.abs(c.traits.rotationDeg) <= 2 && c.truth.expect === 'accept')).toBeGreaterThan(0.3);
  });

  it('the catalog has no SKUs an OCR confusion could swap', async () => {
    const catalog = await loadCatalog();
    expect(catalog.length).toBeGreaterThanOrEqual(40);
    expect(new Set(catalog.map((i) => confusableKey(i.sku))).size).toBe(catalog.length);
    for (const i of catalog) expect(i.sku).toMatch(/^[A-Z0-9]{8}$/);
    const customers = await loadCustomers();
    expect(customers.length).toBeGreaterThanOrEqual(30);
    expect(customers.some((c) => !c.email)).toBe(true);
    for (const c of customers) {
      expect(c.account).toMatch(/^\d{8}$/);
      expect(c.phone).toMatch(/^\d{8,14}$/);
    }
  });
});

describe('corpus determinism', () => {
  it('is the same for a seed, whatever is picked with `only`, and differs for another seed', async () => {
    const again = await generateCorpus({ count: 6, only: (t) => t.resolution === 'standard' });
    const before = cases.filter((c) => c.traits.resolution === 'standard');
    expect(again.map((c) => c.id)).toEqual(before.map((c) => c.id));
    for (const [i, c] of again.entries()) expect(c.bytes.equals(before[i]!.bytes), c.id).toBe(true);
    const other = await planCorpus({ count: 6, seed: 2 });
    const mine = await planCorpus({ count: 6 });
    expect(other.map((c) => c.truth.values)).not.toEqual(mine.map((c) => c.truth.values));
  });
});
