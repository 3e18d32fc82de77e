/**
 * `npm run ocr:eval`: generates the synthetic fax corpus and reads every case as the fax
 * channel does, then prints field accuracy, the share of orders accepted automatically
 * (overall and on clean printed forms), the silent error rate (accepted with a field
 * wrong) and the median time per page. Exits 1 when any order was accepted wrongly.
 *
 *   npm run ocr:eval [-- --count 60] [--seed 1] [--threshold 80] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadDirectory } from '../src/forms/directory.js';
import { loadFormLayout } from '../src/forms/form-layout.js';
import { createOcrEngine } from '../src/forms/ocr-engine.js';
import { generateCorpus } from '../tests/ocr/corpus.js';
import { evaluateCase, summarise } from '../tests/ocr/evaluate.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' },
    threshold: { type: 'string', default: '80' }, json: { type: 'string' }, workers: { type: 'string', default: '2' },
  },
});

const layouts = [await loadFormLayout('mappings/forms/order-form-v1.json')];
const directory = await loadDirectory({ catalog: 'data/catalog.csv', customers: 'data/customers.csv' });
const corpus = await generateCorpus({ count: Number(values.count), seed: Number(values.seed) });
const engine = await createOcrEngine({ workers: Number(values.workers) });
const results = [];
try {
  for (const c of corpus) {
    const result = await evaluateCase(c, layouts, directory, engine, Number(values.threshold));
    results.push(result);
    const verdict = result.accepted ? 'accepted' : 'review  ';
    const mark = result.silentError ? `  << SILENT ERROR ${result.orderWrong.join('; ')}` : '';
    console.log(`${c.id.padEnd(34)} ${verdict} (expected ${result.expected}) fields ${result.fieldsRight}/${result.fieldsWritten} ${Math.round(result.msPerPage)} ms/page${result.wrongFields.length ? ` wrong: ${result.wrongFields.join(', ')}` : ''}${mark}`);
  }
} finally {
  await engine.close();
}
const summary = summarise(results);
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
console.log('');
console.log(`cases ${results.length}, threshold ${values.threshold}`);
console.log(`field accuracy            ${pct(summary.fieldAccuracy)}`);
console.log(`accepted automatically    ${pct(summary.acceptedShare)} of all; ${pct(summary.cleanAcceptedShare)} of ${summary.cleanCases} clean printed forms (target ≥ 80 %)`);
console.log(`silent errors             ${summary.silentErrors} (${pct(summary.silentErrors / Math.max(1, results.length))}; target 0)`);
console.log(`median time per page      ${Math.round(summary.medianMsPerPage)} ms`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ ...summary, at: new Date().toISOString() }, null, 2)}\n`);
process.exitCode = summary.silentErrors > 0 ? 1 : 0;
