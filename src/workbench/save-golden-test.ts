/**
 * Saving a workbench run as a golden test of its mapping: the sample goes to
 * `samples/<name>.json` beside the mapping file (an XML sample also as `<name>.xml`, its
 * `.json` being what the mapping reads), the result to `samples/<name>.canonical.json`,
 * and `{ name, input, expect }` joins the file's `tests`, added to the file's text so
 * that the rest of it keeps the integrator's layout (insert-golden-test.ts; a file it
 * cannot place the test in safely is written whole, 2-space JSON, keys in their order). Refused: a name outside `[a-z0-9-]`, a
 * name a test or sample already has, a run with problems (a golden test records a
 * correct mapping), a mapping file that is not JSON. Saves to one file run one at a time.
 */
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { insertGoldenTest } from './insert-golden-test.js';
import { readMappingDocument, type MappingDocument } from './mapping-document.js';
import type { SampleKind } from './read-sample.js';
import { hasProblems, type MappingRun } from './run-sample.js';

export interface GoldenTestInput {
  name: string;
  /** The sample as sent, and what it was read into. */
  text: string;
  kind: SampleKind;
  data: unknown;
  run: MappingRun;
}

export interface SavedTest {
  name: string;
  input: string;
  expect: string;
}

export type SaveOutcome =
  | { ok: true; test: SavedTest; files: string[] }
  | { ok: false; status: 400 | 409 | 422; problem: string };

const NAME = /^[a-z0-9-]{1,80}$/;
const queues = new Map<string, Promise<unknown>>();

export function saveGoldenTest(mappingFile: string, input: GoldenTestInput): Promise<SaveOutcome> {
  const refusal = refusalOf(mappingFile, input);
  if (refusal) return Promise.resolve(refusal);
  const saved = (queues.get(mappingFile) ?? Promise.resolve()).then(() => save(mappingFile, input));
  queues.set(mappingFile, saved.catch(() => undefined));
  return saved;
}

function refusalOf(mappingFile: string, input: GoldenTestInput): SaveOutcome | undefined {
  if (!NAME.test(input.name)) return { ok: false, status: 400, problem: 'A golden test\'s name is 1–80 lower-case letters, digits and dashes (it names its sample files).' };
  if (extname(mappingFile).toLowerCase() !== '.json') return { ok: false, status: 400, problem: 'Golden tests are saved only to JSON mapping files.' };
  if (hasProblems(input.run)) return { ok: false, status: 422, problem: 'This sample has problems: a golden test records a correct mapping. Fix the sample or the mapping first.' };
  return undefined;
}

async function save(mappingFile: string, input: GoldenTestInput): Promise<SaveOutcome> {
  const document = await readMappingDocument(mappingFile);
  const tests = Array.isArray(document.tests) ? document.tests as unknown[] : [];
  if (tests.some((t) => typeof t === 'object' && t !== null && (t as { name?: unknown }).name === input.name)) {
    return { ok: false, status: 409, problem: `${input.name}: the mapping already has a golden test of that name.` };
  }
  const test: SavedTest = { name: input.name, input: `samples/${input.name}.json`, expect: `samples/${input.name}.canonical.json` };
  const contents = sampleFiles(test, input);
  const base = dirname(mappingFile);
  await mkdir(join(base, 'samples'), { recursive: true });
  const written: string[] = [];
  try {
    for (const [file, text] of contents) {
      await writeFile(join(base, file), text, { flag: 'wx' });
      written.push(file);
    }
    await writeAtomically(mappingFile, withTestText(await readFile(mappingFile, 'utf8'), document, test));
  } catch (error) {
    await Promise.all(written.map((file) => rm(join(base, file), { force: true })));
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { ok: false, status: 409, problem: `${input.name}: a sample of that name is already in ${join(base, 'samples')}.` };
  }
  return { ok: true, test, files: [...contents.keys()] };
}

/** Path relative to the mapping file → content. */
function sampleFiles(test: SavedTest, input: GoldenTestInput): Map<string, string> {
  const files = new Map<string, string>();
  if (input.kind === 'xml') {
    files.set(`samples/${test.name}.xml`, asFileText(input.text));
    files.set(test.input, `${JSON.stringify(input.data, null, 2)}\n`);
  } else {
    files.set(test.input, asFileText(input.text));
  }
  files.set(test.expect, `${JSON.stringify(input.run.result, null, 2)}\n`);
  return files;
}

function asFileText(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').trim()}\n`;
}

/** The document with the test added: `tests` stays where it was, or comes last. */
function withTest(document: MappingDocument, test: SavedTest): MappingDocument {
  const tests = Array.isArray(document.tests) ? document.tests as unknown[] : [];
  return { ...document, tests: [...tests, test] };
}

/** The file's text with the test added in place; the whole document rewritten when that cannot be done exactly. */
function withTestText(text: string, document: MappingDocument, test: SavedTest): string {
  const wanted = withTest(document, test);
  const inserted = insertGoldenTest(text, { ...test });
  if (inserted !== undefined && isDeepStrictEqual(parsed(inserted), wanted)) return inserted;
  return `${JSON.stringify(wanted, null, 2)}\n`;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, text);
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
