/**
 * Aligning faxed pages of the order form: synthetic faxes (the rendered form rotated,
 * shifted, thresholded to 1 bit, sprinkled with 0.5 % salt-and-pepper noise and sent as
 * CCITT G4 TIFF at 204×98 and 204×196 dpi) must come out on the canonical 8 px/mm grid
 * with every feature within one canonical pixel (0.125 mm) of where the layout puts it,
 * and with the mark bits exact. Pages that are not the form are problems, not guesses.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PDFDocument, PDFName } from 'pdf-lib';
import { loadFormLayout, type FormLayout } from '../../src/forms/form-layout.js';
import { formSvgBody, pagePixels, rasterizeSvg, svgDocument } from '../../src/forms/render-form.js';
import { decodeMark, encodeMark } from '../../src/forms/form-mark.js';
import { loadPages } from '../../src/forms/load-pages.js';
import { alignPage, applyAffine, findRegistrationMarks, fitAffine, median3x3, readMarkBits, resample, type AlignedPage } from '../../src/forms/align-page.js';
import type { PageImage } from '../../src/forms/page-image.js';

const layout: FormLayout = await loadFormLayout(new URL('../../mappings/forms/order-form-v1.json', import.meta.url).pathname);

/** Small solid squares (3 mm) drawn where the form has nothing, to measure where things land. */
const PROBES: Array<[number, number]> = [
  [175, 100],
  [8, 150],
  [60, 244],
  [185, 265],
];

/** The fax machine's page: 1728 dots at 204 dpi are 215 mm; the A4 form is centred on it. */
const FAX_PAGE = { widthMm: 215, heightMm: 297 };

interface FaxOptions {
  /** The fax page (default 215×297 mm). */
  faxPage?: { widthMm: number; heightMm: number };
  rotationDeg?: number;
  shiftMm?: [number, number];
  xDpi?: number;
  yDpi?: number;
  /** Fraction of pixels flipped to black or white at random. */
  noise?: number;
  seed?: number;
  page?: number;
  pageCount?: number;
  /** Replaces the form (e.g. a page of text). */
  body?: string;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A 1-bit fax page (as raw 0/255 pixels) of the form, rotated about the page centre and shifted. */
async function faxPixels(options: FaxOptions = {}): Promise<{ data: Buffer; width: number; height: number; xDpi: number; yDpi: number }> {
  const { rotationDeg = 0, shiftMm = [0, 0], xDpi = 204, yDpi = 196, noise = 0.005, seed = 7 } = options;
  const body =
    options.body ??
    formSvgBody(layout, { page: options.page ?? 1, pageCount: options.pageCount ?? 1 }) +
      PROBES.map(([x, y]) => `<rect x="${x}" y="${y}" width="3" height="3" fill="#000"/>`).join('');
  const faxSheet = options.faxPage ?? FAX_PAGE;
  const offsetX = (faxSheet.widthMm - layout.page.widthMm) / 2 + shiftMm[0];
  const transform = `translate(${offsetX} ${shiftMm[1]}) rotate(${rotationDeg} ${layout.page.widthMm / 2} ${layout.page.heightMm / 2})`;
  const svg = svgDocument(faxSheet, body, { ...pagePixels(faxSheet, xDpi, yDpi), transform });
  const { data, width, height } = await rasterizeSvg(svg);
  const random = lcg(seed);
  for (let i = 0; i < data.length; i++) {
    data[i] = data[i]! < 128 ? 0 : 255;
    if (random() < noise) data[i] = random() < 0.5 ? 0 : 255;
  }
  return { data, width, height, xDpi, yDpi };
}

async function g4Tiff(pixels: { data: Buffer; width: number; height: number; xDpi: number; yDpi: number }): Promise<Buffer> {
  return sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: pixels.xDpi / 25.4, yres: pixels.yDpi / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
}

async function faxPage(options: FaxOptions = {}): Promise<PageImage> {
  const pages = await loadPages(await g4Tiff(await faxPixels(options)), 'image/tiff');
  expect(pages).toHaveLength(1);
  return pages[0]!.image;
}

function aligned(result: ReturnType<typeof alignPage>): AlignedPage {
  if ('problem' in result) throw new Error(`expected an aligned page, got: ${result.problem}`);
  return result;
}

/** Offset (canonical px) of the centroid of dark pixels in a square window from where it should be. */
function centroidOffset(image: PageImage, cx: number, cy: number, radius: number): [number, number] {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let y = Math.floor(cy - radius); y < cy + radius; y++) {
    for (let x = Math.floor(cx - radius); x < cx + radius; x++) {
      if (image.data[y * image.width + x]! < 128) {
        n++;
        sx += x + 0.5;
        sy += y + 0.5;
      }
    }
  }
  expect(n).toBeGreaterThan(0);
  return [sx / n - cx, sy / n - cy];
}

/** Darkness-weighted position of a thin line crossing a profile (canonical px, continuous). */
function lineCentre(profile: number[], start: number): number {
  let sw = 0;
  let s = 0;
  profile.forEach((v, i) => {
    const w = Math.max(0, 200 - v);
    sw += w;
    s += w * (start + i + 0.5);
  });
  return s / sw;
}

/** Where the left and top edges of the first phone box are (canonical px). */
function phoneBoxEdges(image: PageImage): { left: number; top: number } {
  const phone = layout.fields.find((f) => f.name === 'phone');
  if (!phone || phone.kind !== 'boxes') throw new Error('layout has no phone boxes');
  const p = image.pxPerMm;
  const x0 = Math.round(phone.xMm * p) - 8;
  const y0 = Math.round(phone.yMm * p) - 8;
  const horizontal: number[] = [];
  for (let x = x0; x < x0 + 16; x++) {
    let sum = 0;
    for (let y = Math.round((phone.yMm + 2) * p); y < Math.round((phone.yMm + phone.boxHeightMm - 2) * p); y++) sum += image.data[y * image.width + x]!;
    horizontal.push(sum / Math.round((phone.boxHeightMm - 4) * p));
  }
  const vertical: number[] = [];
  for (let y = y0; y < y0 + 16; y++) {
    let sum = 0;
    for (let x = Math.round((phone.xMm + 1.5) * p); x < Math.round((phone.xMm + phone.boxWidthMm - 1.5) * p); x++) sum += image.data[y * image.width + x]!;
    vertical.push(sum / Math.round((phone.boxWidthMm - 3) * p));
  }
  return { left: lineCentre(horizontal, x0), top: lineCentre(vertical, y0) };
}

function expectGeometry(page: AlignedPage): void {
  expect(page.image.width).toBe(1680);
  expect(page.image.height).toBe(2376);
  expect(page.image.pxPerMm).toBe(8);
  for (const [x, y] of PROBES) {
    const [dx, dy] = centroidOffset(page.image, (x + 1.5) * 8, (y + 1.5) * 8, 28);
    expect(Math.abs(dx), `probe (${x}, ${y}) x`).toBeLessThanOrEqual(1);
    expect(Math.abs(dy), `probe (${x}, ${y}) y`).toBeLessThanOrEqual(1);
  }
  // A mark cell (bit 0 is always black, bit 1 white): 4×6 mm at (40, 11).
  const [mx, my] = centroidOffset(page.image, 42 * 8, 14 * 8, 16);
  expect(Math.abs(mx)).toBeLessThanOrEqual(1);
  expect(Math.abs(my)).toBeLessThanOrEqual(1);
  const phone = layout.fields.find((f) => f.name === 'phone')!;
  const edges = phoneBoxEdges(page.image);
  expect(Math.abs(edges.left - phone.xMm * 8)).toBeLessThanOrEqual(1);
  expect(Math.abs(edges.top - phone.yMm * 8)).toBeLessThanOrEqual(1);
}

const EXPECTED_BITS = encodeMark({ formNumber: 1, version: 1, page: 1, pageCount: 1 });

describe('alignPage on synthetic faxes (G4 TIFF, 0.5 % salt-and-pepper)', () => {
  it.each([
    { rotationDeg: 3, shiftMm: [4, 3] as [number, number], yDpi: 98 },
    { rotationDeg: -3, shiftMm: [-3, 5] as [number, number], yDpi: 98 },
    { rotationDeg: 3, shiftMm: [3, -2] as [number, number], yDpi: 196 },
    { rotationDeg: -3, shiftMm: [-4, -3] as [number, number], yDpi: 196 },
  ])('rotation $rotationDeg°, shift $shiftMm mm, 204×$yDpi dpi', async ({ rotationDeg, shiftMm, yDpi }) => {
    const image = await faxPage({ rotationDeg, shiftMm, yDpi });
    const result = aligned(alignPage(image, layout));
    expect(result.marks.every((m) => m !== null)).toBe(true);
    expect(result.rotationDeg).toBeCloseTo(rotationDeg, 1);
    expect(Math.abs(result.scale - 1)).toBeLessThan(0.01);
    expect(result.residualMm).toBeLessThan(0.3);
    expect(result.markBits).toEqual(EXPECTED_BITS);
    expect(decodeMark(result.markBits)).toEqual({ formNumber: 1, version: 1, page: 1, pageCount: 1 });
    expectGeometry(result);
  });

  it('aligns with three squares when the fourth is off the page', async () => {
    // Shifted 9 mm left and rotated: the top-left square leaves the scan.
    const image = await faxPage({ rotationDeg: -2, shiftMm: [-9, 2], yDpi: 196, seed: 3 });
    const result = aligned(alignPage(image, layout));
    expect(result.marks.filter((m) => m === null)).toHaveLength(1);
    expect(result.marks[0]).toBeNull();
    expect(result.markBits).toEqual(EXPECTED_BITS);
    expectGeometry(result);
  });

  it('reads the page number of each page of a multi-page form', async () => {
    const image = await faxPage({ rotationDeg: 1.5, shiftMm: [2, 2], yDpi: 98, page: 2, pageCount: 3 });
    const result = aligned(alignPage(image, layout));
    expect(decodeMark(result.markBits)).toEqual({ formNumber: 1, version: 1, page: 2, pageCount: 3 });
  });

  it('aligns a fax server PDF: a CCITT G4 image per page at 204×98 dpi', async () => {
    // 1728 × 1152 dots: one G4 tile, so the TIFF's data is the single stream a PDF holds.
    const sheet = { widthMm: (1728 / 204) * 25.4, heightMm: (1152 / 98) * 25.4 };
    const pixels = await faxPixels({ rotationDeg: -2.5, shiftMm: [2, 1], yDpi: 98, faxPage: sheet });
    expect([pixels.width, pixels.height]).toEqual([1728, 1152]);
    const tiff = await sharp(pixels.data, { raw: { width: 1728, height: 1152, channels: 1 } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, tile: true, tileWidth: 1728, tileHeight: 1152 })
      .toBuffer();
    const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
    const ifd = view.getUint32(4, true);
    const tag = (id: number): number => {
      for (let i = 0; i < view.getUint16(ifd, true); i++) if (view.getUint16(ifd + 2 + i * 12, true) === id) return view.getUint32(ifd + 2 + i * 12 + 8, true);
      throw new Error(`no tag ${id}`);
    };
    const data = tiff.subarray(tag(324), tag(324) + tag(325));
    const doc = await PDFDocument.create();
    const stream = doc.context.stream(data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: 1728,
      Height: 1152,
      BitsPerComponent: 1,
      ColorSpace: 'DeviceGray',
      Filter: 'CCITTFaxDecode',
      DecodeParms: { K: -1, Columns: 1728, Rows: 1152 },
    });
    const page = doc.addPage([(sheet.widthMm / 25.4) * 72, (sheet.heightMm / 25.4) * 72]);
    page.node.setXObject(PDFName.of('Im0'), doc.context.register(stream));
    const [scanned] = await loadPages(Buffer.from(await doc.save()), 'application/pdf');
    expect(scanned!.sourceDpi.x).toBeCloseTo(204, 0);
    expect(scanned!.sourceDpi.y).toBeCloseTo(98, 0);
    const result = aligned(alignPage(scanned!.image, layout));
    expect(result.rotationDeg).toBeCloseTo(-2.5, 1);
    expect(result.markBits).toEqual(EXPECTED_BITS);
    expectGeometry(result);
  });

  it('aligns a 300-dpi greyscale scan without noise as well', async () => {
    const body = formSvgBody(layout, { page: 1, pageCount: 1 }) + PROBES.map(([x, y]) => `<rect x="${x}" y="${y}" width="3" height="3" fill="#000"/>`).join('');
    const svg = svgDocument(layout.page, body, { ...pagePixels(layout.page, 300), transform: 'translate(-2 4) rotate(-1.2 105 148.5)' });
    const { data, width, height } = await rasterizeSvg(svg);
    const result = aligned(alignPage({ width, height, data, pxPerMm: 300 / 25.4 }, layout));
    expect(result.rotationDeg).toBeCloseTo(-1.2, 1);
    expect(result.markBits).toEqual(EXPECTED_BITS);
    expectGeometry(result);
  });

  it('aligns one fax page in well under a second', async () => {
    const image = await faxPage({ rotationDeg: 2, shiftMm: [1, 1], yDpi: 196 });
    alignPage(image, layout); // warm up
    const started = performance.now();
    const result = alignPage(image, layout);
    const elapsed = performance.now() - started;
    expect('problem' in result).toBe(false);
    console.log(`alignPage: ${elapsed.toFixed(0)} ms for a ${image.width}×${image.height} page`);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('pages that are not our form', () => {
  /** A page of "text": rows of word-like dark strokes, no solid squares. */
  function textBody(seed: number): string {
    const random = lcg(seed);
    const parts = ['<text x="20" y="25" font-family="DejaVu Sans" font-size="7">Cover sheet — 3 pages follow</text>'];
    for (let y = 40; y < 280; y += 7) {
      let x = 20;
      while (x < 190) {
        const word = 4 + random() * 18;
        for (let c = 0; c < word; c += 2.2) parts.push(`<rect x="${(x + c).toFixed(2)}" y="${y}" width="${(0.4 + random() * 1.2).toFixed(2)}" height="${(2 + random() * 1.5).toFixed(2)}" fill="#000"/>`);
        x += word + 3;
      }
    }
    return parts.join('');
  }

  it('a page of text is a problem: no registration squares', async () => {
    const image = await faxPage({ body: textBody(5), yDpi: 98 });
    const result = alignPage(image, layout);
    expect(result).toEqual({ problem: expect.stringMatching(/^not our order form: registration squares not found \(found [0-2] of 4\)$/) });
  });

  it('a blank page is a problem', async () => {
    const result = alignPage({ width: 1728, height: 2339, data: new Uint8Array(1728 * 2339).fill(255), pxPerMm: 8 }, layout);
    expect('problem' in result && result.problem).toMatch(/^not our order form/);
  });

  it('a page with only two squares is a problem that says so', async () => {
    const s = layout.registration.sizeMm;
    const body = layout.registration.marks
      .slice(0, 2)
      .map(([x, y]) => `<rect x="${x}" y="${y}" width="${s}" height="${s}" fill="#000"/>`)
      .join('');
    const image = await faxPage({ body: body + textBody(9), yDpi: 196 });
    expect(alignPage(image, layout)).toEqual({ problem: 'not our order form: registration squares not found (found 2 of 4)' });
  });
});

describe('alignment helpers', () => {
  it('fitAffine recovers a known transform from four points and exactly from three', () => {
    const t = { a: 7.9, b: -0.4, c: 30, d: 0.4, e: 8.1, f: -12 };
    const from: Array<[number, number]> = [
      [14, 14],
      [196, 14],
      [14, 283],
      [196, 283],
    ];
    const to = from.map(([u, v]) => applyAffine(t, u, v));
    for (const points of [4, 3]) {
      const fit = fitAffine(from.slice(0, points), to.slice(0, points));
      for (const key of ['a', 'b', 'c', 'd', 'e', 'f'] as const) expect(fit[key]).toBeCloseTo(t[key], 6);
    }
  });

  it('resample maps canonical pixel centres through the transform (identity at 8 px/mm)', () => {
    const width = 80;
    const height = 60;
    const data = new Uint8Array(width * height).fill(255);
    for (let y = 20; y < 30; y++) for (let x = 40; x < 50; x++) data[y * width + x] = 0;
    const out = resample({ width, height, data, pxPerMm: 8 }, { a: 8, b: 0, c: 0, d: 0, e: 8, f: 0 }, 10, 7.5);
    expect(out.width).toBe(80);
    expect(out.height).toBe(60);
    expect(Array.from(out.data)).toEqual(Array.from(data));
  });

  it('median3x3 removes isolated specks and keeps strokes two pixels wide', () => {
    const width = 20;
    const height = 20;
    const data = new Uint8Array(width * height).fill(255);
    data[5 * width + 5] = 0; // a dark speck
    for (let y = 2; y < 18; y++) {
      data[y * width + 12] = 0; // a vertical stroke, 2 px wide
      data[y * width + 13] = 0;
    }
    for (let y = 2; y < 18; y++) for (let x = 15; x < 19; x++) data[y * width + x] = 0;
    data[10 * width + 16] = 255; // a light speck inside a solid area
    const out = median3x3({ width, height, data, pxPerMm: 8 }).data;
    expect(out[5 * width + 5]).toBe(255);
    expect(out[10 * width + 12]).toBe(0);
    expect(out[10 * width + 13]).toBe(0);
    expect(out[10 * width + 16]).toBe(0);
  });

  it('readMarkBits thresholds between the lightest and darkest cells', () => {
    const width = 1680;
    const height = 200;
    const data = new Uint8Array(width * height).fill(240);
    const bits = encodeMark({ formNumber: 9, version: 3, page: 1, pageCount: 2 });
    const { mark } = layout;
    bits.forEach((bit, i) => {
      if (!bit) return;
      for (let y = mark.yMm * 8; y < (mark.yMm + mark.cellHeightMm) * 8; y++) {
        for (let x = (mark.xMm + i * mark.cellWidthMm) * 8; x < (mark.xMm + (i + 1) * mark.cellWidthMm) * 8; x++) data[y * width + x] = 90; // a grey, faded print
      }
    });
    expect(readMarkBits({ width, height, data, pxPerMm: 8 }, layout)).toEqual(bits);
  });

  it('findRegistrationMarks lists square candidates per corner, nearest first', async () => {
    const image = await faxPage({ rotationDeg: 0, shiftMm: [0, 0], yDpi: 196, noise: 0 });
    const candidates = findRegistrationMarks(image, layout);
    expect(candidates).toHaveLength(4);
    const offsetPx = ((FAX_PAGE.widthMm - layout.page.widthMm) / 2) * image.pxPerMm;
    layout.registration.marks.forEach(([x, y], k) => {
      const best = candidates[k]![0]!;
      // Within a pixel: the page height in whole pixels stretches the rows a little.
      expect(Math.abs(best.x - ((x + 4) * image.pxPerMm + offsetPx))).toBeLessThan(1);
      expect(Math.abs(best.y - (y + 4) * image.pxPerMm)).toBeLessThan(1.5);
    });
  });
});
