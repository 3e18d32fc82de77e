/**
 * The OCR evaluation, on a subset of the synthetic fax corpus small enough for every
 * test run: every kind of deliberately wrong form (wrong total, unknown item, quantity 0,
 * a wrong phone digit, a scribble, transmission noise over a line, no total) and clean
 * and hand-written forms in each resolution and format. No order may be accepted that
 * differs from what the form says (silent error rate 0), and clean printed forms must
 * mostly be accepted without a person (the full run: `npm run ocr:eval`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDirectory, type Directory } from '../../src/forms/directory.js';
import { loadFormLayout, type FormLayout } from '../../src/forms/form-layout.js';
import { createOcrEngine, type OcrEngine } from '../../src/forms/ocr-engine.js';
import { generateCorpus, type CorpusCase } from './corpus.js';
import { evaluateCase, summarise, type CaseResult } from './evaluate.js';

/** The flawed cases of the default corpus, and clean ones of every style, resolution and format. */
const SUBSET = new Set([
  'c002', 'c005', 'c007', 'c031', 'c033', 'c037', 'c041', 'c056', 'c060',
  'c003', 'c006', 'c008', 'c009', 'c010', 'c012', 'c014', 'c015', 'c020', 'c021',
]);

let layouts: FormLayout[];
let directory: Directory;
let engine: OcrEngine;
let corpus: CorpusCase[];

beforeAll(async () => {
  layouts = [await loadFormLayout('mappings/forms/order-form-v1.json')];
  directory = await loadDirectory({ catalog: 'data/catalog.csv', customers: 'data/customers.csv' });
  corpus = await generateCorpus({ count: 60, seed: 1, only: (_traits, id) => SUBSET.has(id.slice(0, 4)) });
  engine = await createOcrEngine({ workers: 1 });
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

describe('the form reader on the fax corpus', () => {
  it('accepts no order that differs from its form, and sends every wrong form to review', async () => {
    const results: CaseResult[] = [];
    for (const c of corpus) results.push(await evaluateCase(c, layouts, directory, engine, 80));
    const summary = summarise(results);
    expect(corpus).toHaveLength(SUBSET.size);
    expect(results.filter((r) => r.silentError).map((r) => `${r.id}: ${r.orderWrong.join('; ') || 'a wrong form accepted'}`)).toEqual([]);
    expect(results.filter((r) => r.expected === 'review' && r.accepted)).toEqual([]);
    expect(summary.cleanAcceptedShare).toBeGreaterThanOrEqual(0.8);
    expect(summary.fieldAccuracy).toBeGreaterThan(0.9);
  }, 180_000);
});
