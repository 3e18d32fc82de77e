/**
 * A deterministic corpus of synthetic faxed order forms with their ground truth, for the
 * form reader's tests and its evaluation (`npm run ocr:eval`).
 *
 * Each case is an order for a customer of `data/customers.csv` with 1–6 lines from
 * `data/catalog.csv`, written on our order form (`mappings/forms/order-form-v1.json`) in a
 * printed DejaVu font or in drawn hand-writing, then degraded like a fax:
 *
 * - the paper: rotated −3…+3° about the page centre and shifted up to ±3 mm, drawn at
 *   300 dpi (librsvg; sharp renders the SVG straight at the output scale, which is the
 *   same as rendering at 300 dpi and area-averaging down);
 * - the scanner: resampled to fax resolution — fine 204 × 196 dpi or standard
 *   204 × 98 dpi (anisotropic pixels) — and thresholded to 1 bit (threshold 115–150);
 * - the line: salt-and-pepper speckle (density 0–0.5 %), and the sending machine's header
 *   line at the top (`2024-03-05 10:42  FROM +44…  P.1/1`);
 * - the file: TIFF Group 4 (`image/tiff`, XResolution/YResolution set, one IFD per page),
 *   PDF with the page image at A4 size (`application/pdf`, PNG- or JPEG-embedded), or a
 *   200-dpi greyscale scan (`image/png`, not thresholded, slightly blurred, greyish paper).
 *
 * Some faxes have two pages: a cover sheet (plain text, not our form) and the form, in
 * either order. About 15 % of the cases are wrong orders a person must review
 * (`truth.expect: 'review'`, `truth.why`): a total that does not match the lines, an
 * unknown SKU, a quantity of 0, a phone with a wrong digit and no account (no customer
 * matches), a box scribbled over, a transmission error over a line, a missing total.
 * Every other case is a correct order (`expect: 'accept'`), though a hand-written or noisy
 * one may fairly go to review; only accepting a wrong order is an error.
 *
 * `truth.values` are the characters written per field as in `FormFill.values` but without
 * the blanks used to place them: `unitPrice` is `2490` (written right-aligned) or `002490`
 * (zero-padded); amounts compare by value. Postcodes are written without their space.
 *
 * The case plan (traits, order) depends only on the seed and the case number, so
 * `count` and `only` do not change the cases that are generated: `only` picks among the
 * first `count` planned cases, which keep their ids.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { readCsvTable } from '../../src/sdk/csv-table.js';
import { loadFormLayout, pageFields, type BoxedField, type FormLayout } from '../../src/forms/form-layout.js';
import { createRng, escapeXml, formSvgBody, pagePixels, svgDocument, type HandStyle, type Rng } from '../../src/forms/render-form.js';

export interface CorpusCase {
  /** e.g. `c001-sans-fine-clean`, `c014-hand-standard-skewed-2p`, `c006-mono-png200-bad-total`. */
  id: string;
  file: string;
  contentType: 'image/tiff' | 'application/pdf' | 'image/png';
  bytes: Buffer;
  truth: {
    formNumber: number;
    version: number;
    /** The field values written, as in FormFill.values (blanks dropped). */
    values: Record<string, string>;
    expect: 'accept' | 'review';
    /** For review cases: what is wrong. */
    why?: string;
    /** Account number of the customer who sent the order (absent when none can be identified). */
    customer?: string;
  };
  traits: { style: HandStyle; resolution: 'fine' | 'standard' | 'png-200'; rotationDeg: number; noise: number; pages: number };
}

export interface CorpusOptions {
  /** Cases to plan (default 60). */
  count?: number;
  seed?: number;
  /** Generate only the planned cases whose traits pass. */
  only?: (traits: CorpusCase['traits'], id: string) => boolean;
}

export interface CatalogItem {
  sku: string;
  description: string;
  unitPrice: string;
  cents: number;
  currency: string;
}

export interface Customer {
  account: string;
  phone: string;
  name: string;
  line1: string;
  city: string;
  postcode: string;
  country: string;
  email: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS_FILES = {
  layout: `${ROOT}mappings/forms/order-form-v1.json`,
  catalog: `${ROOT}data/catalog.csv`,
  customers: `${ROOT}data/customers.csv`,
};

export async function loadCatalog(file = CORPUS_FILES.catalog): Promise<CatalogItem[]> {
  const table = readCsvTable(await readFile(file));
  if (table.problems.length) throw new Error(`${file}: ${table.problems.join('; ')}`);
  return table.rows.map(({ cells }) => ({
    sku: cells.sku!,
    description: cells.description!,
    unitPrice: cells.unit_price!,
    cents: Math.round(Number(cells.unit_price) * 100),
    currency: cells.currency!,
  }));
}

export async function loadCustomers(file = CORPUS_FILES.customers): Promise<Customer[]> {
  const table = readCsvTable(await readFile(file));
  if (table.problems.length) throw new Error(`${file}: ${table.problems.join('; ')}`);
  return table.rows.map(({ cells }) => ({
    account: cells.account!,
    phone: cells.phone!,
    name: cells.name!,
    line1: cells.line1!,
    city: cells.city!,
    postcode: cells.postcode!,
    country: cells.country!,
    email: cells.email ?? '',
  }));
}

/** SKUs that OCR could confuse (O/0, I/1, S/5, B/8, Z/2) map to the same key. */
export function confusableKey(code: string): string {
  return code.toUpperCase().replace(/[OISBZ]/g, (c) => ({ O: '0', I: '1', S: '5', B: '8', Z: '2' })[c] ?? c);
}

// ---------------------------------------------------------------------------------------
// Planning: what each case is (cheap, no rendering).

type Format = 'tiff' | 'pdf-png' | 'pdf-jpeg' | 'png';
type Flaw = 'bad-total' | 'unknown-sku' | 'zero-qty' | 'phone-no-match' | 'scribble' | 'line-noise' | 'no-total';
const FLAWS: Flaw[] = ['bad-total', 'unknown-sku', 'zero-qty', 'phone-no-match', 'scribble', 'line-noise', 'no-total'];

/** Formats and pages by case number, repeating every 10 (tiff 50 %, pdf 30 %, png 20 %; 2 pages 20 %). */
const FORMAT_CYCLE: Array<{ format: Format; resolution: CorpusCase['traits']['resolution']; cover?: 'before' | 'after' }> = [
  { format: 'tiff', resolution: 'fine' },
  { format: 'tiff', resolution: 'standard' },
  { format: 'pdf-png', resolution: 'fine' },
  { format: 'png', resolution: 'png-200' },
  { format: 'tiff', resolution: 'fine', cover: 'before' },
  { format: 'pdf-jpeg', resolution: 'standard' },
  { format: 'tiff', resolution: 'standard' },
  { format: 'tiff', resolution: 'fine' },
  { format: 'pdf-png', resolution: 'standard', cover: 'after' },
  { format: 'png', resolution: 'png-200' },
];
/** Writing styles, walked with a stride so they do not follow the formats: 20 % hand. */
const STYLE_CYCLE: HandStyle[] = ['printed-sans', 'printed-mono', 'printed-serif', 'hand', 'printed-sans', 'printed-serif', 'printed-mono', 'printed-sans', 'hand', 'printed-serif'];

interface Plan {
  index: number;
  id: string;
  format: Format;
  cover?: 'before' | 'after';
  traits: CorpusCase['traits'];
  flaw?: Flaw;
  values: Record<string, string>;
  /** How each value is placed in the boxes (with blanks). */
  fill: Record<string, string>;
  why?: string;
  customer?: Customer;
  shiftMm: [number, number];
  threshold: number;
  renderSeed: number;
  scribble?: string;
  noiseRow?: number;
}

function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x85ebca6b, 0xc2b2ae35) + Math.imul(b + 0x27d4eb2f, 0x165667b1)) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const intBetween = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const money = (cents: number): string => (cents / 100).toFixed(2);

function styleName(style: HandStyle): string {
  return style === 'hand' ? 'hand' : style.replace('printed-', '');
}

/** The three places (0-19) of the review cases in block `block` of 20 cases. */
function reviewSlotsOf(seed: number, block: number): number[] {
  const rng = createRng(mix(seed ^ 0x3c6ef372, block));
  const slots: number[] = [];
  while (slots.length < 3) {
    const slot = Math.floor(rng() * 20);
    if (!slots.includes(slot)) slots.push(slot);
  }
  return slots.sort((a, b) => a - b);
}

function planCase(index: number, seed: number, catalog: CatalogItem[], customers: Customer[], layout: FormLayout): Plan {
  const rng = createRng(mix(seed, index));
  const slot = FORMAT_CYCLE[index % FORMAT_CYCLE.length]!;
  // Each block of 10 walks the styles from another start, so styles and formats mix.
  const block = Math.floor(index / FORMAT_CYCLE.length);
  const style = STYLE_CYCLE[(index + 7 * block) % STYLE_CYCLE.length]!;
  // Three review cases in every 20 (at seeded places), the kinds in turn.
  const reviewSlots = reviewSlotsOf(seed, Math.floor(index / 20));
  const reviewAt = reviewSlots.indexOf(index % 20);
  const flaw = reviewAt >= 0 ? FLAWS[(Math.floor(index / 20) * 3 + reviewAt + seed) % FLAWS.length] : undefined;

  const rotationDeg = round(rng() < 0.7 ? between(rng, -2, 2) : (rng() < 0.5 ? -1 : 1) * between(rng, 2, 3), 2);
  let noise = round(rng() < 0.6 ? between(rng, 0, 0.002) : between(rng, 0.002, 0.005), 4);
  if (flaw === 'line-noise') noise = 0.04;
  const shiftMm: [number, number] = [round(between(rng, -3, 3), 2), round(between(rng, -3, 3), 2)];
  const threshold = intBetween(rng, 115, 150);

  // The order.
  const customer = pick(rng, customers);
  const values: Record<string, string> = {};
  const fill: Record<string, string> = {};
  const put = (name: string, value: string, placed: string = value) => {
    values[name] = value;
    fill[name] = placed;
  };
  const who = rng();
  // Both 55 %, phone only 37 %, account only 8 %.
  if (who < 0.92) put('phone', customer.phone);
  if (who < 0.55 || who >= 0.92) put('account', customer.account);
  if (rng() < 0.8) put('name', customer.name);
  if (rng() < 0.7) put('postcode', customer.postcode.replace(/\s/g, '').toUpperCase());

  const lineCount = pick(rng, [1, 1, 2, 2, 2, 3, 3, 4, 5, 6]);
  const chosen: CatalogItem[] = [];
  while (chosen.length < lineCount) {
    const item = pick(rng, catalog);
    if (!chosen.includes(item)) chosen.push(item);
  }
  const skipRow = lineCount >= 2 && lineCount < layout.lines.rows && rng() < 0.1 ? intBetween(rng, 2, lineCount) : undefined;
  const quantityField = layout.lines.columns.find((c) => c.name === 'quantity')!;
  const priceField = layout.lines.columns.find((c) => c.name === 'unitPrice')!;
  const totalField = layout.footer.find((f) => f.name === 'total') as BoxedField;
  const lines: Array<{ row: number; sku: string; quantity: number; cents: number }> = [];
  chosen.forEach((item, i) => {
    const row = skipRow !== undefined && i + 1 >= skipRow ? i + 2 : i + 1;
    const q = rng();
    const quantity = q < 0.6 ? intBetween(rng, 1, 10) : q < 0.9 ? intBetween(rng, 11, 50) : intBetween(rng, 51, 99);
    lines.push({ row, sku: item.sku, quantity, cents: item.cents });
  });

  let why: string | undefined;
  let scribble: string | undefined;
  let noiseRow: number | undefined;
  let identified: Customer | undefined = customer;
  const target = lines[Math.floor(rng() * lines.length)]!;
  switch (flaw) {
    case 'unknown-sku': {
      const known = new Set(catalog.map((c) => confusableKey(c.sku)));
      const distance = (a: string, b: string) => [...a].filter((c, i) => c !== b[i]).length;
      let sku = '';
      do {
        const base = pick(rng, catalog).sku;
        sku = `${base.slice(0, 3)}${intBetween(rng, 1000, 9999)}${pick(rng, [...'ACDEFGHKMNPRTUVWXY'])}`;
      } while (known.has(confusableKey(sku)) || catalog.some((c) => distance(confusableKey(c.sku), confusableKey(sku)) < 2));
      why = `line ${target.row}: SKU ${sku} is not in the catalog`;
      target.sku = sku;
      break;
    }
    case 'zero-qty':
      why = `line ${target.row}: quantity 0`;
      target.quantity = 0;
      break;
    case 'scribble':
      scribble = `lines.${target.row}.${rng() < 0.5 ? 'quantity' : 'sku'}`;
      why = `${scribble} is scribbled over: its value cannot be read`;
      break;
    case 'line-noise':
      noiseRow = target.row;
      why = `transmission noise over line ${target.row} (and 4 % speckle): the line cannot be read`;
      break;
    default:
      break;
  }

  for (const line of lines) {
    put(`lines.${line.row}.sku`, line.sku);
    const qty = String(line.quantity);
    const placedQty = line.quantity === 0 ? pick(rng, ['0', '00', '000']) : rng() < 0.6 ? qty : qty.padStart(quantityField.boxes, ' ');
    put(`lines.${line.row}.quantity`, placedQty.trim(), placedQty);
    const price = String(line.cents);
    put(`lines.${line.row}.unitPrice`, rng() < 0.3 ? price.padStart(priceField.boxes, '0') : price);
  }
  const sum = lines.reduce((acc, l) => acc + l.quantity * l.cents, 0);
  let total = sum;
  if (flaw === 'bad-total') {
    total = pick(rng, [sum + 1000, sum - 100 > 0 ? sum - 100 : sum + 100, sum + 9, sum * 10]);
    why = `the total ${money(total)} does not match the lines (${money(sum)})`;
  }
  if (flaw === 'no-total') why = 'no total is written';
  else put('total', rng() < 0.2 ? String(total).padStart(totalField.boxes, '0') : String(total));

  if (flaw === 'phone-no-match') {
    const phones = new Set(customers.map((c) => c.phone));
    let wrong = customer.phone;
    while (phones.has(wrong)) {
      const at = intBetween(rng, 2, customer.phone.length - 1);
      wrong = wrong.slice(0, at) + String((Number(wrong[at]) + intBetween(rng, 1, 9)) % 10) + wrong.slice(at + 1);
    }
    for (const name of ['account', 'name', 'postcode']) {
      delete values[name];
      delete fill[name];
    }
    put('phone', wrong);
    why = `phone ${wrong} (one digit wrong) matches no customer and no account is written`;
    identified = undefined;
  }

  const resolution = slot.resolution;
  const pages = slot.cover ? 2 : 1;
  const tag = flaw ?? (noise > 0.002 ? 'noisy' : Math.abs(rotationDeg) > 2 ? 'skewed' : 'clean');
  const id = `c${String(index + 1).padStart(3, '0')}-${styleName(style)}-${resolution.replace('-', '')}-${tag}${pages > 1 ? '-2p' : ''}`;
  return {
    index,
    id,
    format: slot.format,
    ...(slot.cover ? { cover: slot.cover } : {}),
    traits: { style, resolution, rotationDeg, noise, pages },
    ...(flaw ? { flaw } : {}),
    values,
    fill,
    ...(why ? { why } : {}),
    ...(identified ? { customer: identified } : {}),
    shiftMm,
    threshold,
    renderSeed: mix(seed ^ 0x5bd1e995, index),
    ...(scribble ? { scribble } : {}),
    ...(noiseRow !== undefined ? { noiseRow } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// Rendering and degrading.

const FAX_X_DPI = 204;
const FAX_Y_DPI = { fine: 196, standard: 98 } as const;

/** A dense scribble over a field's boxes (someone crossing out what they wrote). */
function scribbleSvg(layout: FormLayout, fieldName: string, rng: Rng): string {
  const f = pageFields(layout).find((x) => x.name === fieldName);
  if (!f || f.kind !== 'boxes') return '';
  const x0 = f.xMm - 0.5;
  const x1 = f.xMm + f.boxes * f.boxWidthMm + 0.5;
  const y0 = f.yMm + 0.3;
  const y1 = f.yMm + f.boxHeightMm - 0.3;
  const paths: string[] = [];
  for (let pass = 0; pass < 3; pass++) {
    let d = `M${x0.toFixed(2)} ${between(rng, y0, y1).toFixed(2)}`;
    let x = x0;
    let up = pass % 2 === 0;
    while (x < x1) {
      x = Math.min(x1, x + between(rng, 0.5, 1.1));
      const y = up ? between(rng, y0, y0 + 1.2) : between(rng, y1 - 1.2, y1);
      d += `L${x.toFixed(2)} ${y.toFixed(2)}`;
      up = !up;
    }
    paths.push(`<path d="${d}" fill="none" stroke="#111" stroke-width="${between(rng, 0.7, 1.0).toFixed(2)}" stroke-linejoin="round" stroke-linecap="round"/>`);
  }
  return paths.join('\n');
}

function coverSheetSvgBody(plan: Plan, customer: Customer | undefined): string {
  const from = customer?.name ?? 'Accounts department';
  const phone = plan.values.phone ?? customer?.phone ?? '';
  const t = (y: number, text: string, size = 5, weight = 'normal') =>
    `<text x="25" y="${y}" font-family="DejaVu Sans" font-size="${size}" font-weight="${weight}">${escapeXml(text)}</text>`;
  return [
    t(45, 'FAX', 16, 'bold'),
    `<path d="M25 52H185" stroke="#000" stroke-width="0.6"/>`,
    t(66, 'To:  Orders'),
    t(76, `From:  ${from}`),
    t(86, `Fax / phone:  ${phone ? `+${phone}` : '—'}`),
    t(96, 'Pages:  2 (including this cover sheet)'),
    t(106, 'Date:  5 March 2024'),
    `<path d="M25 114H185" stroke="#000" stroke-width="0.3"/>`,
    t(128, 'Please find our order attached. Kind regards,', 4.5),
    t(138, from, 4.5),
  ].join('\n');
}

/** The fax machine's header line, printed straight across the top of every page it sends. */
function faxHeaderSvg(plan: Plan, page: number, pages: number): string {
  const phone = plan.values.phone ?? plan.customer?.phone ?? '';
  const line = `2024-03-05 10:${String(10 + (plan.index % 50)).padStart(2, '0')}   FROM ${phone ? `+${phone}` : 'UNKNOWN'}   ${(plan.customer?.name ?? '').toUpperCase()}   P.${page}/${pages}`;
  // Between the top registration squares (wherever a skew puts them) and above the mark strip.
  return `<text x="30" y="3.6" font-family="DejaVu Sans Mono" font-size="2.3">${escapeXml(line)}</text>`;
}

interface Raster {
  data: Buffer;
  width: number;
  height: number;
}

/** Renders the paper (300 dpi) and resamples it to the output pixel grid in one pass. */
async function renderPage(layout: FormLayout, body: string, plan: Plan, size: { widthPx: number; heightPx: number }, header?: string): Promise<Raster> {
  const cx = layout.page.widthMm / 2;
  const cy = layout.page.heightMm / 2;
  const transform = `translate(${plan.shiftMm[0]} ${plan.shiftMm[1]}) rotate(${plan.traits.rotationDeg} ${cx} ${cy})`;
  const paper = pagePixels(layout.page, 300);
  const svg = svgDocument(layout.page, `<g transform="${transform}">\n${body}\n</g>\n${header ?? ''}`, paper);
  const { data, info } = await sharp(Buffer.from(svg))
    .resize(size.widthPx, size.heightPx, { fit: 'fill', kernel: 'lanczos3' })
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function threshold(r: Raster, level: number): void {
  const d = r.data;
  for (let i = 0; i < d.length; i++) d[i] = d[i]! < level ? 0 : 255;
}

/** Salt-and-pepper speckle: `density` of the pixels set black or white (2 : 1). */
function speckle(r: Raster, density: number, rng: Rng, dark = 0, light = 255): void {
  const count = Math.round(r.data.length * density);
  for (let k = 0; k < count; k++) {
    const at = Math.floor(rng() * r.data.length);
    r.data[at] = rng() < 0.67 ? dark : light;
  }
}

/**
 * A fax transmission error: the scan lines across one line row (wherever the skew put it)
 * replaced by garbage, random black and white runs; what was written there is lost.
 */
function garbleRow(r: Raster, layout: FormLayout, row: number, plan: Plan, rng: Rng): void {
  const theta = (plan.traits.rotationDeg * Math.PI) / 180;
  const cx = layout.page.widthMm / 2;
  const cy = layout.page.heightMm / 2;
  const top = layout.lines.yMm + (row - 1) * layout.lines.rowPitchMm - 1.5;
  const bottom = top + Math.max(...layout.lines.columns.map((c) => c.boxHeightMm)) + 3;
  const left = Math.min(...layout.lines.columns.map((c) => c.xMm)) - 3;
  const right = Math.max(...layout.lines.columns.map((c) => c.xMm + c.boxes * c.boxWidthMm)) + 3;
  // Where the row's corners land on the sheet: rotated about the centre, then shifted.
  const ys = [left, right].flatMap((x) => [top, bottom].map((y) => cy + (x - cx) * Math.sin(theta) + (y - cy) * Math.cos(theta) + plan.shiftMm[1]));
  const pxPerMmY = r.height / layout.page.heightMm;
  const from = Math.max(0, Math.floor(Math.min(...ys) * pxPerMmY));
  const to = Math.min(r.height, Math.ceil(Math.max(...ys) * pxPerMmY));
  for (let y = from; y < to; y++) {
    if (rng() < 0.06) continue;
    r.data.fill(255, y * r.width, (y + 1) * r.width);
    let x = 0;
    let black = rng() < 0.5;
    while (x < r.width) {
      const run = 1 + Math.floor(rng() * (black ? 12 : 8));
      if (black) r.data.fill(0, y * r.width + x, y * r.width + Math.min(r.width, x + run));
      x += run;
      black = !black;
    }
  }
}

/** Scanner look for PNG cases: a little blur, greyish paper, not quite black ink. */
async function scanLook(r: Raster): Promise<Raster> {
  const { data, info } = await sharp(r.data, { raw: { width: r.width, height: r.height, channels: 1 } })
    .blur(0.6)
    .linear(0.88, 22)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function encodeTiff(pages: Raster[], yDpi: number): Promise<Buffer> {
  const first = pages[0]!;
  const input = pages.length === 1 ? first.data : Buffer.concat(pages.map((p) => p.data));
  return sharp(input, { raw: { width: first.width, height: first.height * pages.length, channels: 1, ...(pages.length > 1 ? { pageHeight: first.height } : {}) } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: FAX_X_DPI / 25.4, yres: yDpi / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
}

async function encodePdf(pages: Raster[], embed: 'png' | 'jpeg', layout: FormLayout, title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('synthetic fax gateway');
  pdf.setCreator('tests/ocr/corpus.ts');
  pdf.setCreationDate(new Date(Date.UTC(2024, 2, 5, 10, 0)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 2, 5, 10, 0)));
  const width = (layout.page.widthMm / 25.4) * 72;
  const height = (layout.page.heightMm / 25.4) * 72;
  for (const p of pages) {
    const img = sharp(p.data, { raw: { width: p.width, height: p.height, channels: 1 } }).toColourspace('b-w');
    const image = embed === 'png' ? await pdf.embedPng(await img.png({ compressionLevel: 6 }).toBuffer()) : await pdf.embedJpg(await img.jpeg({ quality: 80 }).toBuffer());
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return Buffer.from(await pdf.save());
}

async function renderCase(plan: Plan, layout: FormLayout): Promise<CorpusCase> {
  const rng = createRng(plan.renderSeed);
  const { traits } = plan;
  const fax = plan.format !== 'png';
  const size = fax ? pagePixels(layout.page, FAX_X_DPI, FAX_Y_DPI[traits.resolution === 'standard' ? 'standard' : 'fine']) : pagePixels(layout.page, 200);
  const pageOrder: Array<'form' | 'cover'> = plan.cover === 'before' ? ['cover', 'form'] : plan.cover === 'after' ? ['form', 'cover'] : ['form'];

  const pages: Raster[] = [];
  for (const [i, kind] of pageOrder.entries()) {
    let body: string;
    if (kind === 'form') {
      body = formSvgBody(layout, { page: 1, pageCount: layout.pages, fill: { values: plan.fill, style: traits.style, seed: plan.renderSeed } });
      if (plan.scribble) body += `\n${scribbleSvg(layout, plan.scribble, rng)}`;
    } else {
      body = coverSheetSvgBody(plan, plan.customer);
    }
    const r = await renderPage(layout, body, plan, size, fax ? faxHeaderSvg(plan, i + 1, pageOrder.length) : undefined);
    if (fax) {
      threshold(r, plan.threshold);
      speckle(r, traits.noise, rng);
      if (kind === 'form' && plan.noiseRow !== undefined) garbleRow(r, layout, plan.noiseRow, plan, rng);
      pages.push(r);
    } else {
      const scanned = await scanLook(r);
      speckle(scanned, traits.noise, rng, 40, 235);
      if (kind === 'form' && plan.noiseRow !== undefined) garbleRow(scanned, layout, plan.noiseRow, plan, rng);
      pages.push(scanned);
    }
  }

  let bytes: Buffer;
  let contentType: CorpusCase['contentType'];
  let file: string;
  if (plan.format === 'tiff') {
    bytes = await encodeTiff(pages, FAX_Y_DPI[traits.resolution === 'standard' ? 'standard' : 'fine']);
    contentType = 'image/tiff';
    file = `${plan.id}.tif`;
  } else if (plan.format === 'png') {
    const p = pages[0]!;
    bytes = await sharp(p.data, { raw: { width: p.width, height: p.height, channels: 1 } }).toColourspace('b-w').withDensity(200).png().toBuffer();
    contentType = 'image/png';
    file = `${plan.id}.png`;
  } else {
    bytes = await encodePdf(pages, plan.format === 'pdf-png' ? 'png' : 'jpeg', layout, `Fax ${plan.id}`);
    contentType = 'application/pdf';
    file = `${plan.id}.pdf`;
  }
  return {
    id: plan.id,
    file,
    contentType,
    bytes,
    truth: {
      formNumber: layout.formNumber,
      version: layout.version,
      values: plan.values,
      expect: plan.flaw ? 'review' : 'accept',
      ...(plan.why ? { why: plan.why } : {}),
      ...(plan.customer ? { customer: plan.customer.account } : {}),
    },
    traits: plan.traits,
  };
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order. */
async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next++;
      out[at] = await work(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The planned cases (traits, values, truth) without rendering anything. */
export async function planCorpus(options: CorpusOptions = {}): Promise<Array<Omit<CorpusCase, 'bytes' | 'file' | 'contentType'> & { format: Format }>> {
  const { plans, layout } = await makePlans(options);
  return plans.map((p) => ({
    id: p.id,
    format: p.format,
    truth: {
      formNumber: layout.formNumber,
      version: layout.version,
      values: p.values,
      expect: p.flaw ? 'review' : 'accept',
      ...(p.why ? { why: p.why } : {}),
      ...(p.customer ? { customer: p.customer.account } : {}),
    },
    traits: p.traits,
  }));
}

async function makePlans(options: CorpusOptions): Promise<{ plans: Plan[]; layout: FormLayout }> {
  const count = options.count ?? 60;
  const seed = options.seed ?? 1;
  const [layout, catalog, customers] = await Promise.all([loadFormLayout(CORPUS_FILES.layout), loadCatalog(), loadCustomers()]);
  const plans = Array.from({ length: count }, (_, i) => planCase(i, seed, catalog, customers, layout)).filter((p) => !options.only || options.only(p.traits, p.id));
  return { plans, layout };
}

export async function generateCorpus(options: CorpusOptions = {}): Promise<CorpusCase[]> {
  const { plans, layout } = await makePlans(options);
  return mapLimit(plans, Math.max(2, Math.min(4, availableParallelism())), (plan) => renderCase(plan, layout));
}
