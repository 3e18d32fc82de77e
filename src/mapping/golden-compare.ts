/**
 * How a golden test compares the output with the expected sample, by kind of mapping:
 * - object and json: deep equality (shown as pretty JSON with sorted keys);
 * - xml: the text, with line endings and trailing white space normalised;
 * - render layouts: the exact bytes; on a difference, the decoded texts are diffed with
 *   every CR shown as ␍ so that a line-ending difference is visible;
 * - parse layouts: an expected list is the rows' values (and there must be no problems);
 *   an expected object `{ rows, problems }` also lists the problems.
 */
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseWithLayout, type CompiledMapping } from './compile-mapping.js';
import type { ParseProblem } from './layout/parsed-layout.js';
import { readBytes } from './golden-inputs.js';
import type { ApplyOptions } from './mapping-behaviour.js';
import { readDataFile } from './read-data-file.js';
import { stableJson } from './stable-json.js';

export interface Comparison {
  readonly passed: boolean;
  readonly expectedText: string;
  readonly actualText: string;
  readonly error?: string;
}

export async function compareWithSample(
  mapping: CompiledMapping, input: unknown, expectFile: string, options: ApplyOptions | undefined,
): Promise<Comparison> {
  if (mapping.direction === 'parse') return compareParsed(mapping, input, expectFile);
  if (mapping.format === 'fixed-width' || mapping.format === 'csv') return compareBytes(mapping, input, expectFile, options);
  if (mapping.format === 'xml') {
    const expectedText = normaliseText((await readBytes(expectFile)).toString('utf8'));
    const actualText = normaliseText(mapping.render(input, options).body);
    return { passed: expectedText === actualText, expectedText, actualText };
  }
  const expected = await readDataFile(resolve(expectFile));
  const actual = mapping.apply(input, options);
  return { passed: isDeepStrictEqual(expected, actual), expectedText: stableJson(expected), actualText: stableJson(actual) };
}

async function compareBytes(mapping: CompiledMapping, input: unknown, expectFile: string, options: ApplyOptions | undefined): Promise<Comparison> {
  const expected = await readBytes(expectFile);
  const rendered = mapping.render(input, options);
  const charset = rendered.contentType.includes('iso-8859-1') ? 'latin1' : 'utf8';
  const expectedText = showLineEnds(expected.toString(charset));
  const actualText = showLineEnds(rendered.bytes.toString(charset));
  const passed = expected.equals(rendered.bytes);
  const error = !passed && expectedText === actualText ? `the bytes differ at offset ${firstDifference(expected, rendered.bytes)}` : undefined;
  return { passed, expectedText, actualText, ...(error ? { error } : {}) };
}

async function compareParsed(mapping: CompiledMapping, input: unknown, expectFile: string): Promise<Comparison> {
  const expected = await readDataFile(resolve(expectFile));
  const parsed = parseWithLayout(mapping, Buffer.isBuffer(input) ? input : Buffer.from(String(input)));
  const rows = parsed.rows.map((row) => row.value);
  const listOnly = Array.isArray(expected);
  const actual = listOnly ? rows : { rows, problems: parsed.problems };
  const unexpected = listOnly && parsed.problems.length > 0;
  return {
    passed: isDeepStrictEqual(expected, actual) && !unexpected,
    expectedText: stableJson(expected),
    actualText: stableJson(actual),
    ...(unexpected ? { error: `the file has problems:\n${parsed.problems.map(describeParseProblem).join('\n')}` } : {}),
  };
}

function describeParseProblem(problem: ParseProblem): string {
  const record = problem.record ? ` (${problem.record})` : '';
  const field = problem.field ? ` field ${problem.field}` : '';
  return `line ${problem.line}${record}${field}: ${problem.message}`;
}

function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}

function showLineEnds(text: string): string {
  return text.replace(/\r/g, '␍');
}

function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return length;
}
