/**
 * Reading the fields of a canonical page (8 px/mm) with the offline OCR engine. Pages
 * are rendered by render-form.ts at 203.2 dpi, which is already canonical: no alignment.
 *
 * THRESHOLD is the confidence we recommend accepting automatically: over the glyphs
 * measured (every A-Z and 0-9 in each printed style, and in several seeded hands) no
 * wrong reading reached it; the coverage test below logs the separation per style.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFormLayout, pageFields, type BoxedField, type FormLayout } from '../../src/forms/form-layout.js';
import { combineChar, createOcrEngine, langDataPaths, type OcrEngine } from '../../src/forms/ocr-engine.js';
import type { PageImage } from '../../src/forms/page-image.js';
import { assemble, readFields, settleOZero, zeroReference } from '../../src/forms/read-fields.js';
import { boxText, renderFormPng, type HandStyle } from '../../src/forms/render-form.js';

const THRESHOLD = 80;
const layout: FormLayout = await loadFormLayout('mappings/forms/order-form-v1.json');
const fieldsByName = new Map(pageFields(layout).map((f) => [f.name, f]));
const ALL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

async function renderPage(values: Record<string, string>, style: HandStyle, seed = 1): Promise<PageImage> {
  const png = await renderFormPng(layout, { dpi: 203.2, fill: { values, style, seed } });
  const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), pxPerMm: 8 };
}

/** What a boxed field should read as: the written boxes, blanks trimmed at the ends. */
function expected(name: string, value: string): string {
  const f = fieldsByName.get(name);
  return f?.kind === 'boxes' ? boxText(f, value).map((c) => c || ' ').join('').trim() : value;
}

/** An engine that counts the boxes sent to it. */
function counting(engine: OcrEngine): OcrEngine & { calls: number } {
  const counted = {
    calls: 0,
    recognize: (png: Buffer, options: Parameters<OcrEngine['recognize']>[1]) => {
      counted.calls++;
      return engine.recognize(png, options);
    },
    close: () => engine.close(),
  };
  return counted;
}

/** Paints an SVG drawing (mm, origin at the top-left of the rectangle) onto the page. */
async function draw(page: PageImage, xMm: number, yMm: number, wMm: number, hMm: number, body: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${wMm * 8}" height="${hMm * 8}" viewBox="0 0 ${wMm} ${hMm}"><rect width="${wMm}" height="${hMm}" fill="#fff"/>${body}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const p = (Math.round(yMm * 8) + y) * page.width + Math.round(xMm * 8) + x;
      page.data[p] = Math.min(page.data[p]!, data[y * info.width + x]!);
    }
  }
}

const typical: Record<string, string> = {
  account: '20417735',
  phone: '441632960123',
  postcode: 'SW1A2AA',
  name: 'Jane Example',
  'lines.1.sku': 'AB12CD34',
  'lines.1.quantity': '3',
  'lines.1.unitPrice': '2490',
  'lines.2.sku': 'HX5521MN',
  'lines.2.quantity': '12',
  'lines.2.unitPrice': '1999',
  'lines.3.sku': 'TR99GE87',
  'lines.3.quantity': '150',
  'lines.3.unitPrice': '120050',
  'lines.4.sku': 'WL3364FS',
  'lines.4.quantity': '7',
  'lines.4.unitPrice': '500',
  total: '2302040',
};

let engine: OcrEngine;
const timings: string[] = [];

beforeAll(async () => {
  engine = await createOcrEngine();
  // Start the workers (once, ~0.5 s) outside the timed page reads.
  await engine.recognize(await sharp({ create: { width: 40, height: 40, channels: 3, background: '#fff' } }).greyscale().png().toBuffer(), { charset: 'digits', mode: 'char' });
});

afterAll(async () => {
  await engine?.close();
  if (timings.length) console.log(`read-fields per page (4 filled lines; one legacy + one LSTM worker thread):\n  ${timings.join('\n  ')}`);
});

describe('readFields on printed pages', () => {
  it.each(['printed-sans', 'printed-mono', 'printed-serif'] as const)('%s: every filled field exactly, above the threshold; blank fields blank', async (style) => {
    const page = await renderPage(typical, style);
    const started = performance.now();
    const readings = await readFields(page, layout, engine);
    timings.push(`${style}: ${Math.round(performance.now() - started)} ms`);
    expect(readings.map((r) => r.name)).toEqual(pageFields(layout).map((f) => f.name));
    for (const r of readings) {
      const value = typical[r.name];
      if (value === undefined) {
        expect(r, r.name).toMatchObject({ blank: true, value: '' });
        continue;
      }
      expect({ name: r.name, value: r.value, blank: r.blank }).toEqual({ name: r.name, value: expected(r.name, value), blank: false });
      expect(r.confidence, `${r.name} ${r.chars.map((c) => `${c.char}:${Math.round(c.confidence)}`).join(' ')}`).toBeGreaterThanOrEqual(THRESHOLD);
    }
  });

  it('survives a page 1 px off in x and y, and fax specks', async () => {
    const page = await renderPage(typical, 'printed-sans');
    const shifted = new Uint8Array(page.data.length).fill(255);
    for (let y = 1; y < page.height; y++) shifted.set(page.data.subarray((y - 1) * page.width, y * page.width - 1), y * page.width + 1);
    // ~2500 specks of 1-2 px all over the page (blank boxes included).
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 2500; i++) {
      const x = Math.floor(rnd() * (page.width - 2));
      const y = Math.floor(rnd() * (page.height - 2));
      const size = 1 + Math.floor(rnd() * 2);
      for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) shifted[(y + a) * page.width + x + b] = 0;
    }
    const readings = await readFields({ ...page, data: shifted }, layout, engine);
    for (const r of readings) {
      const value = typical[r.name];
      if (value === undefined) expect(r, r.name).toMatchObject({ blank: true, value: '' });
      else if (r.name !== 'name') expect(r.value, r.name).toBe(expected(r.name, value));
    }
    const boxed = readings.filter((r) => typical[r.name] !== undefined && r.name !== 'name');
    expect(boxed.filter((r) => r.confidence >= THRESHOLD).length).toBeGreaterThanOrEqual(boxed.length - 1);
  });
});

describe('readFields on a hand-written page', () => {
  it('reads every filled field, and anything accepted is right', async () => {
    const values: Record<string, string> = { ...typical };
    const page = await renderPage(values, 'hand', 4);
    const started = performance.now();
    const readings = await readFields(page, layout, engine);
    timings.push(`hand: ${Math.round(performance.now() - started)} ms`);
    let exact = 0;
    let filled = 0;
    for (const r of readings) {
      const value = values[r.name];
      if (value === undefined) {
        expect(r, r.name).toMatchObject({ blank: true });
        continue;
      }
      if (r.name === 'name') continue;
      filled++;
      if (r.value === expected(r.name, value)) exact++;
      else expect(r.confidence, `${r.name} read "${r.value}"`).toBeLessThan(THRESHOLD);
    }
    expect(exact).toBeGreaterThanOrEqual(filled - 2);
  });
});

describe('confidence separation over every character', () => {
  // Each page carries A-Z 0-9 in the item-number boxes (alnum) and a digit in every digits box
  // that tells O from 0 (the page's zeros), like a real order page does.
  const cases: Array<[HandStyle, number]> = [['printed-sans', 1], ['printed-mono', 1], ['printed-serif', 1], ['hand', 1], ['hand', 2], ['hand', 3], ['hand', 5]];
  const stats = new Map<string, { correct: number[]; wrong: string[]; wrongConf: number[]; total: number }>();

  it.each(cases)('%s (seed %i)', async (style, seed) => {
    const deck = [...ALL].map((c, i) => ({ c, k: (i * 7 + seed * 13) % 36 })).sort((a, b) => a.k - b.k).map((x) => x.c).join('');
    const values: Record<string, string> = { phone: '44' + '0123456789', account: '98765432', total: '1050000' };
    for (let row = 1; row <= 5; row++) values[`lines.${row}.sku`] = (deck + deck).slice((row - 1) * 8, row * 8);
    for (let row = 1; row <= 5; row++) values[`lines.${row}.unitPrice`] = ['2490', '100750', '306', '9800', '45'][row - 1]!;
    for (let row = 1; row <= 5; row++) values[`lines.${row}.quantity`] = String(row * 13);
    const page = await renderPage(values, style, seed);
    const readings = await readFields(page, layout, engine);
    const s = stats.get(style) ?? { correct: [], wrong: [], wrongConf: [], total: 0 };
    stats.set(style, s);
    for (const r of readings) {
      const value = values[r.name];
      const f = fieldsByName.get(r.name);
      if (value === undefined || f?.kind !== 'boxes') continue;
      boxText(f, value).forEach((c, i) => {
        if (!c) return;
        const got = r.chars[i]!;
        s.total++;
        if (got.char === c) s.correct.push(got.confidence);
        else {
          s.wrong.push(`${c}→${got.char}(${Math.round(got.confidence)})`);
          s.wrongConf.push(got.confidence);
        }
      });
    }
  });

  afterAll(() => {
    const lines = [...stats].map(([style, s]) => {
      const sorted = [...s.correct].sort((a, b) => a - b);
      const accepted = sorted.filter((c) => c >= THRESHOLD).length;
      return `${style.padEnd(14)} ${s.correct.length}/${s.total} correct, min correct ${Math.round(sorted[0] ?? 0)}, ` +
        `max wrong ${Math.round(Math.max(0, ...s.wrongConf))}, accepted at ${THRESHOLD}: ${accepted} correct (${((100 * accepted) / s.total).toFixed(1)}%), ` +
        `${s.wrongConf.filter((c) => c >= THRESHOLD).length} wrong ${s.wrong.join(' ')}`;
    });
    console.log(`per-character confidence separation:\n  ${lines.join('\n  ')}`);
  });

  it('no wrong character reaches the threshold; printed styles read ≥ 97 %, hands ≥ 93 %', () => {
    expect(stats.size).toBe(4);
    for (const [style, s] of stats) {
      expect(s.wrongConf.filter((c) => c >= THRESHOLD), `${style}: ${s.wrong.join(' ')}`).toEqual([]);
      expect(s.correct.length / s.total, style).toBeGreaterThanOrEqual(style === 'hand' ? 0.93 : 0.97);
    }
  });
});

describe('blank boxes, empty rows and scribbles', () => {
  it('a blank page is all blank and sends nothing to OCR', async () => {
    const page = await renderPage({}, 'printed-sans');
    const spy = counting(engine);
    const readings = await readFields(page, layout, spy);
    expect(spy.calls).toBe(0);
    expect(readings.every((r) => r.blank && r.value === '' && r.chars.every((c) => c.blank))).toBe(true);
  });

  it('skips empty line rows without OCR: only the written boxes are read', async () => {
    const values = { 'lines.2.sku': 'AB12', 'lines.2.quantity': '5', 'lines.2.unitPrice': '990' };
    const page = await renderPage(values, 'printed-sans');
    const spy = counting(engine);
    const readings = await readFields(page, layout, spy);
    expect(spy.calls).toBe(4 + 1 + 3);
    const byName = new Map(readings.map((r) => [r.name, r]));
    expect(byName.get('lines.2.sku')?.value).toBe('AB12');
    expect(byName.get('lines.2.unitPrice')?.value).toBe('990');
    expect(byName.get('lines.2.unitPrice')?.chars.map((c) => c.blank)).toEqual([true, true, true, false, false, false]);
    expect(byName.get('lines.1.sku')).toMatchObject({ blank: true, value: '' });
  });

  it('reads only the fields asked for', async () => {
    const page = await renderPage(typical, 'printed-mono');
    const readings = await readFields(page, layout, engine, { only: (name) => name === 'phone' || name === 'lines.1.quantity' });
    expect(readings.map((r) => [r.name, r.value])).toEqual([['phone', '441632960123'], ['lines.1.quantity', '3']]);
  });

  it('keeps a blank between written boxes as a space at confidence 0', async () => {
    const page = await renderPage({ account: '12 45', 'lines.1.unitPrice': '2490' }, 'printed-sans');
    const readings = await readFields(page, layout, engine, { only: (n) => n === 'account' || n === 'lines.1.unitPrice' });
    expect(readings[0]).toMatchObject({ name: 'account', value: '12 45', confidence: 0, blank: false });
    expect(readings[0]!.chars[2]).toEqual({ char: ' ', confidence: 0, blank: true });
    // Right-aligned amount: the leading blanks are not part of the value.
    expect(readings[1]).toMatchObject({ value: '2490', blank: false });
    expect(readings[1]!.confidence).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('a scribble or blob in a box reads as "?" or below the threshold', async () => {
    const scribbles = [
      '<path d="M1 2 L6 7 L1.5 6 L5.5 1.5 L2 4 L6 4.5" stroke="#111" stroke-width="0.5" fill="none"/>',
      '<path d="M1.5 2 C 3 0, 6 3, 2 4 S 7 8, 1 7.5 C 3 5, 5 8, 6 2" stroke="#111" stroke-width="0.6" fill="none"/>',
      '<ellipse cx="3.5" cy="4.5" rx="2" ry="2.8" fill="#111"/>',
      '<path d="M1 2h5M1 3h5M1 4h5M1 5h5M1 6h5M1 7h5M2 1.5v6M3 1.5v6M4 1.5v6M5 1.5v6" stroke="#111" stroke-width="0.35"/>',
      '<circle cx="2" cy="2" r="0.5" fill="#111"/><circle cx="5" cy="6" r="0.6" fill="#111"/><circle cx="3" cy="7" r="0.4" fill="#111"/><circle cx="5.5" cy="2.5" r="0.5" fill="#111"/>',
      '<path d="M0.8 4 L 6.2 5" stroke="#111" stroke-width="0.5"/>',
    ];
    const page = await renderPage({ 'lines.1.sku': 'AB', account: '12' }, 'printed-sans');
    const sku = fieldsByName.get('lines.1.sku') as BoxedField;
    const account = fieldsByName.get('account') as BoxedField;
    for (const [i, body] of scribbles.entries()) await draw(page, sku.xMm + (2 + i) * sku.boxWidthMm + 0.5, sku.yMm + 0.5, 6, 8, body);
    for (const [i, body] of scribbles.slice(0, 3).entries()) await draw(page, account.xMm + (2 + i) * account.boxWidthMm + 0.5, account.yMm + 0.5, 6, 8, body);
    const readings = await readFields(page, layout, engine, { only: (n) => n === 'lines.1.sku' || n === 'account' });
    for (const r of readings) {
      expect(r.value.slice(0, 2), r.name).toBe(r.name === 'account' ? '12' : 'AB');
      expect(r.confidence, r.name).toBeLessThan(THRESHOLD);
      for (const c of r.chars.slice(2).filter((c) => !c.blank)) {
        expect(c.char === '?' || c.confidence < THRESHOLD, `${r.name}: ${c.char} at ${Math.round(c.confidence)}`).toBe(true);
      }
      expect(r.chars.slice(2).filter((c) => !c.blank)).toHaveLength(r.name === 'account' ? 3 : scribbles.length);
    }
  });
});

describe('text fields', () => {
  it('reads a printed line and leaves an empty zone blank', async () => {
    const page = await renderPage({ name: 'Jane Example' }, 'printed-serif');
    const readings = await readFields(page, layout, engine, { only: (n) => n === 'name' || n === 'postcode' });
    const name = readings.find((r) => r.name === 'name');
    const blank = readings.find((r) => r.name === 'postcode');
    expect(name).toMatchObject({ name: 'name', value: 'Jane Example', blank: false });
    expect(name!.confidence).toBeGreaterThan(THRESHOLD);
    expect(blank).toMatchObject({ name: 'postcode', blank: true });
  });
});

describe('assemble and the look-alike rules', () => {
  const w = (char: string, confidence = 95) => ({ char, confidence, blank: false });
  const b = { char: ' ', confidence: 100, blank: true };
  it('trims blanks at the ends, keeps inner ones at 0, takes the weakest character', () => {
    expect(assemble('f', [b, b, w('2'), w('4', 88), w('9'), w('0')])).toMatchObject({ value: '2490', confidence: 88, blank: false });
    expect(assemble('f', [w('A'), b, w('B'), b])).toMatchObject({ value: 'A B', confidence: 0 });
    expect(assemble('f', [b, b])).toMatchObject({ value: '', blank: true });
    expect(assemble('f', [w('?', 0), w('1')])).toMatchObject({ value: '?1', confidence: 0 });
  });

  it('combines the two engines: agreement, letter over look-alike digit, disagreement', () => {
    const r = (text: string, confidence: number) => ({ text, confidence, symbols: [] });
    expect(combineChar(r('A', 90), r('A', 98), 'alnum')).toMatchObject({ text: 'A', confidence: 94 });
    expect(combineChar(r('Z', 90), r('7', 98), 'alnum')).toMatchObject({ text: 'Z', confidence: 76.5 });
    expect(combineChar(r('7', 80), r('1', 98), 'digits')).toMatchObject({ text: '1', confidence: 49 });
    expect(combineChar(r('P', 90), r('', 0), 'alnum')).toMatchObject({ text: 'P', confidence: 45 });
    expect(combineChar(r('', 0), r('AB', 90), 'alnum')).toMatchObject({ text: '', confidence: 0 });
  });

  it('settles O against 0 by the page zeros', () => {
    const printedZeros = zeroReference(Array.from({ length: 8 }, () => ({ aspect: 0.65, centreInk: false })));
    expect(settleOZero({ aspect: 0.77, centreInk: false }, printedZeros, 'O')).toMatchObject({ char: 'O' });
    expect(settleOZero({ aspect: 0.77, centreInk: false }, printedZeros, 'O').confidence).toBeGreaterThanOrEqual(THRESHOLD);
    expect(settleOZero({ aspect: 0.65, centreInk: false }, printedZeros, 'O')).toMatchObject({ char: '0' });
    // A hand whose zeros vary: never certain.
    const handZeros = zeroReference([0.55, 0.62, 0.7, 0.6].map((aspect) => ({ aspect, centreInk: false })));
    expect(settleOZero({ aspect: 0.7, centreInk: false }, handZeros, 'O').confidence).toBeLessThan(THRESHOLD);
    // Dotted zeros: a plain oval is an O, a dotted one a zero.
    const dotted = zeroReference([{ aspect: 0.62, centreInk: true }]);
    expect(settleOZero({ aspect: 0.64, centreInk: false }, dotted, '0')).toMatchObject({ char: 'O' });
    expect(settleOZero({ aspect: 0.62, centreInk: true }, dotted, 'O')).toMatchObject({ char: '0' });
    // No zeros to compare with: a guess for a person to check.
    expect(settleOZero({ aspect: 0.9, centreInk: false }, null, 'O').confidence).toBeLessThan(THRESHOLD);
  });
});

describe('the OCR engine', () => {
  it('finds the language data in node_modules and works with the network blocked', async () => {
    const data = langDataPaths();
    expect(data.legacy).toContain(path.join('node_modules', '@tesseract.js-data', 'eng'));
    expect(existsSync(path.join(data.legacy, 'eng.traineddata.gz'))).toBe(true);
    expect(existsSync(path.join(data.lstm, 'eng.traineddata.gz'))).toBe(true);

    // A child process whose every thread (tesseract runs in worker threads, which inherit
    // --import) has fetch replaced by a function that records the attempt and throws.
    const dir = await mkdtemp(path.join(tmpdir(), 'ocr-offline-'));
    try {
      const block = path.join(dir, 'block-fetch.mjs');
      await writeFile(block, [
        `import { threadId } from 'node:worker_threads';`,
        `process.stderr.write('PRELOAD thread ' + threadId + '\\n');`,
        `globalThis.fetch = async (url) => { process.stderr.write('FETCH ' + url + '\\n'); throw new Error('network blocked'); };`,
      ].join('\n'));
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="80"><rect width="60" height="80" fill="#fff"/><text x="30" y="64" font-family="DejaVu Sans" font-size="60" text-anchor="middle">7</text></svg>';
      await writeFile(path.join(dir, 'seven.png'), await sharp(Buffer.from(svg)).greyscale().png().toBuffer());
      const script = path.join(dir, 'run.mts');
      const engineUrl = new URL('../../src/forms/ocr-engine.ts', import.meta.url).href;
      await writeFile(script, [
        `import { readFile } from 'node:fs/promises';`,
        `import { createOcrEngine } from ${JSON.stringify(engineUrl)};`,
        `const engine = await createOcrEngine();`,
        `const r = await engine.recognize(await readFile('seven.png'), { charset: 'digits', mode: 'char' });`,
        `await engine.close();`,
        `console.log(JSON.stringify({ text: r.text, confidence: r.confidence }));`,
      ].join('\n'));
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', tsx, '--import', pathToFileURL(block).href, script], { cwd: dir, timeout: 60_000 });
      // The blocker ran in the worker threads too (thread ids > 0), and nothing tried the network.
      expect(stderr).toMatch(/PRELOAD thread [1-9]/);
      expect(stderr).not.toContain('FETCH');
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ text: '7' });
      // cacheMethod 'none': nothing written next to the process (tesseract.js would cache eng.traineddata in the cwd).
      expect((await readdir(dir)).sort()).toEqual(['block-fetch.mjs', 'run.mts', 'seven.png']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts lazily, once, and refuses work after close', async () => {
    const own = await createOcrEngine({ workers: 1 });
    await own.close();
    await own.close();
    await expect(own.recognize(Buffer.alloc(0), { charset: 'digits', mode: 'char' })).rejects.toThrow(/closed/);
  });
});

