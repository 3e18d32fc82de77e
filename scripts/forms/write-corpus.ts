/**
 * Writes the synthetic fax corpus (tests/ocr/corpus.ts) to a folder for eyeballing:
 * `<id>.tif|pdf|png` and `<id>.json` (truth and traits) per case, plus `index.json`.
 *
 *   npx tsx scripts/forms/write-corpus.ts --out .tmp/corpus [--count 60] [--seed 1] [--preview]
 *
 * --preview also writes `<id>.preview.png`: the first page as a plain PNG at square
 * pixels (fax pages stretched back to 204 dpi both ways), for image viewers that cannot
 * open TIFF G4 or PDF.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { generateCorpus } from '../../tests/ocr/corpus.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '.tmp/corpus' },
    count: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    preview: { type: 'boolean', default: false },
  },
});

const started = performance.now();
const corpus = await generateCorpus({ count: Number(values.count), seed: Number(values.seed) });
const generatedMs = performance.now() - started;
const out = values.out!;
await mkdir(out, { recursive: true });
for (const c of corpus) {
  await writeFile(join(out, c.file), c.bytes);
  await writeFile(join(out, `${c.id}.json`), `${JSON.stringify({ id: c.id, file: c.file, contentType: c.contentType, truth: c.truth, traits: c.traits }, null, 2)}\n`);
  if (values.preview && c.contentType !== 'application/pdf') {
    const meta = await sharp(c.bytes).metadata();
    const widthMm = 210;
    const heightPx = Math.round((297 / widthMm) * (meta.width ?? 1));
    await sharp(c.bytes, { page: 0 }).resize(meta.width, heightPx, { fit: 'fill' }).png().toFile(join(out, `${c.id}.preview.png`));
  }
}
await writeFile(
  join(out, 'index.json'),
  `${JSON.stringify(corpus.map((c) => ({ id: c.id, file: c.file, expect: c.truth.expect, why: c.truth.why, traits: c.traits })), null, 2)}\n`,
);
const review = corpus.filter((c) => c.truth.expect === 'review').length;
const bytes = corpus.reduce((n, c) => n + c.bytes.length, 0);
console.log(`${corpus.length} cases (${review} to review) in ${out}: ${(bytes / 1e6).toFixed(1)} MB, generated in ${(generatedMs / 1000).toFixed(1)} s`);
