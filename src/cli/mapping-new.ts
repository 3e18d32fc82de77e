/**
 * `hub mapping new --from <sample>`: drafts an inbound mapping to the canonical order from
 * a sample payload (JSON, or XML read with the hub's safe parser) and writes it, refusing
 * to overwrite anything. With `--expect` the sample becomes the mapping's golden test:
 * the draft's output on it is written beside it as the expected order (for an XML sample,
 * the parsed sample too, since a golden test reads JSON). Prints every guess, what is left
 * TODO, what to check, and what to do next.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { compileMapping, formatGoldenReport, loadMapping, runGoldenTests, type DocumentMappingFile, type GoldenTestFileSpec } from '../mapping/index.js';
import { draftMapping, type Draft } from '../mapping/draft-mapping.js';
import { formatMappingFile } from '../mapping/draft/format-mapping-file.js';
import { readSample, sampleFormatOf, type Sample, type SampleFormat } from '../mapping/draft/read-sample.js';
import { UsageError } from './usage-error.js';

export interface MappingNewOptions {
  from: string;
  id?: string;
  format?: string;
  out?: string;
  expect?: boolean;
}

export interface MappingNewResult {
  file: string;
  draft: Draft;
  /** Printed by the command. */
  report: string;
}

const MAPPING_ID = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export async function newMapping(options: MappingNewOptions, cwd = process.cwd()): Promise<MappingNewResult> {
  const samplePath = resolve(cwd, options.from);
  const sample = await readSample(samplePath, sampleFormat(options.format, samplePath));
  const id = options.id ?? defaultId(samplePath);
  if (!MAPPING_ID.test(id) || id.length > 200) throw new UsageError(`--id "${id}" is not a mapping id: letters, digits and . _ / - only, starting with a letter or digit`);
  const file = resolve(cwd, options.out ?? join('mappings', `${id}.json`));
  refuseExisting(file, 'choose another --out or --id');
  const draft = draftMapping(sample.data, { id, sampleLabel: relative(cwd, samplePath) || samplePath, format: sample.format, ...(sample.root ? { root: sample.root } : {}) });
  const goldenFiles = options.expect ? goldenTestFiles(samplePath, sample, draft, file) : undefined;
  const document: DocumentMappingFile = goldenFiles ? { ...draft.document, tests: [goldenFiles.test] } : draft.document;
  compileMapping(document, { file, baseDir: dirname(file) });
  mkdirSync(dirname(file), { recursive: true });
  for (const [path, text] of goldenFiles?.writes ?? []) writeFileSync(path, text, { flag: 'wx' });
  writeFileSync(file, formatMappingFile(document), { flag: 'wx' });
  await loadMapping(file);
  const golden = goldenFiles ? formatGoldenReport(await runGoldenTests(file)) : undefined;
  return { file, draft, report: reportOf(draft, relative(cwd, file) || file, golden) };
}

function sampleFormat(format: string | undefined, file: string): SampleFormat {
  if (format === undefined) return sampleFormatOf(file);
  if (format === 'json' || format === 'xml') return format;
  throw new UsageError(`--format must be json or xml, not "${format}"`);
}

/** `samples/acme-order.json` → `acme-order-to-canonical`. */
function defaultId(sample: string): string {
  const stem = basename(sample, extname(sample)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return `${stem || 'draft'}-to-canonical`;
}

interface GoldenFiles {
  test: GoldenTestFileSpec;
  /** Files to write (path → text), none of which exists yet. */
  writes: Array<[string, string]>;
}

/** The golden test of the sample, with the expected order beside it (and, for XML, the sample as the mapping reads it). */
function goldenTestFiles(samplePath: string, sample: Sample, draft: Draft, mappingFile: string): GoldenFiles {
  const stem = join(dirname(samplePath), basename(samplePath, extname(samplePath)));
  const expected = `${stem}.canonical.json`;
  const input = sample.format === 'xml' ? `${stem}.json` : samplePath;
  const writes: Array<[string, string]> = [[expected, `${JSON.stringify(draft.output, null, 2)}\n`]];
  if (input !== samplePath) writes.unshift([input, `${JSON.stringify(sample.data, null, 2)}\n`]);
  for (const [path] of writes) refuseExisting(path, 'move it away, or run without --expect');
  const from = dirname(mappingFile);
  return {
    test: { name: `drafted from ${basename(samplePath)}`, input: posixRelative(from, input), expect: posixRelative(from, expected) },
    writes,
  };
}

function refuseExisting(path: string, advice: string): void {
  if (existsSync(path)) throw new UsageError(`${path} exists already: ${advice}`);
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

function reportOf(draft: Draft, file: string, golden: string | undefined): string {
  const width = Math.max(...draft.guesses.map((g) => g.target.length));
  const lines = [`drafted ${file}`, ...draft.guesses.map((g) => `  ${g.target.padEnd(width)}  ← ${g.source}${g.source.endsWith(g.matched) ? '' : ` (${g.matched})`}`)];
  if (draft.todos.length > 0) lines.push('', 'TODO (the canonical order needs these; map them by hand):', ...draft.todos.map((t) => `  - ${t}`));
  if (draft.checks.length > 0) lines.push('', 'check:', ...draft.checks.map((c) => `  - ${c}`));
  if (golden) lines.push('', golden);
  lines.push('', 'next:', `  1. read ${file} against the channel's documentation; the TODO and checks are in its description too`);
  if (golden) {
    lines.push('  2. check the expected order written beside the sample: it is what the draft makes of it now', `  3. hub mapping test ${file}`);
  } else {
    lines.push('  2. add a golden test: run again with --expect, or add "tests": [{ "input": …, "expect": … }]', `  3. hub mapping test ${file}`);
  }
  lines.push("  4. point an instance's mappings.inbound at it, then hub config check and hub dry-run <instance> <sample>");
  return lines.join('\n');
}
