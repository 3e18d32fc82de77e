/**
 * `npm run docs:reference`: writes docs/reference/ from the code (connector folders, the
 * mapping language's pipes, the canonical order schema, the order states and events).
 * Run it after changing any of them; tests/unit/reference-docs.test.ts fails until then.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { renderReferenceDocs } from './reference-docs.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

for (const doc of await renderReferenceDocs()) {
  const path = join(ROOT, doc.file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, doc.text);
  console.log(`wrote ${doc.file}`);
}
