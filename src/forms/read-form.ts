/**
 * Reading a fax or scan of our order form: every page is loaded, aligned by its
 * registration squares and identified by its mark (form, version, page of pages);
 * pages that are not our form (a cover sheet) are set aside with the reason; the form's
 * pages are put in order whatever order they came in, and each field zone is read by
 * OCR with its confidence. Line rows continue across pages (page 2's first row is line
 * `rows + 1`). What the reading means for an order is decided by judge-form.ts.
 */
import { alignPage, type AlignedPage } from './align-page.js';
import { decodeMark, type MarkValue } from './form-mark.js';
import type { FormLayout } from './form-layout.js';
import { loadPages } from './load-pages.js';
import type { OcrEngine } from './ocr-engine.js';
import type { PageImage } from './page-image.js';
import { readFields, type FieldReading } from './read-fields.js';

export interface PageOutcome {
  /** Position in the file, from 1. */
  index: number;
  /** Which page of the form it is, when it is one. */
  mark?: MarkValue;
  rotationDeg?: number;
  /** Why it is not (a readable page of) our form. */
  problem?: string;
}

export interface FormReading {
  layout?: FormLayout;
  pages: PageOutcome[];
  /** Every field of the form's pages, line rows numbered across pages. */
  fields: FieldReading[];
  /** What keeps this from being one complete form (none found, a page missing, …). */
  problems: string[];
}

export async function readForm(bytes: Buffer, layouts: FormLayout[], engine: OcrEngine, contentType?: string): Promise<FormReading> {
  const scanned = await loadPages(bytes, contentType);
  const pages: PageOutcome[] = [];
  const found: Identified[] = [];
  for (const page of scanned) {
    const identified = identify(page.image, layouts);
    const index = page.index + 1;
    if ('problem' in identified) {
      pages.push({ index, problem: identified.problem });
      continue;
    }
    pages.push({ index, mark: identified.mark, rotationDeg: identified.aligned.rotationDeg });
    found.push(identified);
  }
  const problems = completeness(found, pages);
  const first = found[0];
  if (!first || problems.length > 0) return { ...(first ? { layout: first.layout } : {}), pages, fields: [], problems };
  const ordered = [...found].sort((a, b) => a.mark.page - b.mark.page);
  const fields: FieldReading[] = [];
  for (const { aligned, layout, mark } of ordered) {
    const readings = await readFields(aligned.image, layout, engine);
    fields.push(...readings.filter((r) => mark.page === 1 || r.name.startsWith('lines.')).map((r) => renumber(r, mark.page, layout.lines.rows)));
  }
  return { layout: first.layout, pages, fields, problems };
}

type Identified = { mark: MarkValue; aligned: AlignedPage; layout: FormLayout };

/**
 * The layout this page belongs to, aligned, with its mark; or why it is none of ours.
 * The registration squares are symmetric, so a page fed upside down aligns too but its
 * mark reads backwards: it is tried again turned half round.
 */
function identify(image: PageImage, layouts: FormLayout[]): Identified | { problem: string } {
  const upright = identifyAs(image, layouts);
  if (!('problem' in upright)) return upright;
  const turned = identifyAs({ ...image, data: image.data.slice().reverse() }, layouts);
  return 'problem' in turned ? upright : turned;
}

function identifyAs(image: PageImage, layouts: FormLayout[]): Identified | { problem: string } {
  let problem = 'not our order form';
  for (const layout of layouts) {
    const aligned = alignPage(image, layout);
    if ('problem' in aligned) {
      problem = aligned.problem;
      continue;
    }
    const mark = decodeMark(aligned.markBits);
    if (!mark) {
      problem = 'the form mark cannot be read (damaged or covered): the page cannot be identified';
      continue;
    }
    if (mark.formNumber === layout.formNumber && mark.version === layout.version) return { mark, aligned, layout };
    problem = `form ${mark.formNumber} version ${mark.version} is not a form this channel knows`;
  }
  return { problem };
}

function completeness(found: Array<{ mark: MarkValue; layout: FormLayout }>, pages: PageOutcome[]): string[] {
  if (found.length === 0) {
    const reasons = [...new Set(pages.map((p) => p.problem).filter(Boolean))].join('; ');
    return [`no page is our order form (${pages.length} page(s): ${reasons})`];
  }
  const first = found[0]!;
  const problems: string[] = [];
  if (found.some((f) => f.layout.id !== first.layout.id || f.mark.version !== first.mark.version)) problems.push('pages of different forms in one fax: one order per fax');
  const count = first.mark.pageCount;
  for (let page = 1; page <= count; page++) {
    const copies = found.filter((f) => f.mark.page === page).length;
    if (copies === 0) problems.push(`page ${page} of ${count} of the form is missing`);
    if (copies > 1) problems.push(`page ${page} of the form came ${copies} times: one order per fax`);
  }
  return problems;
}

function renumber(reading: FieldReading, page: number, rowsPerPage: number): FieldReading {
  if (page === 1 || !reading.name.startsWith('lines.')) return reading;
  const [, row, column] = reading.name.split('.');
  return { ...reading, name: `lines.${(page - 1) * rowsPerPage + Number(row)}.${column}` };
}
