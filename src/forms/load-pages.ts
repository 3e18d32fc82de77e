/**
 * Loading a faxed or scanned order into pages the form reader can align: TIFF (fax
 * servers: multi-page, CCITT G3/G4, 1-bit, often 204×98 dpi), PNG, JPEG and PDF (one
 * scanned image per page). Every page comes out as 8-bit greyscale with square pixels
 * (a 204×98 dpi fax page is stretched vertically to 204×204) and its source resolution.
 *
 * The type is taken from the magic bytes, never from the declared content type. Limits
 * (page count, pixels per page, decompressed size) are checked before decoding, so a
 * "fax bomb" is refused as bad input instead of exhausting memory.
 */
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import { BadInputError } from '../sdk/errors/index.js';
import type { PageImage } from './page-image.js';

export interface ScannedPage {
  /** 0-based position in the document. */
  index: number;
  /** 8-bit greyscale, square pixels at `sourceDpi.x / 25.4` px/mm. */
  image: PageImage;
  /** Resolution of the source page (dots per inch) before it was made square. */
  sourceDpi: { x: number; y: number };
}

export type ScanFormat = 'tiff' | 'png' | 'jpeg' | 'pdf';

/** Pages one document may have. */
export const MAX_PAGES = 20;
/** Pixels one page may have, before and after making pixels square. */
export const MAX_PAGE_PIXELS = 40_000_000;
/** Resolution assumed when a file does not say (a typical office scan). */
export const DEFAULT_DPI = 200;
/** The fax horizontal resolution (1728 dots across 215 mm). */
const FAX_DPI = 204;

const MM_PER_INCH = 25.4;
/** Longest page side a stated resolution may imply (A3 is 420 mm). */
const MAX_PAGE_MM = 450;

/** Which kind of file `bytes` is, from its first bytes; undefined when none we read. */
export function sniffScanFormat(bytes: Uint8Array): ScanFormat | undefined {
  const b = bytes;
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && (b[2] === 0x2a || b[2] === 0x2b) && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && (b[3] === 0x2a || b[3] === 0x2b)))) return 'tiff';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  // Some producers put junk before the header; readers accept it within the first 1 KiB.
  const head = Buffer.from(b.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  return undefined;
}

/**
 * Every page of a scanned document as a greyscale image with square pixels.
 * `contentType` is only used in messages: the bytes decide the format.
 * Throws BadInputError for an unknown, corrupt, encrypted, oversized or image-less input.
 */
export async function loadPages(bytes: Buffer, contentType?: string): Promise<ScannedPage[]> {
  if (bytes.length === 0) throw new BadInputError('the scanned document is empty', { code: 'SCAN_EMPTY', status: 422 });
  const format = sniffScanFormat(bytes);
  switch (format) {
    case 'tiff':
      return loadTiff(bytes);
    case 'png':
    case 'jpeg':
      return [await loadSingleImage(bytes, format)];
    case 'pdf':
      return loadPdf(bytes);
    default:
      throw new BadInputError(
        `unsupported scan format${contentType ? ` (declared ${contentType})` : ''}: expected TIFF, PNG, JPEG or PDF`,
        { code: 'SCAN_UNSUPPORTED_FORMAT', status: 415, hint: 'send the fax or scan as TIFF, PDF, PNG or JPEG' },
      );
  }
}

// ---------------------------------------------------------------------------------------
// Shared: decode through sharp to square greyscale pixels

function tooLarge(what: string, pixels: number): BadInputError {
  return new BadInputError(`${what} has ${(pixels / 1e6).toFixed(1)} megapixels, more than the ${MAX_PAGE_PIXELS / 1e6} allowed`, {
    code: 'SCAN_PAGE_TOO_LARGE',
    status: 413,
  });
}

function corrupt(what: string, error: unknown): BadInputError {
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new BadInputError(`${what} could not be decoded: ${detail}`, { code: 'SCAN_CORRUPT', status: 422, cause: error });
}

function checkPixels(what: string, width: number, height: number): void {
  if (!(width > 0 && height > 0)) throw new BadInputError(`${what} has no pixels (${width}×${height})`, { code: 'SCAN_CORRUPT', status: 422 });
  if (width * height > MAX_PAGE_PIXELS) throw tooLarge(what, width * height);
}

function validDpi(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 20 && value <= 4800;
}

/** The usual resolution of an image `width` pixels wide whose file does not say. */
function guessDpi(width: number): number {
  if (width === 1728 || width === 2048 || width === 2432) return FAX_DPI;
  if (width === 3456 || width === 4096 || width === 4864) return 2 * FAX_DPI;
  return DEFAULT_DPI;
}

/**
 * Resolution from what a file says: absolute values (unit inch or cm), an aspect ratio
 * only (unit none) or nothing. Absurd anisotropy (beyond 3:1) is ignored.
 */
function resolveDpi(width: number, height: number, x: number | undefined, y: number | undefined, unit: 'inch' | 'cm' | 'none'): { x: number; y: number } {
  const factor = unit === 'cm' ? 2.54 : 1;
  const dx = x === undefined ? undefined : x * factor;
  const dy = y === undefined ? undefined : y * factor;
  let result: { x: number; y: number };
  // A page larger than A3 means a placeholder (72 dpi, or libvips' 25.4), not a scan resolution.
  const plausible = (d: { x: number; y: number }): boolean => (width / d.x) * MM_PER_INCH <= MAX_PAGE_MM && (height / d.y) * MM_PER_INCH <= MAX_PAGE_MM;
  if (unit !== 'none' && validDpi(dx) && validDpi(dy) && plausible({ x: dx, y: dy })) result = { x: dx, y: dy };
  else if (unit !== 'none' && validDpi(dx) && !validDpi(dy) && plausible({ x: dx, y: dx })) result = { x: dx, y: dx };
  else if (unit !== 'none' && validDpi(dy) && !validDpi(dx) && plausible({ x: dy, y: dy })) result = { x: dy, y: dy };
  else {
    const base = guessDpi(width);
    if (dx !== undefined && dy !== undefined && dx > 0 && dy > 0 && Math.abs(dx - dy) > 0.01 * dx) result = { x: base, y: (base * dy) / dx };
    else if (base === FAX_DPI && height / width >= 0.5 && height / width <= 0.85) {
      // A fax page without resolution tags that is wider than tall is standard mode (98 dpi).
      result = { x: base, y: 98 };
    } else result = { x: base, y: base };
  }
  const ratio = result.y / result.x;
  if (ratio > 3 || ratio < 1 / 3) result = { x: result.x, y: result.x };
  return result;
}

interface Finish {
  index: number;
  what: string;
  dpi: { x: number; y: number };
  /** Source size (before orientation), to size the stretch. */
  width: number;
  height: number;
  invert?: boolean;
  /** Clockwise quarter turns to apply after decoding (PDF /Rotate). */
  rotate?: number;
}

/**
 * Decodes `input` with sharp into 8-bit grey, stretched so both axes have the x
 * resolution, then inverted and turned as asked.
 */
async function finishPage(input: Buffer, options: SharpOptions, f: Finish): Promise<ScannedPage> {
  checkPixels(f.what, f.width, f.height);
  const ratio = f.dpi.x / f.dpi.y;
  checkPixels(f.what, f.width, Math.round(f.height * ratio));
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await sharp(input, { limitInputPixels: MAX_PAGE_PIXELS, failOn: 'error', ...options })
      .flatten({ background: '#ffffff' })
      .toColourspace('b-w')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    throw corrupt(f.what, error);
  }
  const { width, channels } = out.info;
  let height = out.info.height;
  let data: Uint8Array;
  if (channels === 1) data = new Uint8Array(out.data.buffer, out.data.byteOffset, width * height);
  else {
    data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = out.data[i * channels]!;
  }
  // sharp's resize blurs and shifts by half a pixel; a plain vertical linear stretch keeps geometry exact.
  const stretchedHeight = Math.abs(ratio - 1) < 0.005 ? height : Math.max(1, Math.round(height * ratio));
  if (stretchedHeight !== height) {
    checkPixels(f.what, width, stretchedHeight);
    data = stretchRows(data, width, height, stretchedHeight);
    height = stretchedHeight;
  }
  let image: PageImage = { width, height, data, pxPerMm: f.dpi.x / MM_PER_INCH };
  if (f.invert) for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
  let sourceDpi = f.dpi;
  const turns = (((f.rotate ?? 0) % 4) + 4) % 4;
  if (turns !== 0) {
    image = rotateQuarterTurns(image, turns);
    if (turns % 2 === 1) sourceDpi = { x: f.dpi.y, y: f.dpi.x };
  }
  return { index: f.index, image, sourceDpi: { x: round2(sourceDpi.x), y: round2(sourceDpi.y) } };
}

/** Rows resampled (linear, pixel centres aligned) from `height` to `newHeight`. */
export function stretchRows(data: Uint8Array, width: number, height: number, newHeight: number): Uint8Array {
  const out = new Uint8Array(width * newHeight);
  const scale = height / newHeight;
  for (let ty = 0; ty < newHeight; ty++) {
    const sy = Math.min(height - 1, Math.max(0, (ty + 0.5) * scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const wy = sy - y0;
    const a = y0 * width;
    const b = y1 * width;
    const o = ty * width;
    if (wy < 1e-6) out.set(data.subarray(a, a + width), o);
    else for (let x = 0; x < width; x++) out[o + x] = data[a + x]! + (data[b + x]! - data[a + x]!) * wy + 0.5;
  }
  return out;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The image turned clockwise by `turns` quarter turns. */
export function rotateQuarterTurns(image: PageImage, turns: number): PageImage {
  const { width: w, height: h, data } = image;
  const t = ((turns % 4) + 4) % 4;
  if (t === 0) return image;
  const out = new Uint8Array(w * h);
  if (t === 2) {
    for (let i = 0, n = w * h; i < n; i++) out[n - 1 - i] = data[i]!;
    return { ...image, data: out };
  }
  // Clockwise: source (x, y) → (h-1-y, x) in a h-wide image; counter-clockwise: (y, w-1-x).
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const v = data[row + x]!;
      if (t === 1) out[x * h + (h - 1 - y)] = v;
      else out[(w - 1 - x) * h + y] = v;
    }
  }
  return { width: h, height: w, data: out, pxPerMm: image.pxPerMm };
}

// ---------------------------------------------------------------------------------------
// TIFF

export interface TiffIfdInfo {
  /** Position in the IFD chain: the `page` sharp (libtiff) opens. */
  ifdIndex: number;
  width: number;
  height: number;
  /** NewSubfileType (254): bit 0 marks a reduced-resolution copy (thumbnail). */
  subfileType: number;
  compression: number;
  bitsPerSample: number;
  xResolution: number | undefined;
  yResolution: number | undefined;
  /** 1 none, 2 inch (default), 3 centimetre. */
  resolutionUnit: number;
  orientation: number;
}

const TIFF_TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };

/**
 * The image file directories of a TIFF (classic or BigTIFF), in chain order, with what
 * the reader needs per page: size and the XResolution/YResolution/ResolutionUnit tags
 * (282/283/296) that sharp folds into one density. Throws on a malformed structure.
 */
export function readTiffIfds(bytes: Uint8Array, maxIfds = 1000): TiffIfdInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) throw new Error('TIFF header truncated');
  const little = bytes[0] === 0x49;
  const magic = view.getUint16(2, little);
  const big = magic === 43;
  if (magic !== 42 && !big) throw new Error('not a TIFF header');
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  const u64 = (at: number): number => Number(view.getBigUint64(at, little));
  const need = (at: number, length: number): void => {
    if (at < 0 || at + length > bytes.length) throw new Error(`TIFF structure points outside the file (offset ${at})`);
  };
  let offset: number;
  if (big) {
    need(8, 8);
    offset = u64(8);
  } else offset = u32(4);
  const ifds: TiffIfdInfo[] = [];
  const seen = new Set<number>();
  while (offset !== 0) {
    if (seen.has(offset)) throw new Error('TIFF directory chain loops');
    if (ifds.length >= maxIfds) throw new Error(`TIFF has more than ${maxIfds} directories`);
    seen.add(offset);
    const countSize = big ? 8 : 2;
    const entrySize = big ? 20 : 12;
    const inlineSize = big ? 8 : 4;
    need(offset, countSize);
    const count = big ? u64(offset) : u16(offset);
    need(offset + countSize, count * entrySize + (big ? 8 : 4));
    const info: TiffIfdInfo = {
      ifdIndex: ifds.length,
      width: 0,
      height: 0,
      subfileType: 0,
      compression: 1,
      bitsPerSample: 1,
      xResolution: undefined,
      yResolution: undefined,
      resolutionUnit: 2,
      orientation: 1,
    };
    for (let e = 0; e < count; e++) {
      const at = offset + countSize + e * entrySize;
      const tag = u16(at);
      const type = u16(at + 2);
      const n = big ? u64(at + 4) : u32(at + 8 - 4);
      const size = (TIFF_TYPE_SIZES[type] ?? 1) * n;
      const valueAt = size <= inlineSize ? at + (big ? 12 : 8) : big ? u64(at + 12) : u32(at + 8);
      const first = (): number | undefined => {
        if (n < 1) return undefined;
        const unit = TIFF_TYPE_SIZES[type];
        if (unit === undefined) return undefined;
        need(valueAt, unit);
        switch (type) {
          case 1:
          case 7:
            return bytes[valueAt]!;
          case 3:
            return u16(valueAt);
          case 4:
          case 13:
            return u32(valueAt);
          case 16:
          case 18:
            return u64(valueAt);
          case 5: {
            const den = u32(valueAt + 4);
            return den === 0 ? undefined : u32(valueAt) / den;
          }
          case 10: {
            const den = view.getInt32(valueAt + 4, little);
            return den === 0 ? undefined : view.getInt32(valueAt, little) / den;
          }
          case 11:
            return view.getFloat32(valueAt, little);
          case 12:
            return view.getFloat64(valueAt, little);
          default:
            return undefined;
        }
      };
      switch (tag) {
        case 254:
          info.subfileType = first() ?? 0;
          break;
        case 256:
          info.width = first() ?? 0;
          break;
        case 257:
          info.height = first() ?? 0;
          break;
        case 258:
          info.bitsPerSample = first() ?? 1;
          break;
        case 259:
          info.compression = first() ?? 1;
          break;
        case 274:
          info.orientation = first() ?? 1;
          break;
        case 282:
          info.xResolution = first();
          break;
        case 283:
          info.yResolution = first();
          break;
        case 296:
          info.resolutionUnit = first() ?? 2;
          break;
        default:
          break;
      }
    }
    ifds.push(info);
    const nextAt = offset + countSize + count * entrySize;
    offset = big ? u64(nextAt) : u32(nextAt);
  }
  return ifds;
}

function tiffDpi(ifd: TiffIfdInfo): { x: number; y: number } {
  const unit = ifd.resolutionUnit === 3 ? 'cm' : ifd.resolutionUnit === 1 ? 'none' : 'inch';
  return resolveDpi(ifd.width, ifd.height, ifd.xResolution, ifd.yResolution, unit);
}

async function loadTiff(bytes: Buffer): Promise<ScannedPage[]> {
  let ifds: TiffIfdInfo[];
  try {
    // Thumbnails do not count as pages, but a chain far longer than the page limit is refused early.
    ifds = readTiffIfds(bytes, MAX_PAGES * 4 + 8);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('more than')) throw new BadInputError(`the TIFF has more than ${MAX_PAGES} pages`, { code: 'SCAN_TOO_MANY_PAGES', status: 413 });
    throw corrupt('the TIFF', error);
  }
  const pages = ifds.filter((ifd) => (ifd.subfileType & 1) === 0);
  if (pages.length === 0) throw new BadInputError('the TIFF has no pages', { code: 'SCAN_CORRUPT', status: 422 });
  if (pages.length > MAX_PAGES) {
    throw new BadInputError(`the TIFF has ${pages.length} pages, more than the ${MAX_PAGES} allowed`, { code: 'SCAN_TOO_MANY_PAGES', status: 413 });
  }
  for (const [i, ifd] of pages.entries()) checkPixels(`TIFF page ${i + 1}`, ifd.width, ifd.height);
  const result: ScannedPage[] = [];
  for (const [i, ifd] of pages.entries()) {
    let dpi = tiffDpi(ifd);
    let { width, height } = ifd;
    const autoOrient = ifd.orientation > 1 && ifd.orientation <= 8;
    if (autoOrient && ifd.orientation >= 5) {
      [width, height] = [height, width];
      dpi = { x: dpi.y, y: dpi.x };
    }
    result.push(await finishPage(bytes, { page: ifd.ifdIndex, autoOrient }, { index: i, what: `TIFF page ${i + 1}`, dpi, width, height }));
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// PNG and JPEG

/** Resolution from a PNG pHYs chunk or a JPEG JFIF header, when the file states one. */
function declaredResolution(bytes: Buffer, format: 'png' | 'jpeg'): { x: number; y: number; unit: 'inch' | 'cm' | 'none' } | undefined {
  if (format === 'png') {
    let at = 8;
    while (at + 8 <= bytes.length) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.toString('latin1', at + 4, at + 8);
      if (type === 'IDAT' || type === 'IEND') break;
      if (type === 'pHYs' && length >= 9 && at + 17 <= bytes.length) {
        const x = bytes.readUInt32BE(at + 8);
        const y = bytes.readUInt32BE(at + 12);
        const unit = bytes[at + 16];
        // Unit 1: pixels per metre.
        return unit === 1 ? { x: x * 0.0254, y: y * 0.0254, unit: 'inch' } : { x, y, unit: 'none' };
      }
      at += 12 + length;
    }
    return undefined;
  }
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) break;
    const length = bytes.readUInt16BE(at + 2);
    if (marker === 0xe0 && length >= 14 && at + 16 <= bytes.length && bytes.toString('latin1', at + 4, at + 9) === 'JFIF\0') {
      const unit = bytes[at + 11];
      const x = bytes.readUInt16BE(at + 12);
      const y = bytes.readUInt16BE(at + 14);
      return { x, y, unit: unit === 1 ? 'inch' : unit === 2 ? 'cm' : 'none' };
    }
    at += 2 + length;
  }
  return undefined;
}

async function loadSingleImage(bytes: Buffer, format: 'png' | 'jpeg'): Promise<ScannedPage> {
  const what = format === 'png' ? 'the PNG' : 'the JPEG';
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw corrupt(what, error);
  }
  let width = meta.width ?? 0;
  let height = meta.height ?? 0;
  const declared = declaredResolution(bytes, format);
  let dpi: { x: number; y: number };
  if (declared && declared.unit !== 'none') dpi = resolveDpi(width, height, declared.x, declared.y, declared.unit);
  else if (validDpi(meta.density)) {
    dpi = { x: meta.density, y: meta.density };
    if (declared && declared.x > 0 && declared.y > 0) dpi.y = (meta.density * declared.y) / declared.x;
  } else dpi = resolveDpi(width, height, declared?.x, declared?.y, 'none');
  const orientation = meta.orientation ?? 1;
  if (orientation >= 5 && orientation <= 8) {
    [width, height] = [height, width];
    dpi = { x: dpi.y, y: dpi.x };
  }
  return finishPage(bytes, { autoOrient: true }, { index: 0, what, dpi, width, height });
}

// ---------------------------------------------------------------------------------------
// PDF

const FILTER_ALIASES: Record<string, string> = {
  Fl: 'FlateDecode',
  LZW: 'LZWDecode',
  A85: 'ASCII85Decode',
  AHx: 'ASCIIHexDecode',
  RL: 'RunLengthDecode',
  DCT: 'DCTDecode',
  CCF: 'CCITTFaxDecode',
};

/** Decoded sizes past this are refused whatever the image claims (decompression bombs). */
const MAX_DECODED_BYTES = 256 * 1024 * 1024;

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

function numberIn(dict: PDFDict | undefined, key: string): number | undefined {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

function boolIn(dict: PDFDict | undefined, key: string): boolean | undefined {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFBool ? value.asBoolean() : undefined;
}

function numbersOf(array: PDFArray | undefined): number[] {
  if (!array) return [];
  const out: number[] = [];
  for (let i = 0; i < array.size(); i++) {
    const v = array.lookup(i);
    out.push(v instanceof PDFNumber ? v.asNumber() : NaN);
  }
  return out;
}

function unsupported(what: string, detail: string): BadInputError {
  return new BadInputError(`${what}: ${detail}`, { code: 'SCAN_UNSUPPORTED_IMAGE', status: 415, hint: 'send the fax as TIFF, or a PDF with JPEG, Flate or CCITT images' });
}

interface FoundImage {
  stream: PDFRawStream;
  width: number;
  height: number;
}

/** The largest image XObject a page draws (looking into form XObjects too). */
function findPageImage(context: PDFContext, resources: PDFDict | undefined, depth = 0, seen = new Set<PDFObject>()): FoundImage | undefined {
  if (!resources || depth > 4) return undefined;
  const xobjects = resources.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return undefined;
  let best: FoundImage | undefined;
  for (const [, ref] of xobjects.entries()) {
    const object = context.lookup(ref);
    if (!(object instanceof PDFRawStream) || seen.has(object)) continue;
    seen.add(object);
    const subtype = nameOf(object.dict.lookup(PDFName.of('Subtype')));
    let candidate: FoundImage | undefined;
    if (subtype === 'Image') {
      const width = numberIn(object.dict, 'Width') ?? 0;
      const height = numberIn(object.dict, 'Height') ?? 0;
      candidate = { stream: object, width, height };
    } else if (subtype === 'Form') {
      const inner = object.dict.lookup(PDFName.of('Resources'));
      candidate = findPageImage(context, inner instanceof PDFDict ? inner : undefined, depth + 1, seen);
    }
    if (candidate && (!best || candidate.width * candidate.height > best.width * best.height)) best = candidate;
  }
  return best;
}

type ColorSpace =
  | { kind: 'gray' | 'rgb' | 'cmyk' | 'lab' | 'separation'; components: number }
  | { kind: 'indexed'; components: 1; hival: number; palette: Uint8Array /* grey per index */ };

function resolveColorSpace(context: PDFContext, object: PDFObject | undefined, what: string, depth = 0): ColorSpace {
  if (depth > 3) throw unsupported(what, 'colour space nests too deeply');
  const resolved = object === undefined ? undefined : context.lookup(object);
  const name = nameOf(resolved);
  if (resolved === undefined) return { kind: 'gray', components: 1 };
  if (name !== undefined) {
    if (name === 'DeviceGray' || name === 'G' || name === 'CalGray') return { kind: 'gray', components: 1 };
    if (name === 'DeviceRGB' || name === 'RGB' || name === 'CalRGB') return { kind: 'rgb', components: 3 };
    if (name === 'DeviceCMYK' || name === 'CMYK') return { kind: 'cmyk', components: 4 };
    throw unsupported(what, `colour space /${name} is not supported`);
  }
  if (resolved instanceof PDFArray && resolved.size() > 0) {
    const family = nameOf(resolved.lookup(0));
    switch (family) {
      case 'CalGray':
        return { kind: 'gray', components: 1 };
      case 'CalRGB':
        return { kind: 'rgb', components: 3 };
      case 'Lab':
        return { kind: 'lab', components: 3 };
      case 'ICCBased': {
        const profile = resolved.lookup(1);
        const n = profile instanceof PDFRawStream ? numberIn(profile.dict, 'N') : undefined;
        if (n === 1) return { kind: 'gray', components: 1 };
        if (n === 3) return { kind: 'rgb', components: 3 };
        if (n === 4) return { kind: 'cmyk', components: 4 };
        throw unsupported(what, `ICC colour space with ${n ?? 'unknown'} components`);
      }
      case 'Separation':
        return { kind: 'separation', components: 1 };
      case 'Indexed':
      case 'I': {
        const base = resolveColorSpace(context, resolved.get(1), what, depth + 1);
        if (base.kind === 'indexed') throw unsupported(what, 'indexed colour space over an indexed one');
        const hival = Math.max(0, Math.min(255, Math.floor(Number(numbersOf(resolved).at(2)))));
        const lookup = resolved.lookup(3);
        let table: Uint8Array;
        if (lookup instanceof PDFString || lookup instanceof PDFHexString) table = lookup.asBytes();
        else if (lookup instanceof PDFRawStream) table = decodePDFRawStream(lookup).decode();
        else throw unsupported(what, 'indexed colour space without a lookup table');
        const palette = new Uint8Array(hival + 1);
        const n = base.components;
        for (let i = 0; i <= hival; i++) {
          const c = (k: number): number => (table[i * n + k] ?? 0) / 255;
          palette[i] = greyOf(base.kind, [c(0), c(1), c(2), c(3)]);
        }
        return { kind: 'indexed', components: 1, hival, palette };
      }
      default:
        throw unsupported(what, `colour space /${family ?? '?'} is not supported`);
    }
  }
  throw unsupported(what, 'unreadable colour space');
}

/** Grey level (0 black … 255 white) of components normalised to 0..1 (Lab: L in 0..100). */
function greyOf(kind: ColorSpace['kind'], c: number[]): number {
  const a = c[0] ?? 0;
  const b = c[1] ?? 0;
  const d = c[2] ?? 0;
  const e = c[3] ?? 0;
  let v: number;
  switch (kind) {
    case 'gray':
      v = a;
      break;
    case 'rgb':
      v = 0.299 * a + 0.587 * b + 0.114 * d;
      break;
    case 'cmyk':
      v = 1 - Math.min(1, 0.3 * a + 0.59 * b + 0.11 * d + e);
      break;
    case 'lab':
      v = a / 100;
      break;
    case 'separation':
      v = 1 - a;
      break;
    default:
      v = a;
  }
  return Math.max(0, Math.min(255, Math.round(v * 255)));
}

/** Undoes a Flate/LZW predictor (2 = TIFF, ≥ 10 = PNG row filters). */
export function undoPredictor(data: Uint8Array, parms: PDFDict | undefined, what: string): Uint8Array {
  const predictor = numberIn(parms, 'Predictor') ?? 1;
  if (predictor <= 1) return data;
  const colors = numberIn(parms, 'Colors') ?? 1;
  const bpc = numberIn(parms, 'BitsPerComponent') ?? 8;
  const columns = numberIn(parms, 'Columns') ?? 1;
  const rowBytes = Math.ceil((columns * colors * bpc) / 8);
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  if (!(rowBytes > 0)) throw unsupported(what, 'predictor with no columns');
  if (predictor === 2) {
    if (bpc !== 8 && bpc !== 16) throw unsupported(what, `TIFF predictor with ${bpc} bits per component`);
    const out = new Uint8Array(data);
    const rows = Math.floor(out.length / rowBytes);
    for (let r = 0; r < rows; r++) {
      const row = r * rowBytes;
      if (bpc === 8) {
        for (let i = colors; i < rowBytes; i++) out[row + i] = (out[row + i]! + out[row + i - colors]!) & 0xff;
      } else {
        for (let i = colors * 2; i + 1 < rowBytes; i += 2) {
          const v = ((out[row + i]! << 8) | out[row + i + 1]!) + ((out[row + i - colors * 2]! << 8) | out[row + i - colors * 2 + 1]!);
          out[row + i] = (v >> 8) & 0xff;
          out[row + i + 1] = v & 0xff;
        }
      }
    }
    return out;
  }
  if (predictor < 10) throw unsupported(what, `predictor ${predictor} is not supported`);
  const stride = rowBytes + 1;
  const rows = Math.ceil(data.length / stride);
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const src = r * stride;
    const dst = r * rowBytes;
    const type = data[src] ?? 0;
    const available = Math.min(rowBytes, data.length - src - 1);
    for (let i = 0; i < available; i++) {
      const raw = data[src + 1 + i]!;
      const left = i >= bpp ? out[dst + i - bpp]! : 0;
      const up = r > 0 ? out[dst - rowBytes + i]! : 0;
      const upLeft = r > 0 && i >= bpp ? out[dst - rowBytes + i - bpp]! : 0;
      let v: number;
      switch (type) {
        case 0:
          v = raw;
          break;
        case 1:
          v = raw + left;
          break;
        case 2:
          v = raw + up;
          break;
        case 3:
          v = raw + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new BadInputError(`${what}: PNG predictor row filter ${type} is invalid`, { code: 'SCAN_CORRUPT', status: 422 });
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

/**
 * A minimal single-strip TIFF around CCITT data from a PDF, so libtiff (through sharp)
 * decodes it. Photometric is WhiteIsZero, so the codec's white runs come out white.
 */
export function wrapCcittInTiff(data: Uint8Array, p: { k: number; columns: number; rows: number; byteAlign: boolean }): Buffer {
  const g4 = p.k < 0;
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, 4, p.columns],
    [257, 4, p.rows],
    [258, 3, 1],
    [259, 3, g4 ? 4 : 3],
    [262, 3, 0],
    [266, 3, 1],
    [273, 4, 0], // patched below: data offset
    [277, 3, 1],
    [278, 4, p.rows],
    [279, 4, data.length],
    g4 ? [293, 4, 0] : [292, 4, (p.k > 0 ? 1 : 0) | (p.byteAlign ? 4 : 0)],
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = ifdOffset + ifdSize;
  const out = Buffer.alloc(dataOffset + data.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) out.writeUInt16LE(v, at + 8);
    else out.writeUInt32LE(v, at + 8);
  });
  out.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);
  out.set(data, dataOffset);
  return out;
}

type DecodedPdfImage =
  | { kind: 'encoded'; input: Buffer; invert: boolean; width: number; height: number }
  | { kind: 'grey'; data: Uint8Array; width: number; height: number };

function decodeArrayInverts(decode: number[]): boolean {
  return decode.length >= 2 && decode[0]! > decode[1]!;
}

function decodePdfImage(context: PDFContext, stream: PDFRawStream, what: string): DecodedPdfImage {
  const dict = stream.dict;
  const width = Math.floor(numberIn(dict, 'Width') ?? 0);
  const height = Math.floor(numberIn(dict, 'Height') ?? 0);
  checkPixels(what, width, height);
  const imageMask = boolIn(dict, 'ImageMask') === true;
  const filterObject = dict.lookup(PDFName.of('Filter'));
  const parmsObject = dict.lookup(PDFName.of('DecodeParms'));
  const filters: string[] = [];
  const parms: Array<PDFDict | undefined> = [];
  if (filterObject instanceof PDFArray) {
    for (let i = 0; i < filterObject.size(); i++) {
      filters.push(nameOf(filterObject.lookup(i)) ?? '?');
      const p = parmsObject instanceof PDFArray ? parmsObject.lookup(i) : undefined;
      parms.push(p instanceof PDFDict ? p : undefined);
    }
  } else if (filterObject !== undefined) {
    filters.push(nameOf(filterObject) ?? '?');
    parms.push(parmsObject instanceof PDFDict ? parmsObject : undefined);
  }
  const decodeObject = dict.lookup(PDFName.of('Decode'));
  const decode = numbersOf(decodeObject instanceof PDFArray ? decodeObject : undefined);

  let data: Uint8Array = stream.contents;
  for (let i = 0; i < filters.length; i++) {
    const filter = FILTER_ALIASES[filters[i]!] ?? filters[i]!;
    const p = parms[i];
    const last = i === filters.length - 1;
    switch (filter) {
      case 'FlateDecode': {
        // Raw samples have a known size: allow that (plus predictor bytes), not a bomb.
        const cap = last ? Math.min(MAX_DECODED_BYTES, expectedSampleBytes(context, dict, width, height, imageMask, what) + height + 65536) : MAX_DECODED_BYTES;
        try {
          data = inflateSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: cap });
        } catch (error) {
          if (error instanceof RangeError) {
            throw new BadInputError(`${what} decompresses to more than the ${cap} bytes its size allows`, { code: 'SCAN_PAGE_TOO_LARGE', status: 413 });
          }
          throw corrupt(what, error);
        }
        data = undoPredictor(data, p, what);
        break;
      }
      case 'LZWDecode':
      case 'ASCII85Decode':
      case 'ASCIIHexDecode':
      case 'RunLengthDecode': {
        const single = context.obj({ Filter: filter }) as PDFDict;
        if (p) single.set(PDFName.of('DecodeParms'), p);
        try {
          data = decodePDFRawStream(PDFRawStream.of(single, data)).decode();
        } catch (error) {
          throw corrupt(what, error);
        }
        if (data.length > MAX_DECODED_BYTES) throw tooLarge(`${what} (decompressed)`, MAX_DECODED_BYTES);
        if (filter === 'LZWDecode') data = undoPredictor(data, p, what);
        break;
      }
      case 'DCTDecode': {
        if (!last) throw unsupported(what, 'DCTDecode followed by another filter');
        return { kind: 'encoded', input: Buffer.from(data), invert: decodeArrayInverts(decode), width, height };
      }
      case 'CCITTFaxDecode': {
        if (!last) throw unsupported(what, 'CCITTFaxDecode followed by another filter');
        const k = numberIn(p, 'K') ?? 0;
        const columns = Math.floor(numberIn(p, 'Columns') ?? 1728);
        const declaredRows = Math.floor(numberIn(p, 'Rows') ?? 0);
        const rows = declaredRows > 0 ? declaredRows : height;
        checkPixels(what, columns, rows);
        const blackIs1 = boolIn(p, 'BlackIs1') === true;
        const byteAlign = boolIn(p, 'EncodedByteAlign') === true;
        // The codec gives black runs as black. BlackIs1 false (default) makes black runs
        // 0 samples, which /DeviceGray (or an image mask) paints black; BlackIs1 true and
        // a [1 0] Decode each flip that.
        const invert = blackIs1 !== decodeArrayInverts(decode);
        return { kind: 'encoded', input: wrapCcittInTiff(data, { k, columns, rows, byteAlign }), invert, width: columns, height: rows };
      }
      default:
        throw unsupported(what, `images compressed with /${filter} are not supported`);
    }
  }
  return { kind: 'grey', data: samplesToGrey(context, dict, data, width, height, imageMask, decode, what), width, height };
}

/** Bytes of uncompressed samples an image of this size and colour space has. */
function expectedSampleBytes(context: PDFContext, dict: PDFDict, width: number, height: number, imageMask: boolean, what: string): number {
  const components = imageMask ? 1 : resolveColorSpace(context, dict.lookup(PDFName.of('ColorSpace')), what).components;
  const bpc = imageMask ? 1 : numberIn(dict, 'BitsPerComponent') ?? 8;
  return height * Math.ceil((width * components * bpc) / 8);
}

/** Uncompressed image samples (any bit depth, colour space and Decode) to 8-bit grey. */
function samplesToGrey(context: PDFContext, dict: PDFDict, data: Uint8Array, width: number, height: number, imageMask: boolean, decode: number[], what: string): Uint8Array {
  const space: ColorSpace = imageMask ? { kind: 'gray', components: 1 } : resolveColorSpace(context, dict.lookup(PDFName.of('ColorSpace')), what);
  const bpc = imageMask ? 1 : numberIn(dict, 'BitsPerComponent') ?? 8;
  if (![1, 2, 4, 8, 16].includes(bpc)) throw unsupported(what, `${bpc} bits per component`);
  const n = space.components;
  const maxSample = bpc === 16 ? 255 : (1 << bpc) - 1; // 16-bit samples are read by their high byte
  const rowBytes = Math.ceil((width * n * bpc) / 8);
  // Per component: sample value → normalised value (after Decode), as a table.
  const tables: Float32Array[] = [];
  for (let c = 0; c < n; c++) {
    const table = new Float32Array(maxSample + 1);
    const defMin = 0;
    const defMax = space.kind === 'indexed' ? (1 << Math.min(bpc, 8)) - 1 : space.kind === 'lab' && c === 0 ? 100 : 1;
    const dmin = Number.isFinite(decode[2 * c]) ? decode[2 * c]! : defMin;
    const dmax = Number.isFinite(decode[2 * c + 1]) ? decode[2 * c + 1]! : defMax;
    for (let s = 0; s <= maxSample; s++) table[s] = dmin + (s * (dmax - dmin)) / maxSample;
    tables.push(table);
  }
  const out = new Uint8Array(width * height);
  const sample = (row: number, index: number): number => {
    if (bpc === 8) return data[row + index] ?? -1;
    if (bpc === 16) return data[row + index * 2] ?? -1;
    const bit = index * bpc;
    const byte = data[row + (bit >> 3)];
    if (byte === undefined) return -1;
    return (byte >> (8 - bpc - (bit & 7))) & maxSample;
  };
  // Fast paths for the common cases.
  if (n === 1 && space.kind !== 'indexed') {
    const lut = new Uint8Array(maxSample + 1);
    for (let s = 0; s <= maxSample; s++) lut[s] = greyOf(space.kind, [tables[0]![s]!]);
    for (let y = 0; y < height; y++) {
      const row = y * rowBytes;
      for (let x = 0; x < width; x++) {
        const s = sample(row, x);
        out[y * width + x] = s < 0 ? 255 : lut[s]!;
      }
    }
    return out;
  }
  if (space.kind === 'indexed') {
    for (let y = 0; y < height; y++) {
      const row = y * rowBytes;
      for (let x = 0; x < width; x++) {
        const s = sample(row, x);
        const index = s < 0 ? -1 : Math.max(0, Math.min(space.hival, Math.round(tables[0]![s]!)));
        out[y * width + x] = index < 0 ? 255 : space.palette[index]!;
      }
    }
    return out;
  }
  const comps = [0, 0, 0, 0];
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      let missing = false;
      for (let c = 0; c < n; c++) {
        const s = sample(row, x * n + c);
        if (s < 0) missing = true;
        else comps[c] = tables[c]![s]!;
      }
      out[y * width + x] = missing ? 255 : greyOf(space.kind, comps);
    }
  }
  return out;
}

async function loadPdf(bytes: Buffer): Promise<ScannedPage[]> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch (error) {
    throw corrupt('the PDF', error);
  }
  if (doc.isEncrypted) throw new BadInputError('the PDF is encrypted', { code: 'SCAN_ENCRYPTED', status: 422, hint: 'send the scan without a password' });
  let pages;
  try {
    pages = doc.getPages();
  } catch (error) {
    throw corrupt('the PDF page tree', error);
  }
  if (pages.length === 0) throw new BadInputError('the PDF has no pages', { code: 'SCAN_CORRUPT', status: 422 });
  if (pages.length > MAX_PAGES) {
    throw new BadInputError(`the PDF has ${pages.length} pages, more than the ${MAX_PAGES} allowed`, { code: 'SCAN_TOO_MANY_PAGES', status: 413 });
  }
  const context = doc.context;
  const found = pages.map((page, i) => {
    const what = `PDF page ${i + 1}`;
    let image: FoundImage | undefined;
    try {
      image = findPageImage(context, page.node.Resources());
    } catch (error) {
      throw corrupt(what, error);
    }
    if (!image) {
      throw new BadInputError(`${what} has no image: not a scan or fax`, { code: 'SCAN_NO_IMAGE', status: 422, hint: 'send the scanned or faxed pages, not a generated PDF' });
    }
    checkPixels(what, image.width, image.height);
    return image;
  });
  const result: ScannedPage[] = [];
  for (const [i, page] of pages.entries()) {
    try {
      result.push(await loadPdfPage(context, page, i, found[i]!));
    } catch (error) {
      if (error instanceof BadInputError) throw error;
      throw corrupt(`PDF page ${i + 1}`, error);
    }
  }
  return result;
}

async function loadPdfPage(context: PDFContext, page: PDFPage, i: number, image: FoundImage): Promise<ScannedPage> {
  const what = `PDF page ${i + 1}`;
  const box = page.getMediaBox();
  const decoded = decodePdfImage(context, image.stream, what);
  const widthIn = Math.abs(box.width) / 72;
  const heightIn = Math.abs(box.height) / 72;
  const raw = { x: widthIn > 0 ? decoded.width / widthIn : NaN, y: heightIn > 0 ? decoded.height / heightIn : NaN };
  const dpi = resolveDpi(decoded.width, decoded.height, raw.x, raw.y, 'inch');
  const rotate = Math.round((((page.getRotation().angle % 360) + 360) % 360) / 90);
  const f: Finish = { index: i, what, dpi, width: decoded.width, height: decoded.height, rotate };
  if (decoded.kind === 'encoded') {
    // The codec's own size wins over what the dictionary claims.
    let meta: Metadata;
    try {
      meta = await sharp(decoded.input, { limitInputPixels: false }).metadata();
    } catch (error) {
      throw corrupt(what, error);
    }
    const width = meta.width ?? decoded.width;
    const height = meta.height ?? decoded.height;
    const actualDpi = width === decoded.width && height === decoded.height ? dpi : resolveDpi(width, height, width / widthIn, height / heightIn, 'inch');
    return finishPage(decoded.input, {}, { ...f, dpi: actualDpi, width, height, invert: decoded.invert });
  }
  return finishPage(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length), { raw: { width: decoded.width, height: decoded.height, channels: 1 } }, f);
}
