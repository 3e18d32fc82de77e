/**
 * Reading the fields of an aligned page (see align-page.ts: a field at (x mm, y mm) is at
 * pixel (x·pxPerMm, y·pxPerMm)).
 *
 * A boxed field holds one character per box. Each box is cropped `BOX_INSET_MM` inside
 * its outline (the ~0.3 mm border is centred on the outline, so 0.5 mm leaves ~2 px of
 * clearance; 0.8 mm cut the descenders of printed J and Q), then cleaned: stretches of
 * border showing along the crop's edges (a page 1-2 px off) and fax specks (dark
 * connected components under `SPECK_AREA_MM2`) are painted white. The box is written when
 * the remaining ink covers at least `MIN_INK_RATIO` of it. Each written box is normalised
 * (cropped to its ink, scaled so the glyph is `GLYPH_HEIGHT_PX` high, padded with white)
 * and read as a single character with the field's charset. Blank boxes are never sent to
 * OCR, and a line row whose item number, quantity and unit price are all blank is
 * returned blank outright.
 *
 * Look-alikes the OCR engines cannot settle are settled by shape against the same page:
 * O against 0 in alnum boxes by the page's own zeros (see `settleOZero`), and a narrow
 * 7 is treated as a 1 with a long flag. Ink touching the crop's edge (a glyph partly cut
 * off) lowers the confidence.
 *
 * A value is the written characters in box order. Blank boxes are dropped at the start
 * and end (amounts are right-aligned, codes left-aligned); a blank box between written
 * ones stays as ' ' with confidence 0: a person should look. A written box OCR cannot
 * read gives '?' with confidence 0. The field's confidence is its weakest character's.
 *
 * A text field is cropped inside its zone and read as one line (no whitelist).
 */
import sharp from 'sharp';
import { pageFields, type BoxedField, type FormLayout, type TextField } from './form-layout.js';
import type { OcrEngine, OcrResult } from './ocr-engine.js';
import type { PageImage } from './page-image.js';

export interface FieldReading {
  name: string;
  value: string;
  /** 0-100: the weakest character's (100 for a blank field). */
  confidence: number;
  blank: boolean;
  chars: Array<{ char: string; confidence: number; blank: boolean }>;
}

export interface ReadFieldsOptions {
  /** Read only the fields this accepts (by name, `lines.<row>.<column>` for line fields). */
  only?: (fieldName: string) => boolean;
}

/** Distance from each side of a box to the crop, in mm (the border is ~0.3 mm wide). */
export const BOX_INSET_MM = 0.5;
/** A pixel darker than this (0-255) is ink. */
export const DARK_LEVEL = 140;
/** Dark connected components smaller than this (mm²) are fax noise. ~0.25 mm² = 16 px at 8 px/mm. */
export const SPECK_AREA_MM2 = 0.25;
/** A box is written when at least this share of its crop is ink (after removing specks). */
export const MIN_INK_RATIO = 0.015;
/** Height a glyph is scaled to before OCR (tesseract reads ~40-60 px glyphs best). */
export const GLYPH_HEIGHT_PX = 48;
/** White margin around a glyph or line sent to OCR. */
const PAD_PX = 16;
/** The columns of a line row that decide whether the row is filled in. */
const ROW_COLUMNS = ['sku', 'quantity', 'unitPrice'];

/** A greyscale raster (0 black, 255 white), row-major. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The rectangle [x0, x1) × [y0, y1) of the page in pixels; pixels off the page are white. */
export function cropPixels(page: PageImage, x0: number, y0: number, x1: number, y1: number): Gray {
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const py = y + y0;
    if (py < 0 || py >= page.height) continue;
    const fromX = Math.max(0, -x0);
    const toX = Math.min(width, page.width - x0);
    if (toX <= fromX) continue;
    const start = py * page.width + x0;
    data.set(page.data.subarray(start + fromX, start + toX), y * width + fromX);
  }
  return { width, height, data };
}

/** The crop of the inside of box `index` of a boxed field. */
export function boxCrop(page: PageImage, field: BoxedField, index: number): Gray {
  const ppm = page.pxPerMm;
  const left = field.xMm + index * field.boxWidthMm + BOX_INSET_MM;
  const right = field.xMm + (index + 1) * field.boxWidthMm - BOX_INSET_MM;
  const top = field.yMm + BOX_INSET_MM;
  const bottom = field.yMm + field.boxHeightMm - BOX_INSET_MM;
  return cropPixels(page, Math.round(left * ppm), Math.round(top * ppm), Math.round(right * ppm), Math.round(bottom * ppm));
}

export interface Ink {
  /** Share of the crop's pixels that are ink, specks and border remnants excluded. */
  ratio: number;
  /** Bounding box of the ink kept [x0, x1) × [y0, y1); empty when there is none. */
  box: { x0: number; y0: number; x1: number; y1: number } | null;
  /** The crop with specks and border remnants painted white. */
  clean: Gray;
}

/**
 * The ink of a crop: dark 8-connected components, without specks (smaller than
 * `speckPx`) and without components lying entirely within `edgePx` of the crop's edge
 * (the box border showing through a slightly misaligned or rotated page).
 */
export function analyseInk(input: Gray, speckPx: number, edgePx = 2): Ink {
  const crop = removeBorderLines(input, BORDER_BAND_PX);
  const { width, height, data } = crop;
  const total = width * height;
  let dark = 0;
  for (let i = 0; i < total; i++) if (data[i]! < DARK_LEVEL) dark++;
  // Fast path: too little ink overall to be written, whatever the components are.
  if (dark === 0 || dark < MIN_INK_RATIO * total) return { ratio: 0, box: null, clean: crop };
  const labels = new Int32Array(total).fill(-1);
  const clean = new Uint8Array(data);
  const stack: number[] = [];
  const pixels: number[] = [];
  let inked = 0;
  let bx0 = width, by0 = height, bx1 = 0, by1 = 0;
  for (let start = 0; start < total; start++) {
    if (labels[start] !== -1 || data[start]! >= DARK_LEVEL) continue;
    pixels.length = 0;
    stack.push(start);
    labels[start] = start;
    let cx0 = width, cy0 = height, cx1 = 0, cy1 = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      pixels.push(p);
      const x = p % width;
      const y = (p - x) / width;
      if (x < cx0) cx0 = x;
      if (x > cx1) cx1 = x;
      if (y < cy0) cy0 = y;
      if (y > cy1) cy1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (labels[q] === -1 && data[q]! < DARK_LEVEL) {
            labels[q] = start;
            stack.push(q);
          }
        }
      }
    }
    // Entirely within `edgePx` of one side: the box border showing through.
    const nearEdge = cx1 < edgePx || cy1 < edgePx || cx0 >= width - edgePx || cy0 >= height - edgePx;
    if (pixels.length < speckPx || nearEdge) {
      // Paint the component and its anti-aliased fringe white.
      for (const p of pixels) {
        const x = p % width;
        const y = (p - x) / width;
        clean[p] = 255;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = y + dy;
          if (ny < 0 || ny >= height) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            if (nx >= 0 && nx < width) clean[ny * width + nx] = 255;
          }
        }
      }
      continue;
    }
    inked += pixels.length;
    if (cx0 < bx0) bx0 = cx0;
    if (cy0 < by0) by0 = cy0;
    if (cx1 + 1 > bx1) bx1 = cx1 + 1;
    if (cy1 + 1 > by1) by1 = cy1 + 1;
  }
  const ratio = inked / total;
  return { ratio, box: inked > 0 ? { x0: bx0, y0: by0, x1: bx1, y1: by1 } : null, clean: { width, height, data: clean } };
}

/** Rows and columns this close to a crop's edge are checked for a stretch of box border. */
const BORDER_BAND_PX = 4;

/**
 * The crop with stretches of box border painted white: any row (column) within `band`
 * pixels of the top or bottom (left or right) edge that is dark over more than 3/4 of its
 * length. A misaligned or slightly rotated page shows a strip of the border there, which
 * would otherwise count as ink and merge with a glyph touching it.
 */
export function removeBorderLines(crop: Gray, band: number): Gray {
  const { width, height } = crop;
  let data: Uint8Array | null = null;
  const isLine = (count: number, length: number) => count > 0.75 * length;
  const rows = [...Array(Math.min(band, height)).keys()].flatMap((i) => [i, height - 1 - i]);
  const cols = [...Array(Math.min(band, width)).keys()].flatMap((i) => [i, width - 1 - i]);
  for (const y of rows) {
    let dark = 0;
    for (let x = 0; x < width; x++) if (crop.data[y * width + x]! < DARK_LEVEL) dark++;
    if (isLine(dark, width)) {
      data ??= new Uint8Array(crop.data);
      data.fill(255, y * width, (y + 1) * width);
    }
  }
  for (const x of cols) {
    let dark = 0;
    for (let y = 0; y < height; y++) if (crop.data[y * width + x]! < DARK_LEVEL) dark++;
    if (isLine(dark, height)) {
      data ??= new Uint8Array(crop.data);
      for (let y = 0; y < height; y++) data[y * width + x] = 255;
    }
  }
  return data ? { width, height, data } : crop;
}

/** Bilinear resampling of a greyscale raster to `width` × `height` (area-averaged when shrinking). */
export function resize(src: Gray, width: number, height: number): Gray {
  const out = new Uint8Array(width * height);
  const sx = src.width / width;
  const sy = src.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(src.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(src.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(src.width - 1, x0 + 1);
      const wx = fx - x0;
      const top = src.data[y0 * src.width + x0]! * (1 - wx) + src.data[y0 * src.width + x1]! * wx;
      const bottom = src.data[y1 * src.width + x0]! * (1 - wx) + src.data[y1 * src.width + x1]! * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, data: out };
}

/** `src` centred on a white canvas with `pad` pixels on every side. */
export function pad(src: Gray, padPx: number): Gray {
  const width = src.width + 2 * padPx;
  const height = src.height + 2 * padPx;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < src.height; y++) data.set(src.data.subarray(y * src.width, (y + 1) * src.width), (y + padPx) * width + padPx);
  return { width, height, data };
}

export function sub(src: Gray, x0: number, y0: number, x1: number, y1: number): Gray {
  return cropPixels({ ...src, pxPerMm: 1 }, x0, y0, x1, y1);
}

export async function toPng(img: Gray): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The glyph of a written box ready for OCR: its ink (plus 1 px), scaled to `GLYPH_HEIGHT_PX` high, padded white. */
export function glyphImage(ink: Ink): Gray {
  const { clean, box } = ink;
  if (!box) return pad(clean, PAD_PX);
  const glyph = sub(clean, box.x0 - 1, box.y0 - 1, box.x1 + 1, box.y1 + 1);
  // Scale by height, but never stretch a flat mark (a dash, a scribble) more than 3× or wider than 2.5 glyph heights.
  const scale = Math.min(GLYPH_HEIGHT_PX / glyph.height, 3, (2.5 * GLYPH_HEIGHT_PX) / glyph.width);
  const scaled = resize(glyph, Math.max(1, Math.round(glyph.width * scale)), Math.max(1, Math.round(glyph.height * scale)));
  return pad(scaled, PAD_PX);
}

type Char = FieldReading['chars'][number];

/** One box of a boxed field: its ink and, when written, what OCR read. */
interface BoxRead {
  ink: Ink;
  written: boolean;
  result?: OcrResult;
}

/** The shape of a box's ink that tells O from 0: width / height, and whether the middle is inked (a dotted or slashed zero). */
export interface GlyphShape {
  aspect: number;
  centreInk: boolean;
}

export function glyphShape(ink: Ink): GlyphShape | null {
  const b = ink.box;
  if (!b) return null;
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  const cx0 = Math.round(b.x0 + 0.3 * w), cx1 = Math.round(b.x0 + 0.7 * w);
  const cy0 = Math.round(b.y0 + 0.3 * h), cy1 = Math.round(b.y0 + 0.7 * h);
  let dark = 0;
  for (let y = cy0; y < cy1; y++) for (let x = cx0; x < cx1; x++) if (ink.clean.data[y * ink.clean.width + x]! < DARK_LEVEL) dark++;
  return { aspect: w / h, centreInk: dark >= Math.max(3, 0.02 * (cx1 - cx0) * (cy1 - cy0)) };
}

/** How the zeros of this page (read in digits-only fields, so certainly zeros) look. */
export interface ZeroReference {
  /** Median width / height. */
  aspect: number;
  /** Relative spread of their aspects (standard deviation / median); a printed font's zeros are all alike, a hand's are not. */
  spread: number;
  /** Whether most are dotted or slashed. */
  centreInk: boolean;
  count: number;
}

/** Spread assumed before measuring any (a hand's zeros vary by about this much). */
const DEFAULT_ZERO_SPREAD = 0.06;
const ZERO_SPREAD_PRIOR_WEIGHT = 2;

export function zeroReference(shapes: GlyphShape[]): ZeroReference | null {
  if (shapes.length === 0) return null;
  const aspects = shapes.map((s) => s.aspect).sort((a, b) => a - b);
  const mid = aspects.length >> 1;
  const aspect = aspects.length % 2 ? aspects[mid]! : (aspects[mid - 1]! + aspects[mid]!) / 2;
  // The spread measured from a few zeros is unreliable: pool it with the prior as if
  // that were measured on ZERO_SPREAD_PRIOR_WEIGHT zeros.
  const mean = aspects.reduce((a, b) => a + b, 0) / aspects.length;
  const sumSq = aspects.reduce((a, b) => a + ((b - mean) / aspect) ** 2, 0);
  const spread = Math.sqrt((ZERO_SPREAD_PRIOR_WEIGHT * DEFAULT_ZERO_SPREAD ** 2 + sumSq) / (ZERO_SPREAD_PRIOR_WEIGHT + aspects.length - 1));
  return { aspect, spread, centreInk: shapes.filter((s) => s.centreInk).length * 2 > shapes.length, count: shapes.length };
}

/**
 * O or 0 in an alnum box whose OCR readings are all O or 0 (both engines are biased here:
 * the legacy one reads nearly every plain oval as O, the LSTM as 0), settled by shape
 * against the page's own zeros:
 * - a dot or slash in the middle: a zero (90);
 * - this page's zeros are dotted or slashed and this oval is not: an O (85);
 * - else by width: an oval as narrow as the page's zeros is a 0, one wider than them by
 *   more than twice their spread (and at least 8%) is an O. The confidence grows with the
 *   distance from that boundary, up to 90 when the zeros are all alike (a printed font)
 *   and less the more they vary (a hand whose O and 0 differ little cannot be trusted);
 * - no zeros on the page: the wider-is-O guess at 60 at most, for a person to check.
 */
export function settleOZero(shape: GlyphShape, ref: ZeroReference | null, fallback: string): { char: string; confidence: number } {
  if (shape.centreInk) return { char: '0', confidence: 90 };
  if (ref?.centreInk) return { char: 'O', confidence: 85 };
  if (ref) {
    const s = Math.max(0.02, ref.spread);
    const q = shape.aspect / ref.aspect;
    const boundary = 1 + Math.max(0.08, 2 * s);
    const ceiling = Math.max(50, Math.min(90, 90 - 800 * (s - 0.02)));
    const distance = Math.min(1, Math.abs(q - boundary) / Math.max(0.08, 2 * s));
    return { char: q >= boundary ? 'O' : '0', confidence: 50 + (ceiling - 50) * distance };
  }
  const d = (shape.aspect - 0.76) / 0.12;
  return { char: Math.abs(d) < 0.3 ? fallback : d > 0 ? 'O' : '0', confidence: Math.min(60, 30 + 30 * Math.abs(d)) };
}

/**
 * A 7 narrower than this (width / height) is more likely a 1 with a long flag, the
 * classic hand-writing confusion (both engines read such 1s as 7 with confidence > 90).
 */
const NARROW_SEVEN_ASPECT = 0.42;
const NARROW_SEVEN_CONFIDENCE = 45;
/** Confidence factor of a narrow glyph read 7 by the legacy engine and 1 by the LSTM, taken as a 1. */
const NARROW_ONE_FACTOR = 0.85;

/** Whether an OCR result is "some oval": every engine that read one character read O or 0. */
function isOvalReading(result: OcrResult | undefined): boolean {
  const texts = (result?.readings ?? [{ text: result?.text ?? '' }]).map((r) => r.text).filter((t) => t.length > 0);
  return texts.length > 0 && texts.every((t) => t === 'O' || t === '0');
}

/**
 * Ink reaching the crop's edge may continue beyond it: part of the glyph is cut off (a
 * descender crossing the box border, a character written over it), so its reading is
 * less certain (confidence × `TRUNCATED_FACTOR`).
 */
const TRUNCATED_FACTOR = 0.85;

function touchesEdge(ink: Ink): boolean {
  const b = ink.box;
  return !!b && (b.x0 === 0 || b.y0 === 0 || b.x1 === ink.clean.width || b.y1 === ink.clean.height);
}

async function ocrBoxes(page: PageImage, field: BoxedField, engine: OcrEngine, speckPx: number): Promise<BoxRead[]> {
  const inks = Array.from({ length: field.boxes }, (_, i) => analyseInk(boxCrop(page, field, i), speckPx));
  return Promise.all(inks.map(async (ink): Promise<BoxRead> => {
    if (ink.ratio < MIN_INK_RATIO) return { ink, written: false };
    const result = await engine.recognize(await toPng(glyphImage(ink)), { charset: field.charset, mode: 'char' });
    return { ink, written: true, result };
  }));
}

function boxChars(field: BoxedField, boxes: BoxRead[], zeros: ZeroReference | null): Char[] {
  return boxes.map((box): Char => {
    if (!box.written || !box.result) return { char: ' ', confidence: 100, blank: true };
    const text = box.result.text.trim();
    if (field.charset === 'alnum' && isOvalReading(box.result)) {
      const shape = glyphShape(box.ink);
      if (shape) return { ...settleOZero(shape, zeros, text.length === 1 ? text : 'O'), blank: false };
    }
    if (text.length !== 1) return { char: '?', confidence: 0, blank: false };
    let confidence = box.result.confidence;
    let char = text;
    const narrow = (glyphShape(box.ink)?.aspect ?? 1) < NARROW_SEVEN_ASPECT;
    const lstm = box.result.readings?.find((r) => r.engine === 'lstm');
    const legacy = box.result.readings?.find((r) => r.engine === 'legacy');
    if (narrow && legacy?.text === '7' && lstm?.text === '1') {
      // The legacy engine's 7 against the LSTM's 1, on a glyph too narrow for a 7: a 1.
      char = '1';
      confidence = lstm.confidence * NARROW_ONE_FACTOR;
    } else if (narrow && text === '7') {
      confidence = Math.min(confidence, NARROW_SEVEN_CONFIDENCE);
    }
    if (touchesEdge(box.ink)) confidence *= TRUNCATED_FACTOR;
    return { char, confidence, blank: false };
  });
}

/** A field's reading from its boxes' (see the module comment for the rules). */
export function assemble(name: string, chars: Char[]): FieldReading {
  const first = chars.findIndex((c) => !c.blank);
  if (first === -1) return { name, value: '', confidence: 100, blank: true, chars };
  let last = chars.length - 1;
  while (chars[last]!.blank) last--;
  const inner = chars.map((c, i) => (c.blank && i > first && i < last ? { ...c, confidence: 0 } : c));
  const used = inner.slice(first, last + 1);
  const value = used.map((c) => (c.blank ? ' ' : c.char)).join('');
  const confidence = Math.min(...used.map((c) => c.confidence));
  return { name, value, confidence, blank: false, chars: inner };
}

function blankReading(field: BoxedField | TextField): FieldReading {
  const chars = field.kind === 'boxes' ? Array.from({ length: field.boxes }, () => ({ char: ' ', confidence: 100, blank: true })) : [];
  return { name: field.name, value: '', confidence: 100, blank: true, chars };
}

async function readTextField(page: PageImage, field: TextField, engine: OcrEngine): Promise<FieldReading> {
  const ppm = page.pxPerMm;
  const crop = cropPixels(page,
    Math.round((field.xMm + BOX_INSET_MM) * ppm), Math.round((field.yMm + BOX_INSET_MM) * ppm),
    Math.round((field.xMm + field.widthMm - BOX_INSET_MM) * ppm), Math.round((field.yMm + field.heightMm - BOX_INSET_MM) * ppm));
  const ink = analyseInk(crop, SPECK_AREA_MM2 * ppm * ppm);
  // A line of text has far less ink per area than a glyph in a box: any kept ink counts.
  if (!ink.box) return blankReading(field);
  const line = sub(ink.clean, ink.box.x0 - 2, ink.box.y0 - 2, ink.box.x1 + 2, ink.box.y1 + 2);
  // Scale a short line up to ~40 px high (lines are not shrunk).
  const scale = Math.max(1, Math.min(3, 40 / line.height));
  const img = pad(scale > 1 ? resize(line, Math.round(line.width * scale), Math.round(line.height * scale)) : line, PAD_PX);
  const result = await engine.recognize(await toPng(img), { charset: 'text', mode: 'line' });
  const value = result.text.trim();
  if (!value) return { name: field.name, value: '', confidence: 0, blank: false, chars: [] };
  return {
    name: field.name, value, confidence: result.confidence, blank: false,
    chars: result.symbols.map((s) => ({ char: s.text, confidence: s.confidence, blank: false })),
  };
}

/** Whether a line row (`lines.<row>.`) has any ink in its sku, quantity or unit price boxes. */
function rowIsBlank(page: PageImage, fields: Array<BoxedField | TextField>, speckPx: number): boolean {
  for (const field of fields) {
    if (field.kind !== 'boxes') continue;
    for (let i = 0; i < field.boxes; i++) if (analyseInk(boxCrop(page, field, i), speckPx).ratio >= MIN_INK_RATIO) return false;
  }
  return true;
}

export async function readFields(page: PageImage, layout: FormLayout, engine: OcrEngine, options: ReadFieldsOptions = {}): Promise<FieldReading[]> {
  const only = options.only ?? (() => true);
  const all = pageFields(layout);
  const fields = all.filter((f) => only(f.name));
  const speckPx = SPECK_AREA_MM2 * page.pxPerMm * page.pxPerMm;
  // Rows whose sku, quantity and unit price are all blank: blank readings, no OCR at all.
  const rows = new Map<string, Array<BoxedField | TextField>>();
  for (const field of all) {
    const m = /^lines\.(\d+)\.(.+)$/.exec(field.name);
    if (!m || !ROW_COLUMNS.includes(m[2]!)) continue;
    rows.set(m[1]!, [...(rows.get(m[1]!) ?? []), field]);
  }
  const blankRows = new Set<string>();
  for (const [row, rowFields] of rows) if (rowIsBlank(page, rowFields, speckPx)) blankRows.add(row);
  const rowOf = (name: string) => /^lines\.(\d+)\./.exec(name)?.[1];
  const live = (f: BoxedField | TextField) => {
    const row = rowOf(f.name);
    return row === undefined || !blankRows.has(row);
  };

  // OCR every written box (and text zone) at once: the engine's pool queues them.
  const boxed = new Map<string, BoxRead[]>();
  const texts = new Map<string, FieldReading>();
  await Promise.all(fields.filter(live).map(async (field) => {
    if (field.kind === 'boxes') boxed.set(field.name, await ocrBoxes(page, field, engine, speckPx));
    else texts.set(field.name, await readTextField(page, field, engine));
  }));
  // Zeros written in digits-only fields show how this page's zeros look (for O/0 in codes).
  // Other digits fields of the page are read too when `only` left them out, but only if an alnum field needs them.
  const digitFields = all.filter((f): f is BoxedField => f.kind === 'boxes' && f.charset === 'digits' && live(f));
  const needsZeros = [...boxed.entries()].some(([name, boxes]) => fields.find((f) => f.name === name)?.charset === 'alnum' && boxes.some((b) => b.written && isOvalReading(b.result)));
  const zeroShapes: GlyphShape[] = [];
  if (needsZeros) {
    for (const field of digitFields) {
      const boxes = boxed.get(field.name) ?? (await ocrBoxes(page, field, engine, speckPx));
      for (const box of boxes) {
        if (box.written && box.result?.text === '0' && box.result.confidence >= 60) {
          const shape = glyphShape(box.ink);
          if (shape) zeroShapes.push(shape);
        }
      }
    }
  }
  const zeros = zeroReference(zeroShapes);

  return fields.map((field) => {
    if (!live(field)) return blankReading(field);
    if (field.kind === 'text') return texts.get(field.name)!;
    return assemble(field.name, boxChars(field, boxed.get(field.name)!, zeros));
  });
}
