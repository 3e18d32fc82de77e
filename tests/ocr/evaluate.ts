/**
 * Measuring the form reader on the synthetic fax corpus (corpus.ts): each case is read
 * and judged exactly as the fax channel does, then compared with its ground truth.
 * - field accuracy: fields read exactly (amounts by value), over the fields written;
 * - automatic acceptance: the share of cases accepted without review, overall and on
 *   clean printed forms;
 * - silent errors: cases accepted automatically whose order differs from what the form
 *   says (customer, a line's item, quantity or price, the total), or although the form
 *   itself is wrong (a case the truth says must go to review); a field OCR misread but
 *   the order got right (a catalog item one doubtful character away) is not one;
 * - time per page: the median time to read a page.
 */
import { judgeForm, type FormOrderData } from '../../src/forms/judge-form.js';
import type { Directory } from '../../src/forms/directory.js';
import type { FormLayout } from '../../src/forms/form-layout.js';
import type { OcrEngine } from '../../src/forms/ocr-engine.js';
import { readForm } from '../../src/forms/read-form.js';
import type { CorpusCase } from './corpus.js';

export interface CaseResult {
  id: string;
  accepted: boolean;
  expected: 'accept' | 'review';
  fieldsRight: number;
  fieldsWritten: number;
  wrongFields: string[];
  /** An accepted order's differences from what the form says (the customer, a line, the total). */
  orderWrong: string[];
  silentError: boolean;
  clean: boolean;
  msPerPage: number;
  doubts: string[];
}

export interface Evaluation {
  cases: CaseResult[];
  fieldAccuracy: number;
  acceptedShare: number;
  cleanAcceptedShare: number;
  cleanCases: number;
  silentErrors: number;
  medianMsPerPage: number;
}

export function isClean(traits: CorpusCase['traits']): boolean {
  return traits.style !== 'hand' && traits.noise <= 0.002 && Math.abs(traits.rotationDeg) <= 2;
}

export async function evaluateCase(c: CorpusCase, layouts: FormLayout[], directory: Directory, engine: OcrEngine, threshold: number): Promise<CaseResult> {
  const started = performance.now();
  const reading = await readForm(c.bytes, layouts, engine, c.contentType);
  const elapsed = performance.now() - started;
  const { doubts, data } = judgeForm(reading, directory, threshold);
  const read = new Map(reading.fields.map((f) => [f.name, f.value]));
  const written = Object.entries(c.truth.values).filter(([name, value]) => value.trim() !== '' && name !== 'name');
  const wrongFields = written.filter(([name, value]) => !same(name, read.get(name) ?? '', value, layouts[0])).map(([name]) => name);
  const accepted = doubts.length === 0;
  const orderWrong = accepted ? wrongInOrder(c, data) : [];
  return {
    id: c.id, accepted, expected: c.truth.expect,
    fieldsRight: written.length - wrongFields.length, fieldsWritten: written.length, wrongFields,
    silentError: accepted && (orderWrong.length > 0 || c.truth.expect === 'review'),
    orderWrong,
    clean: isClean(c.traits) && c.truth.expect === 'accept',
    msPerPage: elapsed / Math.max(1, c.traits.pages),
    doubts,
  };
}

export function summarise(cases: CaseResult[]): Evaluation {
  const sum = (f: (r: CaseResult) => number) => cases.reduce((acc, r) => acc + f(r), 0);
  const clean = cases.filter((r) => r.clean);
  const times = cases.map((r) => r.msPerPage).sort((a, b) => a - b);
  return {
    cases,
    fieldAccuracy: sum((r) => r.fieldsRight) / Math.max(1, sum((r) => r.fieldsWritten)),
    acceptedShare: cases.filter((r) => r.accepted).length / Math.max(1, cases.length),
    cleanAcceptedShare: clean.filter((r) => r.accepted).length / Math.max(1, clean.length),
    cleanCases: clean.length,
    silentErrors: cases.filter((r) => r.silentError).length,
    medianMsPerPage: times.length ? times[Math.floor(times.length / 2)]! : 0,
  };
}

/** Where the order made of an accepted form differs from what was written on it. */
function wrongInOrder(c: CorpusCase, data: FormOrderData): string[] {
  const values = c.truth.values;
  const rows = [...new Set(Object.keys(values).filter((k) => k.startsWith('lines.')).map((k) => Number(k.split('.')[1])))].sort((a, b) => a - b);
  const expected = rows.map((row) => ({
    sku: (values[`lines.${row}.sku`] ?? '').toUpperCase(), quantity: BigInt(values[`lines.${row}.quantity`] || '0'), cents: BigInt(values[`lines.${row}.unitPrice`] || '0'),
  })).filter((line) => line.sku || line.quantity || line.cents);
  const wrong: string[] = [];
  if (c.truth.customer && data.customer?.account !== c.truth.customer) wrong.push(`customer ${data.customer?.account ?? 'none'} (written: ${c.truth.customer})`);
  if (data.lines.length !== expected.length) wrong.push(`${data.lines.length} lines (written: ${expected.length})`);
  data.lines.forEach((line, i) => {
    const want = expected[i];
    const cents = BigInt(line.unitPrice.replace('.', ''));
    if (!want || line.sku !== want.sku || BigInt(line.quantity) !== want.quantity || cents !== want.cents) wrong.push(`line ${i + 1}: ${line.quantity} × ${line.sku} @ ${line.unitPrice}`);
  });
  if (BigInt(data.total.replace('.', '') || '0') !== BigInt(values.total || '0')) wrong.push(`total ${data.total} (written: ${values.total})`);
  return wrong;
}

/** Read and written values agree: amounts by value (leading zeros and blanks aside), codes exactly. */
function same(name: string, read: string, truth: string, layout: FormLayout | undefined): boolean {
  const column = name.startsWith('lines.') ? name.split('.')[2] : name;
  const field = [...(layout?.fields ?? []), ...(layout?.footer ?? []), ...(layout?.lines.columns ?? [])].find((f) => f.name === column);
  const squeeze = (text: string) => text.replace(/\s/g, '').toUpperCase();
  if (field && 'decimals' in field && field.decimals !== undefined) return /^\d+$/.test(squeeze(read)) && BigInt(squeeze(read) || '0') === BigInt(squeeze(truth) || '0');
  return squeeze(read) === squeeze(truth);
}
