import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { loadFormLayout, pageFields, type BoxedField, type FormLayout } from '../../src/forms/form-layout.js';
import { encodeMark } from '../../src/forms/form-mark.js';
import { boxText, formSvg, HAND_CHARACTERS, renderFormPdf, renderFormPng } from '../../src/forms/render-form.js';

const layout: FormLayout = await loadFormLayout('mappings/forms/order-form-v1.json');
const field = (name: string): BoxedField => {
  const f = pageFields(layout).find((x) => x.name === name);
  if (!f || f.kind !== 'boxes') throw new Error(name);
  return f;
};

async function grey(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean grey of a rectangle given in mm. */
function meanMm(img: { data: Buffer; width: number }, dpi: number, x: number, y: number, w: number, h: number): number {
  const k = dpi / 25.4;
  let sum = 0;
  let count = 0;
  for (let py = Math.round(y * k); py < Math.round((y + h) * k); py++) {
    for (let px = Math.round(x * k); px < Math.round((x + w) * k); px++) {
      sum += img.data[py * img.width + px]!;
      count++;
    }
  }
  return sum / count;
}

describe('boxText', () => {
  it('writes one character per box, left-aligned', () => {
    expect(boxText(field('account'), '1234')).toEqual(['1', '2', '3', '4', '', '', '', '']);
    expect(boxText(field('lines.1.sku'), 'pen2041k')).toEqual([...'PEN2041K']);
  });
  it('right-aligns short amounts and leaves spaces empty', () => {
    expect(boxText(field('lines.1.unitPrice'), '2490')).toEqual(['', '', '2', '4', '9', '0']);
    expect(boxText(field('lines.1.unitPrice'), '002490')).toEqual([...'002490']);
    expect(boxText(field('lines.1.quantity'), ' 12')).toEqual(['', '1', '2']);
    expect(boxText(field('total'), '31245')).toEqual(['', '', '3', '1', '2', '4', '5']);
  });
  it('drops what does not fit', () => {
    expect(boxText(field('lines.1.quantity'), '12345')).toEqual(['1', '2', '3']);
  });
});

describe('formSvg', () => {
  it('draws the four registration squares at the layout positions', () => {
    const svg = formSvg(layout);
    const s = layout.registration.sizeMm;
    const squares = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#000"\/>/g)].map((m) =>
      m.slice(1, 5).map(Number),
    );
    expect(squares).toEqual(layout.registration.marks.map(([x, y]) => [x, y, s, s]));
  });
  it('is a printable A4 page with the title, labels, instructions and the printed mark code', () => {
    const svg = formSvg(layout, { page: 1, pageCount: 1 });
    expect(svg).toContain('width="210mm" height="297mm" viewBox="0 0 210 297"');
    for (const t of ['Order form', 'Account number', 'Phone (with country code, digits only)', 'Postcode', 'Name', 'Item number', 'Quantity', 'Unit price', 'Order total', 'FORM 1 · V1 · PAGE 1/1', 'Write one digit or capital letter per box', 'Fax this page to']) {
      expect(svg).toContain(t);
    }
  });
  it('writes filled values in each style, hand-writing reproducible per seed', () => {
    const values = { account: '10423377', 'lines.1.sku': 'PEN2041K', 'lines.1.quantity': '12', 'lines.1.unitPrice': '2490', name: 'Jane & Co <Ltd>' };
    const sans = formSvg(layout, { fill: { values, style: 'printed-sans' } });
    expect(sans).toContain('font-family="DejaVu Sans"');
    expect(sans).toContain('Jane &amp; Co &lt;Ltd&gt;');
    expect(formSvg(layout, { fill: { values, style: 'printed-mono' } })).toContain('font-family="DejaVu Sans Mono"');
    expect(formSvg(layout, { fill: { values, style: 'printed-serif' } })).toContain('font-family="DejaVu Serif"');
    const hand = (seed: number) => formSvg(layout, { fill: { values, style: 'hand', seed } });
    expect(hand(3)).toBe(hand(3));
    expect(hand(3)).not.toBe(hand(4));
    expect(HAND_CHARACTERS).toContain('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });
});

describe('renderFormPng', () => {
  it('has the pixel size of A4 at the dpi, greyscale, and the squares and mark cells where the layout says', async () => {
    for (const dpi of [100, 200]) {
      const png = await renderFormPng(layout, dpi === 200 ? {} : { dpi });
      const meta = await sharp(png).metadata();
      expect([meta.width, meta.height]).toEqual([Math.round((210 / 25.4) * dpi), Math.round((297 / 25.4) * dpi)]);
      expect(meta.channels).toBe(1);
      expect(meta.density).toBe(dpi);
    }
    const dpi = 200;
    const img = await grey(await renderFormPng(layout, { dpi, page: 1, pageCount: 1 }));
    const s = layout.registration.sizeMm;
    for (const [x, y] of layout.registration.marks) {
      expect(meanMm(img, dpi, x + 1, y + 1, s - 2, s - 2)).toBeLessThan(10);
      expect(meanMm(img, dpi, x - 1.8, y + 1, 1.2, s - 2)).toBeGreaterThan(245);
    }
    const m = layout.mark;
    const cells = encodeMark({ formNumber: 1, version: 1, page: 1, pageCount: 1 }).map((_, i) =>
      meanMm(img, dpi, m.xMm + i * m.cellWidthMm + 1, m.yMm + 1, m.cellWidthMm - 2, m.cellHeightMm - 2) < 128 ? 1 : 0,
    );
    expect(cells).toEqual(encodeMark({ formNumber: 1, version: 1, page: 1, pageCount: 1 }));
  });

  it('draws filled characters inside their boxes', async () => {
    const dpi = 100;
    const values = { 'lines.2.quantity': '7' };
    for (const style of ['printed-sans', 'hand'] as const) {
      const img = await grey(await renderFormPng(layout, { dpi, fill: { values, style, seed: 5 } }));
      const q = field('lines.2.quantity');
      expect(meanMm(img, dpi, q.xMm + 1, q.yMm + 1, q.boxWidthMm - 2, q.boxHeightMm - 2)).toBeLessThan(235);
      expect(meanMm(img, dpi, q.xMm + q.boxWidthMm + 1, q.yMm + 1, q.boxWidthMm - 2, q.boxHeightMm - 2)).toBeGreaterThan(252);
    }
  });
});

describe('renderFormPdf', () => {
  it('is one A4 page', async () => {
    const pdf = await renderFormPdf(layout);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(595.28, 1);
    expect(height).toBeCloseTo(841.89, 1);
  });
});
