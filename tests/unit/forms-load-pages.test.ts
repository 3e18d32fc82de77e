/**
 * Loading faxes and scans into square-pixel greyscale pages: TIFF (G4, anisotropic fax
 * resolutions, multi-page), PNG, JPEG and PDF (JPEG, Flate with and without PNG
 * predictors, CCITT G4 images), with the resolution each page was sent at, and bad input
 * (unknown, corrupt, image-less, oversized) refused as BadInputError.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { BadInputError } from '../../src/sdk/errors/index.js';
import { loadPages, MAX_PAGES, readTiffIfds, sniffScanFormat, stretchRows, undoPredictor, wrapCcittInTiff, type ScannedPage } from '../../src/forms/load-pages.js';

const A4_POINTS: [number, number] = [(210 / 25.4) * 72, (297 / 25.4) * 72];

/**
 * A white page `widthMm`×`heightMm` at xDpi×yDpi with a black bar (mm rectangle): the
 * bar is where we check geometry after loading.
 */
function pagePixels(options: { widthMm?: number; heightMm?: number; xDpi: number; yDpi?: number; bar?: [number, number, number, number] }): { data: Buffer; width: number; height: number } {
  const { widthMm = 210, heightMm = 297, xDpi } = options;
  const yDpi = options.yDpi ?? xDpi;
  const width = Math.round((widthMm / 25.4) * xDpi);
  const height = Math.round((heightMm / 25.4) * yDpi);
  const data = Buffer.alloc(width * height, 255);
  const [bx, by, bw, bh] = options.bar ?? [30, 40, 50, 20];
  for (let y = Math.round((by / 25.4) * yDpi); y < Math.round(((by + bh) / 25.4) * yDpi); y++) {
    for (let x = Math.round((bx / 25.4) * xDpi); x < Math.round(((bx + bw) / 25.4) * xDpi); x++) data[y * width + x] = 0;
  }
  return { data, width, height };
}

function g4(pixels: { data: Buffer; width: number; height: number }, xDpi: number, yDpi: number, extra: { miniswhite?: boolean; tile?: boolean } = {}): Promise<Buffer> {
  return sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({
      compression: 'ccittfax4',
      bitdepth: 1,
      miniswhite: extra.miniswhite ?? true,
      xres: xDpi / 25.4,
      yres: yDpi / 25.4,
      resolutionUnit: 'inch',
      ...(extra.tile ? { tile: true, tileWidth: pixels.width, tileHeight: pixels.height } : {}),
    })
    .toBuffer();
}

/** Bounding box (px) of the dark pixels of a page. */
function darkBox(page: ScannedPage): { x0: number; y0: number; x1: number; y1: number } {
  const { width, height, data } = page.image;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < 128) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** The bar (mm) must be where it is drawn, within a pixel and a half, on the square grid. */
function expectBar(page: ScannedPage, bar: [number, number, number, number]): void {
  const p = page.image.pxPerMm;
  const box = darkBox(page);
  expect(Math.abs(box.x0 - bar[0] * p)).toBeLessThanOrEqual(1.5);
  expect(Math.abs(box.y0 - bar[1] * p)).toBeLessThanOrEqual(1.5);
  expect(Math.abs(box.x1 - (bar[0] + bar[2]) * p)).toBeLessThanOrEqual(1.5);
  expect(Math.abs(box.y1 - (bar[1] + bar[3]) * p)).toBeLessThanOrEqual(1.5);
}

async function expectBadInput(promise: Promise<unknown>, message: RegExp): Promise<BadInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as Error).message).toMatch(message);
  return error as BadInputError;
}

describe('sniffScanFormat', () => {
  it('goes by the magic bytes', () => {
    expect(sniffScanFormat(Buffer.from('II*\0abcd'))).toBe('tiff');
    expect(sniffScanFormat(Buffer.from('MM\0*abcd'))).toBe('tiff');
    expect(sniffScanFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffScanFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffScanFormat(Buffer.from('%PDF-1.4\n'))).toBe('pdf');
    expect(sniffScanFormat(Buffer.from('\r\n%PDF-1.7'))).toBe('pdf');
    expect(sniffScanFormat(Buffer.from('GIF89a'))).toBeUndefined();
  });
});

describe('TIFF faxes', () => {
  const bar: [number, number, number, number] = [30, 40, 50, 20];

  it('stretches a 204×98 dpi standard fax page to square 204-dpi pixels', async () => {
    const tiff = await g4(pagePixels({ xDpi: 204, yDpi: 98, bar }), 204, 98);
    const ifds = readTiffIfds(tiff);
    expect(ifds).toHaveLength(1);
    expect(ifds[0]).toMatchObject({ width: 1687, height: 1146, compression: 4, bitsPerSample: 1, xResolution: 204, yResolution: 98, resolutionUnit: 2 });
    const pages = await loadPages(tiff, 'application/octet-stream');
    expect(pages).toHaveLength(1);
    const [page] = pages as [ScannedPage];
    expect(page.index).toBe(0);
    expect(page.sourceDpi).toEqual({ x: 204, y: 98 });
    expect(page.image.pxPerMm).toBeCloseTo(204 / 25.4, 9);
    expect(page.image.width).toBe(1687);
    expect(page.image.height).toBe(Math.round((1146 * 204) / 98));
    expect(page.image.data).toHaveLength(page.image.width * page.image.height);
    expectBar(page, bar);
  });

  it('keeps a 204×196 dpi fine fax page as it is', async () => {
    const tiff = await g4(pagePixels({ xDpi: 204, yDpi: 196, bar }), 204, 196);
    const [page] = (await loadPages(tiff)) as [ScannedPage];
    expect(page.sourceDpi).toEqual({ x: 204, y: 196 });
    expect(page.image.height).toBe(Math.round((2292 * 204) / 196));
    expectBar(page, bar);
  });

  it('reads resolution in centimetres', async () => {
    const raw = pagePixels({ xDpi: 200, bar });
    const tiff = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 1 } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 200 / 25.4, yres: 200 / 25.4, resolutionUnit: 'cm' })
      .toBuffer();
    expect(readTiffIfds(tiff)[0]!.resolutionUnit).toBe(3);
    const [page] = (await loadPages(tiff)) as [ScannedPage];
    expect(page.sourceDpi.x).toBeCloseTo(200, 0);
    // MinIsBlack 1-bit (sharp's default) comes out with black still black.
    expectBar(page, bar);
  });

  it('returns every page of a multi-page TIFF, in order', async () => {
    const bars: Array<[number, number, number, number]> = [
      [20, 30, 40, 10],
      [60, 120, 30, 30],
      [100, 200, 60, 15],
    ];
    const pages = bars.map((b) => pagePixels({ xDpi: 204, yDpi: 98, bar: b }));
    const first = pages[0]!;
    const tiff = await sharp(Buffer.concat(pages.map((p) => p.data)), { raw: { width: first.width, height: first.height * 3, channels: 1, pageHeight: first.height } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, xres: 204 / 25.4, yres: 98 / 25.4, resolutionUnit: 'inch' })
      .toBuffer();
    expect(readTiffIfds(tiff)).toHaveLength(3);
    const loaded = await loadPages(tiff, 'image/tiff');
    expect(loaded.map((p) => p.index)).toEqual([0, 1, 2]);
    loaded.forEach((page, i) => {
      expect(page.sourceDpi).toEqual({ x: 204, y: 98 });
      expectBar(page, bars[i]!);
    });
  });

  it(`refuses more than ${MAX_PAGES} pages`, async () => {
    const page = pagePixels({ widthMm: 20, heightMm: 20, xDpi: 100 });
    const count = MAX_PAGES + 1;
    const tiff = await sharp(Buffer.concat(Array.from({ length: count }, () => page.data)), { raw: { width: page.width, height: page.height * count, channels: 1, pageHeight: page.height } })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1 })
      .toBuffer();
    const error = await expectBadInput(loadPages(tiff), /21 pages, more than the 20 allowed/);
    expect(error.status).toBe(413);
  });

  it('refuses a page of more than 40 megapixels before decoding it (fax bomb)', async () => {
    const bomb = wrapCcittInTiff(new Uint8Array(16), { k: -1, columns: 10_000, rows: 5_000, byteAlign: false });
    const error = await expectBadInput(loadPages(bomb), /50\.0 megapixels, more than the 40 allowed/);
    expect(error.status).toBe(413);
  });
});

describe('PNG and JPEG scans', () => {
  const bar: [number, number, number, number] = [25, 60, 40, 12];

  it('PNG: one page at its stated density', async () => {
    const raw = pagePixels({ xDpi: 300, bar });
    const png = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 1 } }).withDensity(300).png().toBuffer();
    const pages = await loadPages(png, 'image/png');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.sourceDpi.x).toBeCloseTo(300, 0);
    expect(pages[0]!.image.width).toBe(raw.width);
    expectBar(pages[0]!, bar);
  });

  it('PNG without a density: 200 dpi', async () => {
    const raw = pagePixels({ xDpi: 200, bar });
    const png = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 1 } }).png().toBuffer();
    const [page] = (await loadPages(png)) as [ScannedPage];
    expect(page.sourceDpi).toEqual({ x: 200, y: 200 });
  });

  it('JPEG in colour: greyscale at its stated density, whatever the content type says', async () => {
    const raw = pagePixels({ xDpi: 150, bar });
    const jpeg = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 1 } }).toColourspace('srgb').withDensity(150).jpeg({ quality: 90 }).toBuffer();
    const [page] = (await loadPages(jpeg, 'application/pdf')) as [ScannedPage];
    expect(page.sourceDpi.x).toBeCloseTo(150, 0);
    expect(page.image.data).toHaveLength(page.image.width * page.image.height);
    expectBar(page, bar);
  });
});

describe('PDF scans', () => {
  const bar: [number, number, number, number] = [40, 80, 60, 25];

  async function pdfWith(draw: (doc: PDFDocument) => Promise<void>): Promise<Buffer> {
    const doc = await PDFDocument.create();
    await draw(doc);
    return Buffer.from(await doc.save());
  }

  it('a JPEG page (DCTDecode): dpi from the image size and the MediaBox', async () => {
    const raw = pagePixels({ xDpi: 200, bar });
    const jpeg = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 1 } }).jpeg({ quality: 85 }).toBuffer();
    const pdf = await pdfWith(async (doc) => {
      const image = await doc.embedJpg(jpeg);
      const page = doc.addPage(A4_POINTS);
      page.drawImage(image, { x: 0, y: 0, width: A4_POINTS[0], height: A4_POINTS[1] });
    });
    const [page] = (await loadPages(pdf, 'application/pdf')) as [ScannedPage];
    expect(page.sourceDpi.x).toBeCloseTo(200, 0);
    expect(page.sourceDpi.y).toBeCloseTo(200, 0);
    expect(page.image.width).toBe(raw.width);
    expectBar(page, bar);
  });

  it('a PNG page (FlateDecode, raw samples), two pages in order', async () => {
    const first = pagePixels({ xDpi: 150, bar });
    const secondBar: [number, number, number, number] = [120, 200, 30, 40];
    const second = pagePixels({ xDpi: 150, bar: secondBar });
    const pngs = await Promise.all([first, second].map((raw) => sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 1 } }).png().toBuffer()));
    const pdf = await pdfWith(async (doc) => {
      for (const png of pngs) {
        const image = await doc.embedPng(png);
        const page = doc.addPage(A4_POINTS);
        page.drawImage(image, { x: 0, y: 0, width: A4_POINTS[0], height: A4_POINTS[1] });
      }
    });
    const pages = await loadPages(pdf);
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(pages[0]!.sourceDpi.x).toBeCloseTo(150, 0);
    expectBar(pages[0]!, bar);
    expectBar(pages[1]!, secondBar);
  });

  it('a Flate page with PNG predictors (every row filter type) decodes pixel for pixel', async () => {
    const width = 64;
    const height = 40;
    const pixels = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = (x * 7 + y * 13 + ((x * y) % 17)) & 0xff;
    // Encode with filter types 0-4 in turn (bpp 1).
    const encoded = new Uint8Array(height * (width + 1));
    for (let y = 0; y < height; y++) {
      const type = y % 5;
      encoded[y * (width + 1)] = type;
      for (let x = 0; x < width; x++) {
        const raw = pixels[y * width + x]!;
        const left = x > 0 ? pixels[y * width + x - 1]! : 0;
        const up = y > 0 ? pixels[(y - 1) * width + x]! : 0;
        const upLeft = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1]! : 0;
        const p = left + up - upLeft;
        const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
        const predicted = [0, left, up, (left + up) >> 1, paeth][type]!;
        encoded[y * (width + 1) + 1 + x] = (raw - predicted) & 0xff;
      }
    }
    const pdf = await pdfWith(async (doc) => {
      const stream = doc.context.flateStream(encoded, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        BitsPerComponent: 8,
        ColorSpace: 'DeviceGray',
        DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: width },
      });
      const ref = doc.context.register(stream);
      // A 1-inch page: 64×40 px at 64×40 dpi.
      const page = doc.addPage([72, 72]);
      page.node.setXObject(PDFName.of('Scan'), ref);
    });
    const [page] = (await loadPages(pdf)) as [ScannedPage];
    expect(page.sourceDpi).toEqual({ x: 64, y: 40 });
    // 64×40 dpi: rows stretched to 64 dpi.
    expect(page.image.width).toBe(64);
    expect(page.image.height).toBe(64);
    // Undo the stretch on a direct decode to compare pixel for pixel.
    expect(Array.from(stretchRows(pixels, width, height, 64))).toEqual(Array.from(page.image.data));
  });

  it('a 1-bit Flate image mask with an inverting Decode array', async () => {
    const width = 64;
    const height = 64;
    // Every row 0xffff 0x0000 0x0000 0x0000: with /Decode [1 0] a 1 bit paints black.
    const rows = new Uint8Array(height * 8);
    for (let y = 0; y < height; y++) rows.set([0xff, 0xff], y * 8);
    const pdf = await pdfWith(async (doc) => {
      const stream = doc.context.flateStream(rows, { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ImageMask: true, Decode: [1, 0] });
      const page = doc.addPage([72, 72]);
      page.node.setXObject(PDFName.of('Mask'), doc.context.register(stream));
    });
    const [page] = (await loadPages(pdf)) as [ScannedPage];
    expect(page.sourceDpi).toEqual({ x: 64, y: 64 });
    expect(Array.from(page.image.data.subarray(64 * 10, 64 * 11))).toEqual([...Array(16).fill(0), ...Array(48).fill(255)]);
  });

  it('a CCITT G4 fax page (CCITTFaxDecode), BlackIs1 false and true, at 204×98 dpi', async () => {
    const bar2: [number, number, number, number] = [30, 50, 80, 30];
    // 1728 × 1152 rows at 204×98 dpi; one tile so the G4 data is a single stream.
    const raw = pagePixels({ widthMm: (1728 / 204) * 25.4, heightMm: (1152 / 98) * 25.4, xDpi: 204, yDpi: 98, bar: bar2 });
    expect([raw.width, raw.height]).toEqual([1728, 1152]);
    for (const blackIs1 of [false, true]) {
      // White-is-zero TIFFs code white runs as white; black-is-zero ones the opposite, which PDF says with /BlackIs1 true.
      const tiff = await g4(raw, 204, 98, { tile: true, miniswhite: !blackIs1 });
      const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
      const ifd = view.getUint32(4, true);
      let offset = 0;
      let length = 0;
      for (let i = 0; i < view.getUint16(ifd, true); i++) {
        const at = ifd + 2 + i * 12;
        if (view.getUint16(at, true) === 324) offset = view.getUint32(at + 8, true);
        if (view.getUint16(at, true) === 325) length = view.getUint32(at + 8, true);
      }
      expect(length).toBeGreaterThan(0);
      const g4Data = tiff.subarray(offset, offset + length);
      const pdf = await pdfWith(async (doc) => {
        const stream = doc.context.stream(g4Data, {
          Type: 'XObject',
          Subtype: 'Image',
          Width: 1728,
          Height: 1152,
          BitsPerComponent: 1,
          ColorSpace: 'DeviceGray',
          Filter: 'CCITTFaxDecode',
          DecodeParms: { K: -1, Columns: 1728, Rows: 1152, BlackIs1: blackIs1 },
        });
        const page = doc.addPage([(1728 / 204) * 72, (1152 / 98) * 72]);
        page.node.setXObject(PDFName.of('Fax'), doc.context.register(stream));
      });
      const [page] = (await loadPages(pdf, 'application/pdf')) as [ScannedPage];
      expect(page.sourceDpi).toEqual({ x: 204, y: 98 });
      expect(page.image.width).toBe(1728);
      expect(page.image.height).toBe(Math.round((1152 * 204) / 98));
      expectBar(page, bar2);
      // Mostly white paper: not inverted.
      const white = page.image.data.reduce((n, v) => n + (v > 128 ? 1 : 0), 0);
      expect(white / page.image.data.length).toBeGreaterThan(0.9);
    }
  });

  it('a page with /Rotate 90 is turned, and its resolution with it', async () => {
    const raw = pagePixels({ widthMm: 100, heightMm: 50, xDpi: 100, yDpi: 50, bar: [10, 10, 20, 10] });
    const png = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 1 } }).png().toBuffer();
    const pdf = await pdfWith(async (doc) => {
      const image = await doc.embedPng(png);
      const page = doc.addPage([(100 / 25.4) * 72, (50 / 25.4) * 72]);
      page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
      page.node.set(PDFName.of('Rotate'), doc.context.obj(90));
    });
    const [page] = (await loadPages(pdf)) as [ScannedPage];
    // 100×50 dpi → 100×100 (stretched), then turned: 50 mm wide, 100 mm tall.
    expect(page.sourceDpi.x).toBeCloseTo(50, 0);
    expect(page.sourceDpi.y).toBeCloseTo(100, 0);
    // Rows stretched by the x/y resolution ratio (100.1 / 49.8 dpi from the rounded pixel sizes).
    expect(page.image.width).toBe(Math.round((raw.height * (raw.width / 100)) / (raw.height / 50)));
    expect(page.image.height).toBe(raw.width);
    // The bar at (10..30, 10..20) mm of the unturned page is at x 30..40 mm, y 10..30 mm turned clockwise.
    expectBar(page, [30, 10, 10, 20]);
  });

  it('a page without an image is bad input', async () => {
    const pdf = await pdfWith(async (doc) => {
      const page = doc.addPage(A4_POINTS);
      page.drawText('Order: 3 × widget', { font: await doc.embedFont(StandardFonts.Helvetica), x: 72, y: 700 });
    });
    const error = await expectBadInput(loadPages(pdf), /PDF page 1 has no image/);
    expect(error.code).toBe('SCAN_NO_IMAGE');
  });

  it('an unsupported image filter is bad input', async () => {
    const pdf = await pdfWith(async (doc) => {
      const stream = doc.context.stream(new Uint8Array([0, 1, 2, 3]), { Type: 'XObject', Subtype: 'Image', Width: 100, Height: 100, BitsPerComponent: 1, Filter: 'JBIG2Decode' });
      doc.addPage(A4_POINTS).node.setXObject(PDFName.of('J'), doc.context.register(stream));
    });
    const error = await expectBadInput(loadPages(pdf), /JBIG2Decode are not supported/);
    expect(error.status).toBe(415);
  });

  it('an image claiming more than 40 megapixels is refused before decoding', async () => {
    const pdf = await pdfWith(async (doc) => {
      const stream = doc.context.flateStream(new Uint8Array(10), { Type: 'XObject', Subtype: 'Image', Width: 9000, Height: 9000, BitsPerComponent: 1, ColorSpace: 'DeviceGray' });
      doc.addPage(A4_POINTS).node.setXObject(PDFName.of('Big'), doc.context.register(stream));
    });
    await expectBadInput(loadPages(pdf), /81\.0 megapixels/);
  });

  it(`refuses more than ${MAX_PAGES} pages`, async () => {
    const pdf = await pdfWith(async (doc) => {
      for (let i = 0; i <= MAX_PAGES; i++) doc.addPage(A4_POINTS);
    });
    await expectBadInput(loadPages(pdf), /21 pages, more than the 20 allowed/);
  });
});

describe('bad input', () => {
  it('unknown bytes: unsupported format, whatever the content type', async () => {
    const error = await expectBadInput(loadPages(Buffer.from('GIF89a this is not a scan'), 'image/tiff'), /unsupported scan format \(declared image\/tiff\)/);
    expect(error.status).toBe(415);
  });

  it('empty input', async () => {
    await expectBadInput(loadPages(Buffer.alloc(0)), /empty/);
  });

  it('a corrupt TIFF, a truncated TIFF, a corrupt PNG, JPEG and PDF', async () => {
    await expectBadInput(loadPages(Buffer.from('II*\0\xff\xff\xff\x7fgarbage', 'latin1')), /TIFF could not be decoded/);
    const tiff = await g4(pagePixels({ xDpi: 100 }), 100, 100);
    await expectBadInput(loadPages(tiff.subarray(0, 40)), /could not be decoded/);
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } }).png().toBuffer();
    await expectBadInput(loadPages(Buffer.concat([png.subarray(0, 40), Buffer.alloc(40, 7)])), /PNG could not be decoded/);
    await expectBadInput(loadPages(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3])), /JPEG could not be decoded/);
    await expectBadInput(loadPages(Buffer.from('%PDF-1.4\nthis is no PDF at all')), /PDF/);
  });

  it('random bytes behind a TIFF header', async () => {
    let s = 12345;
    const junk = Buffer.alloc(5000);
    for (let i = 0; i < junk.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      junk[i] = s >>> 24;
    }
    junk.write('MM\0*', 0, 'latin1');
    await expectBadInput(loadPages(junk), /TIFF/);
  });
});

describe('helpers', () => {
  it('undoPredictor: TIFF predictor 2', async () => {
    const doc = await PDFDocument.create();
    const parms = doc.context.obj({ Predictor: 2, Colors: 1, BitsPerComponent: 8, Columns: 4 });
    expect(Array.from(undoPredictor(new Uint8Array([10, 1, 1, 1, 200, 100, 0, 0]), parms, 'test'))).toEqual([10, 11, 12, 13, 200, 44, 44, 44]);
  });
});
