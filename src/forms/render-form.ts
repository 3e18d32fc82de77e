/**
 * Renders one of our printable order forms (a `FormLayout`) as SVG, PNG and PDF: the
 * blank form customers print, and filled-in pages (typed in a DejaVu font, or drawn as
 * seeded hand-written strokes) that tests and the synthetic fax corpus use.
 *
 * The SVG works in millimetres: its viewBox is the page in mm, so every layout coordinate
 * is used as is. Rasterising goes through sharp (librsvg); text uses the DejaVu fonts.
 */
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { encodeMark, markLabel, type MarkValue } from './form-mark.js';
import { pageFields, type BoxedField, type FormField, type FormLayout, type TextField } from './form-layout.js';

export type HandStyle = 'printed-sans' | 'printed-mono' | 'printed-serif' | 'hand';

export interface FormFill {
  /**
   * Field name → what is written. Line fields are named `lines.<row>.<column>` (row from
   * 1), e.g. `lines.1.sku`. Boxed fields take one character per box (see `boxText`: a
   * space leaves a box empty; a short amount is written right-aligned); text fields the text.
   */
  values: Record<string, string>;
  style?: HandStyle;
  /** Seed of the hand-writing jitter (and of nothing else); the same seed draws the same page. */
  seed?: number;
}

export interface RenderOptions {
  /** Page number carried in the mark and printed under it (default 1). */
  page?: number;
  /** Pages of this copy (default `layout.pages`). */
  pageCount?: number;
  fill?: FormFill;
}

export const MM_PER_INCH = 25.4;
/** A4 in PDF points. */
export const A4_POINTS = { width: (210 / MM_PER_INCH) * 72, height: (297 / MM_PER_INCH) * 72 };

const FONT = {
  sans: 'DejaVu Sans',
  mono: 'DejaVu Sans Mono',
  serif: 'DejaVu Serif',
} as const;

/** Cap height (and digit height) of the DejaVu faces, in em. */
const CAP_HEIGHT_EM = 0.729;
/** Box outline: thin and dark grey, visible on paper and through a fax. */
const BOX_STROKE = '#555555';
const BOX_STROKE_MM = 0.3;

// ---------------------------------------------------------------------------------------
// Small deterministic random numbers (mulberry32).

export type Rng = () => number;

export function createRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

// ---------------------------------------------------------------------------------------
// Helpers.

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const n = (v: number): string => (Math.round(v * 1000) / 1000).toString();

function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries({ 'font-family': FONT.sans, 'font-size': 3, fill: '#000', ...attrs })
    .map(([k, v]) => `${k}="${typeof v === 'number' ? n(v) : escapeXml(v)}"`)
    .join(' ');
  return `<text x="${n(x)}" y="${n(y)}" ${a}>${escapeXml(content)}</text>`;
}

/**
 * The character written in each box of a boxed field ('' = empty box). A value as long as
 * the field fills it; a shorter one is left-aligned, except amounts (fields with
 * `decimals`), which are right-aligned like a person writes them (`2490` in 6 boxes →
 * `['', '', '2', '4', '9', '0']`). Spaces leave boxes empty, so `' 12'` writes 12 in the
 * last two of three boxes. Characters beyond the last box are dropped.
 */
export function boxText(field: BoxedField, value: string): string[] {
  const chars = [...value.toUpperCase()];
  const cells: string[] = new Array<string>(field.boxes).fill('');
  const start = field.decimals !== undefined && chars.length < field.boxes ? field.boxes - chars.length : 0;
  chars.forEach((c, i) => {
    const at = start + i;
    if (at < field.boxes) cells[at] = c === ' ' ? '' : c;
  });
  return cells;
}

// ---------------------------------------------------------------------------------------
// Hand-written glyphs: strokes on a 4 × 6 grid (x right, y down). `l` strokes are straight
// polylines, `c` strokes curves (smoothed through their points).

const GLYPH_SOURCE: Record<string, string[]> = {
  '0': ['c 2,0 0.9,0.4 0.35,1.8 0.3,4.2 0.9,5.6 2,6 3.1,5.6 3.7,4.2 3.65,1.8 3.1,0.4 2,0'],
  '1': ['l 0.9,1.3 2.3,0 2.3,6'],
  '2': ['c 0.4,1.3 0.9,0.3 2,0 3.1,0.3 3.6,1.3 3.3,2.6 1.8,4.3 0.3,6', 'l 0.3,6 3.8,6'],
  '3': ['c 0.4,0.7 1.5,0 2.8,0.2 3.5,1.2 3.1,2.3 1.7,2.9 3.2,3.3 3.8,4.5 3.2,5.6 1.8,6 0.3,5.4'],
  '4': ['l 2.9,6 2.9,0 0.2,4.2 3.8,4.2'],
  '5': ['l 3.5,0 0.8,0 0.5,2.7', 'c 0.5,2.7 1.8,2.3 3.1,2.7 3.7,4 3.3,5.4 2,6 0.4,5.5'],
  '6': ['c 3.3,0.4 2.2,0 1,0.7 0.35,2.4 0.3,4.4 0.9,5.7 2.1,6 3.3,5.5 3.7,4.3 3.2,3.2 2,2.9 0.8,3.4 0.35,4.4'],
  '7': ['l 0.2,0 3.8,0 1.4,6'],
  '8': ['c 2,2.8 0.8,2.2 0.6,1 1.3,0.1 2.7,0.1 3.4,1 3.2,2.2 2,2.8 0.6,3.6 0.3,4.8 1,5.8 2,6 3,5.8 3.7,4.8 3.4,3.6 2,2.8'],
  '9': ['c 3.6,2.3 2.7,3.1 1.3,3 0.4,2 0.6,0.8 1.6,0 2.8,0.1 3.5,1 3.6,2.5 3.4,4.5 2.6,5.7 1.4,6 0.5,5.4'],
  A: ['l 0.2,6 2,0 3.8,6', 'l 0.9,3.9 3.1,3.9'],
  B: ['l 0.4,6 0.4,0 2.3,0', 'c 2.3,0 3.3,0.5 3.5,1.5 3,2.6 2.1,2.9', 'l 2.1,2.9 0.4,2.9', 'c 2.1,2.9 3.4,3.4 3.8,4.6 3.3,5.6 2.3,6', 'l 2.3,6 0.4,6'],
  C: ['c 3.6,1 2.8,0.1 1.8,0 0.8,0.6 0.2,2 0.2,4 0.8,5.4 1.8,6 2.8,5.9 3.6,5'],
  D: ['l 0.4,0 0.4,6 1.8,6', 'c 1.8,6 3.1,5.4 3.8,3.8 3.8,2.2 3.1,0.6 1.8,0', 'l 1.8,0 0.4,0'],
  E: ['l 3.6,0 0.4,0 0.4,6 3.6,6', 'l 0.4,3 2.8,3'],
  F: ['l 3.6,0 0.4,0 0.4,6', 'l 0.4,3 2.8,3'],
  G: ['c 3.6,1 2.8,0.1 1.8,0 0.8,0.6 0.2,2 0.2,4 0.8,5.4 1.8,6 2.9,5.9 3.7,5', 'l 3.7,5 3.7,3.5 2.2,3.5'],
  H: ['l 0.4,0 0.4,6', 'l 3.6,0 3.6,6', 'l 0.4,3 3.6,3'],
  I: ['l 2,0 2,6', 'l 1,0 3,0', 'l 1,6 3,6'],
  J: ['l 1.2,0 3.4,0', 'l 2.8,0 2.8,4.2', 'c 2.8,4.2 2.4,5.6 1.4,6 0.6,5.5 0.3,4.6'],
  K: ['l 0.4,0 0.4,6', 'l 3.6,0 0.4,3.7', 'l 1.6,2.6 3.7,6'],
  L: ['l 0.5,0 0.5,6 3.6,6'],
  M: ['l 0.2,6 0.4,0 2,4 3.6,0 3.8,6'],
  N: ['l 0.4,6 0.4,0 3.6,6 3.6,0'],
  O: ['c 2,0 0.6,0.6 0.05,2.4 0.15,4.2 0.8,5.6 2,6 3.2,5.6 3.85,4.2 3.95,2.4 3.4,0.6 2,0'],
  P: ['l 0.4,6 0.4,0 2.4,0', 'c 2.4,0 3.4,0.5 3.7,1.6 3.3,2.7 2.4,3.2', 'l 2.4,3.2 0.4,3.2'],
  Q: ['c 2,0 0.6,0.6 0.05,2.4 0.15,4.2 0.8,5.6 2,6 3.2,5.6 3.85,4.2 3.95,2.4 3.4,0.6 2,0', 'l 2.3,4.3 3.9,6.3'],
  R: ['l 0.4,6 0.4,0 2.4,0', 'c 2.4,0 3.4,0.5 3.7,1.6 3.3,2.7 2.4,3.2', 'l 2.4,3.2 0.4,3.2', 'l 2,3.2 3.7,6'],
  S: ['c 3.5,0.8 2.6,0 1.4,0 0.5,0.6 0.4,1.7 1.1,2.6 2.9,3.3 3.6,4.3 3.5,5.4 2.6,6 1.3,6 0.3,5.2'],
  T: ['l 0.1,0 3.9,0', 'l 2,0 2,6'],
  U: ['l 0.4,0 0.4,4.2', 'c 0.4,4.2 0.9,5.6 2,6 3.1,5.6 3.6,4.2', 'l 3.6,4.2 3.6,0'],
  V: ['l 0.2,0 2,6 3.8,0'],
  W: ['l 0,0 1,6 2,2 3,6 4,0'],
  X: ['l 0.3,0 3.7,6', 'l 3.7,0 0.3,6'],
  Y: ['l 0.2,0 2,3', 'l 3.8,0 2,3 2,6'],
  Z: ['l 0.3,0 3.7,0 0.3,6 3.7,6'],
  '-': ['l 0.8,3.2 3.2,3.2'],
  '.': ['l 1.9,5.7 2.1,5.9'],
  '/': ['l 3.4,0 0.6,6'],
};

interface GlyphStroke {
  curve: boolean;
  points: Array<[number, number]>;
}

const GLYPHS: Record<string, GlyphStroke[]> = Object.fromEntries(
  Object.entries(GLYPH_SOURCE).map(([ch, strokes]) => [
    ch,
    strokes.map((s) => {
      const [kind, ...pts] = s.split(' ');
      return {
        curve: kind === 'c',
        points: pts.map((p) => {
          const [x, y] = p.split(',').map(Number);
          return [x!, y!] as [number, number];
        }),
      };
    }),
  ]),
);

/** The characters the hand-written style can draw (0-9, A-Z and `-./`). */
export const HAND_CHARACTERS = Object.keys(GLYPHS).join('');

/** Smooth path through points (Catmull-Rom as cubic Béziers). */
function smoothPath(points: Array<[number, number]>): string {
  const first = points[0]!;
  let d = `M${n(first[0])} ${n(first[1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    d += `C${n(c1x)} ${n(c1y)} ${n(c2x)} ${n(c2y)} ${n(p2[0])} ${n(p2[1])}`;
  }
  return d;
}

/** Straight strokes as slightly bowed segments (a hand never draws a ruler-straight line). */
function bowedPath(points: Array<[number, number]>, bow: () => number): string {
  const first = points[0]!;
  let d = `M${n(first[0])} ${n(first[1])}`;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const b = bow();
    const cx = (x0 + x1) / 2 - (y1 - y0) * b;
    const cy = (y0 + y1) / 2 + (x1 - x0) * b;
    d += `Q${n(cx)} ${n(cy)} ${n(x1)} ${n(y1)}`;
  }
  return d;
}

/** One writer: the traits that stay the same over a page. */
interface Writer {
  slantDeg: number;
  strokeMm: number;
  heightRatio: number;
  widthRatio: number;
  jitter: number;
}

function makeWriter(rng: Rng): Writer {
  return {
    slantDeg: between(rng, -2, 12),
    strokeMm: between(rng, 0.38, 0.62),
    heightRatio: between(rng, 0.58, 0.7),
    widthRatio: between(rng, 0.85, 1.0),
    jitter: between(rng, 0.08, 0.2),
  };
}

/**
 * A hand-written character centred in the box (x, y, w, h in mm): the glyph's strokes with
 * jittered points, slant, size, rotation and stroke width. Characters without a glyph
 * (see HAND_CHARACTERS) are not drawn.
 */
function handGlyph(ch: string, x: number, y: number, w: number, h: number, writer: Writer, rng: Rng): string {
  const glyph = GLYPHS[ch];
  if (!glyph) return '';
  const gh = h * writer.heightRatio * between(rng, 0.92, 1.06);
  const gw = Math.min(w * 0.8, gh * (4 / 6) * writer.widthRatio * between(rng, 0.92, 1.06));
  const slant = Math.tan(((writer.slantDeg + between(rng, -3, 3)) * Math.PI) / 180);
  const rot = (between(rng, -4, 4) * Math.PI) / 180;
  const cx = x + w / 2 + between(rng, -0.35, 0.35);
  const cy = y + h / 2 + between(rng, -0.35, 0.35);
  const cos = Math.cos(rot);
  const sin = Math.sin(rot);
  const sx = gw / 4;
  const sy = gh / 6;
  const place = ([gx, gy]: [number, number]): [number, number] => {
    const jx = gx + between(rng, -writer.jitter, writer.jitter);
    const jy = gy + between(rng, -writer.jitter, writer.jitter);
    let px = (jx - 2) * sx;
    const py = (jy - 3) * sy;
    px -= py * slant;
    return [cx + px * cos - py * sin, cy + px * sin + py * cos];
  };
  const width = writer.strokeMm * between(rng, 0.9, 1.1);
  const bow = (): number => between(rng, -0.09, 0.09);
  const d = glyph.map((s) => (s.curve ? smoothPath(s.points.map(place)) : bowedPath(s.points.map(place), bow))).join('');
  return `<path d="${d}" fill="none" stroke="#111" stroke-width="${n(width)}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

// ---------------------------------------------------------------------------------------
// Printed characters.

/** Approximate advance widths (em) of DejaVu Sans capitals; digits are 0.636. */
const SANS_WIDTH_EM: Record<string, number> = {
  A: 0.684, B: 0.686, C: 0.698, D: 0.77, E: 0.632, F: 0.575, G: 0.775, H: 0.752, I: 0.295, J: 0.295, K: 0.656, L: 0.557, M: 0.863,
  N: 0.748, O: 0.787, P: 0.603, Q: 0.787, R: 0.695, S: 0.635, T: 0.611, U: 0.732, V: 0.684, W: 0.989, X: 0.685, Y: 0.611, Z: 0.685,
};

function charWidthEm(ch: string, style: HandStyle): number {
  if (style === 'printed-mono') return 0.602;
  const sans = SANS_WIDTH_EM[ch] ?? 0.636;
  return style === 'printed-serif' ? sans * 1.1 : sans;
}

function fontOf(style: HandStyle): string {
  return style === 'printed-mono' ? FONT.mono : style === 'printed-serif' ? FONT.serif : FONT.sans;
}

/** A printed character centred in the box, ~70% of its height, squeezed if too wide. */
function printedGlyph(ch: string, x: number, y: number, w: number, h: number, style: HandStyle): string {
  const size = (h * 0.7) / CAP_HEIGHT_EM;
  const widthMm = charWidthEm(ch, style) * size;
  const squeeze = Math.min(1, (w * 0.82) / widthMm);
  const cx = x + w / 2;
  const baseline = y + h / 2 + (CAP_HEIGHT_EM * size) / 2;
  const transform = squeeze < 1 ? ` transform="translate(${n(cx)} 0) scale(${n(squeeze)} 1) translate(${n(-cx)} 0)"` : '';
  return `<text x="${n(cx)}" y="${n(baseline)}" font-family="${fontOf(style)}" font-size="${n(size)}" text-anchor="middle" fill="#111"${transform}>${escapeXml(ch)}</text>`;
}

// ---------------------------------------------------------------------------------------
// The blank form.

function boxesOutline(f: BoxedField): string {
  const right = f.xMm + f.boxes * f.boxWidthMm;
  let d = `M${n(f.xMm)} ${n(f.yMm)}H${n(right)}V${n(f.yMm + f.boxHeightMm)}H${n(f.xMm)}Z`;
  for (let i = 1; i < f.boxes; i++) {
    const x = f.xMm + i * f.boxWidthMm;
    d += `M${n(x)} ${n(f.yMm)}V${n(f.yMm + f.boxHeightMm)}`;
  }
  let out = `<path d="${d}" fill="none" stroke="${BOX_STROKE}" stroke-width="${BOX_STROKE_MM}"/>`;
  if (f.decimals !== undefined && f.decimals > 0 && f.decimals < f.boxes) {
    // A printed decimal point under the boundary between whole units and cents.
    const x = f.xMm + (f.boxes - f.decimals) * f.boxWidthMm;
    out += `<circle cx="${n(x)}" cy="${n(f.yMm + f.boxHeightMm + 0.9)}" r="0.55" fill="#000"/>`;
  }
  return out;
}

function textOutline(f: TextField): string {
  return `<rect x="${n(f.xMm)}" y="${n(f.yMm)}" width="${n(f.widthMm)}" height="${n(f.heightMm)}" fill="none" stroke="${BOX_STROKE}" stroke-width="${BOX_STROKE_MM}"/>`;
}

function fieldOutline(f: FormField): string {
  return f.kind === 'boxes' ? boxesOutline(f) : textOutline(f);
}

function labelAbove(f: FormField, label: string = f.label): string {
  return text(f.xMm, f.yMm - 1.3, label, { 'font-size': 3 });
}

/** The elements of one page in mm coordinates (no `<svg>` wrapper): see `svgDocument`. */
export function formSvgBody(layout: FormLayout, options: RenderOptions = {}): string {
  const page = options.page ?? 1;
  const pageCount = options.pageCount ?? layout.pages;
  const mark: MarkValue = { formNumber: layout.formNumber, version: layout.version, page, pageCount };
  const parts: string[] = [];
  const W = layout.page.widthMm;

  // Registration squares.
  const s = layout.registration.sizeMm;
  for (const [x, y] of layout.registration.marks) parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(s)}" height="${n(s)}" fill="#000"/>`);

  // Mark strip (black = 1) and its printed code.
  const m = layout.mark;
  const bits = encodeMark(mark);
  let markPath = '';
  bits.forEach((bit, i) => {
    if (bit) markPath += `M${n(m.xMm + i * m.cellWidthMm)} ${n(m.yMm)}h${n(m.cellWidthMm)}v${n(m.cellHeightMm)}h${n(-m.cellWidthMm)}Z`;
  });
  parts.push(`<path d="${markPath}" fill="#000"/>`);
  const stripCentre = m.xMm + (m.bits * m.cellWidthMm) / 2;
  parts.push(text(stripCentre, m.yMm + m.cellHeightMm + 3.6, markLabel(mark), { 'font-family': FONT.mono, 'font-size': 2.8, 'text-anchor': 'middle' }));

  // Title and instructions.
  const firstFieldY = Math.min(...layout.fields.map((f) => f.yMm));
  parts.push(text(20, firstFieldY - 12, layout.title, { 'font-size': 8, 'font-weight': 'bold' }));
  parts.push(
    text(20, firstFieldY - 6.5, 'Write one digit or capital letter per box, in black ink. Prices with cents: 24.90 → 2490 right-aligned.', {
      'font-size': 2.9,
    }),
  );

  // Customer block.
  for (const f of layout.fields) {
    parts.push(labelAbove(f));
    parts.push(fieldOutline(f));
  }

  // Order lines.
  const lines = layout.lines;
  parts.push(text(20, lines.yMm - 8, 'Order lines', { 'font-size': 4, 'font-weight': 'bold' }));
  parts.push(text(W - 19, lines.yMm - 8, 'Leave unused lines empty', { 'font-size': 2.6, 'text-anchor': 'end', fill: '#333' }));
  for (const c of lines.columns) {
    const hint = c.decimals ? `${c.label} (with cents)` : c.label;
    parts.push(text(c.xMm, lines.yMm - 1.3, hint, { 'font-size': 3 }));
  }
  for (let row = 0; row < lines.rows; row++) {
    const y = lines.yMm + row * lines.rowPitchMm;
    const firstColumn = lines.columns[0];
    const h = firstColumn?.boxHeightMm ?? 9;
    parts.push(text((firstColumn?.xMm ?? 20) - 1.5, y + h / 2 + 1.1, String(row + 1), { 'font-size': 3, 'text-anchor': 'end', fill: '#333' }));
  }
  for (const f of pageFields(layout)) if (f.name.startsWith('lines.')) parts.push(fieldOutline(f));

  // Footer (total).
  for (const f of layout.footer) {
    const label = f.kind === 'boxes' && f.decimals ? `${f.label} (with cents)` : f.label;
    parts.push(labelAbove(f, label));
    parts.push(fieldOutline(f));
  }

  // Fax-back note.
  const footerBottom = Math.max(...layout.footer.map((f) => f.yMm + (f.kind === 'boxes' ? f.boxHeightMm : f.heightMm)), lines.yMm + lines.rows * lines.rowPitchMm);
  const noteY = footerBottom + 14;
  parts.push(`<path d="M20 ${n(noteY - 5)}H${n(W - 20)}" stroke="#000" stroke-width="0.25"/>`);
  parts.push(text(20, noteY, 'Fax this page to +44 1632 960000, or e-mail a scan or photo of it to orders@example.com.', { 'font-size': 3 }));
  parts.push(text(20, noteY + 4.5, 'Do not write outside the boxes, and keep the black squares and the code strip at the top clear.', { 'font-size': 3 }));
  parts.push(text(20, noteY + 9, 'We confirm every order by phone or e-mail within one working day.', { 'font-size': 3 }));
  parts.push(
    text(W / 2, layout.registration.marks[2][1] + s / 2 + 1, `${layout.title} · form ${layout.formNumber} version ${layout.version} · page ${page} of ${pageCount}`, {
      'font-size': 2.4,
      'text-anchor': 'middle',
      fill: '#333',
    }),
  );

  if (options.fill) parts.push(fillSvg(layout, options.fill));
  return parts.join('\n');
}

/** The written values of a fill, as SVG elements in mm. */
export function fillSvg(layout: FormLayout, fill: FormFill): string {
  const style = fill.style ?? 'printed-sans';
  const rng = createRng(fill.seed ?? 1);
  const writer = makeWriter(rng);
  const parts: string[] = [];
  for (const f of pageFields(layout)) {
    const value = fill.values[f.name];
    if (value === undefined || value === '') continue;
    if (f.kind === 'boxes') {
      boxText(f, value).forEach((ch, i) => {
        if (!ch) return;
        const x = f.xMm + i * f.boxWidthMm;
        parts.push(style === 'hand' ? handGlyph(ch, x, f.yMm, f.boxWidthMm, f.boxHeightMm, writer, rng) : printedGlyph(ch, x, f.yMm, f.boxWidthMm, f.boxHeightMm, style));
      });
    } else {
      const size = Math.min(5.2, f.heightMm * 0.58);
      const baseline = f.yMm + f.heightMm / 2 + (CAP_HEIGHT_EM * size) / 2;
      if (style === 'hand') {
        const x = f.xMm + 2 + between(rng, 0, 3);
        const tilt = between(rng, -1.5, 1.5);
        parts.push(
          `<text x="${n(x)}" y="${n(baseline)}" font-family="${FONT.sans}" font-style="oblique" font-size="${n(size * between(rng, 0.95, 1.08))}" fill="#111" transform="rotate(${n(tilt)} ${n(x)} ${n(baseline)})">${escapeXml(value)}</text>`,
        );
      } else {
        parts.push(text(f.xMm + 2, baseline, value, { 'font-family': fontOf(style), 'font-size': size, fill: '#111' }));
      }
    }
  }
  return parts.join('\n');
}

export interface SvgDocumentOptions {
  /** Pixel size to render at; the page is stretched to it (anisotropic fax pixels are fine). */
  widthPx?: number;
  heightPx?: number;
  /** An SVG transform (mm) applied to everything on the page, e.g. a skew of the paper. */
  transform?: string;
}

/** Wraps page elements (mm coordinates) in an `<svg>` with a white page. */
export function svgDocument(page: { widthMm: number; heightMm: number }, body: string, options: SvgDocumentOptions = {}): string {
  const size =
    options.widthPx !== undefined && options.heightPx !== undefined
      ? `width="${options.widthPx}" height="${options.heightPx}" preserveAspectRatio="none"`
      : `width="${n(page.widthMm)}mm" height="${n(page.heightMm)}mm"`;
  const content = options.transform ? `<g transform="${escapeXml(options.transform)}">\n${body}\n</g>` : body;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="0 0 ${n(page.widthMm)} ${n(page.heightMm)}">\n` +
    `<rect x="-50" y="-50" width="${n(page.widthMm + 100)}" height="${n(page.heightMm + 100)}" fill="#fff"/>\n${content}\n</svg>\n`
  );
}

/** The page as an SVG document sized in mm (prints at the right size). */
export function formSvg(layout: FormLayout, options: RenderOptions = {}): string {
  return svgDocument(layout.page, formSvgBody(layout, options));
}

export function pagePixels(page: { widthMm: number; heightMm: number }, xDpi: number, yDpi: number = xDpi): { widthPx: number; heightPx: number } {
  return { widthPx: Math.round((page.widthMm / MM_PER_INCH) * xDpi), heightPx: Math.round((page.heightMm / MM_PER_INCH) * yDpi) };
}

/** Rasterises an SVG document to 8-bit greyscale pixels (one channel, 0 black). */
export async function rasterizeSvg(svg: string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

/** The page as a greyscale PNG at `dpi` (default 200), with the density recorded. */
export async function renderFormPng(layout: FormLayout, options: RenderOptions & { dpi?: number } = {}): Promise<Buffer> {
  const dpi = options.dpi ?? 200;
  const svg = svgDocument(layout.page, formSvgBody(layout, options), pagePixels(layout.page, dpi));
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).toColourspace('b-w').withDensity(dpi).png({ compressionLevel: 6 }).toBuffer();
}

/** The page as a one-page PDF at the layout's paper size (A4): the 300-dpi rendering embedded. */
export async function renderFormPdf(layout: FormLayout, options: RenderOptions = {}): Promise<Buffer> {
  const png = await renderFormPng(layout, { ...options, dpi: 300 });
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${layout.title} (form ${layout.formNumber} v${layout.version}, page ${options.page ?? 1})`);
  pdf.setCreator('order-hub render-form');
  // Fixed dates keep the output byte-for-byte reproducible.
  pdf.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  const image = await pdf.embedPng(png);
  const width = (layout.page.widthMm / MM_PER_INCH) * 72;
  const height = (layout.page.heightMm / MM_PER_INCH) * 72;
  const page = pdf.addPage([width, height]);
  page.drawImage(image, { x: 0, y: 0, width, height });
  return Buffer.from(await pdf.save());
}
