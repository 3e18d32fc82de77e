/**
 * runGoldenTests: runs the `tests` of a mapping file. Each input (a sample file, or a
 * batch of order samples) is read relative to the mapping file, mapped, and compared with
 * the expected sample (see ./golden-compare.ts for how each kind of mapping compares);
 * or, with `expectError`, the mapping must refuse it with an error containing that text.
 */
import { dirname, resolve } from 'node:path';
import type { CompiledMapping } from './compile-mapping.js';
import { compareWithSample } from './golden-compare.js';
import { readGoldenInput } from './golden-inputs.js';
import { loadMapping } from './load-mapping.js';
import type { ApplyOptions } from './mapping-behaviour.js';
import { MappingError } from './mapping-error.js';
import type { GoldenTestSpec } from './mapping-file-types.js';
import { DataFileError } from './read-data-file.js';

export interface GoldenResult {
  readonly mappingId: string;
  readonly mappingFile: string;
  /** The test's name, or its input. */
  readonly name: string;
  readonly input: string;
  /** The expected sample, or `error: <text>` for a test that expects a refusal. */
  readonly expect: string;
  readonly passed: boolean;
  /** Why there was nothing to compare: the mapping refused the input, or a sample could not be read. */
  readonly error?: string;
  /** What was compared: pretty JSON with sorted keys, the XML text, or the decoded file. */
  readonly expectedText?: string;
  readonly actualText?: string;
}

export async function runGoldenTests(filePath: string): Promise<GoldenResult[]> {
  const mapping = await loadMapping(filePath);
  const results: GoldenResult[] = [];
  for (const test of mapping.tests) results.push(await runGoldenTest(mapping, resolve(filePath), test));
  return results;
}

async function runGoldenTest(mapping: CompiledMapping, mappingFile: string, test: GoldenTestSpec): Promise<GoldenResult> {
  const baseDir = mapping.baseDir ?? dirname(mappingFile);
  const expect = test.expectError === undefined ? test.expect : `error: ${test.expectError}`;
  const base = { mappingId: mapping.id, mappingFile, name: test.name ?? test.input, input: test.input, expect };
  const options = test.context ? { context: test.context } : undefined;
  try {
    const sample = await readGoldenInput(mapping, baseDir, test);
    if (test.expectError !== undefined) return { ...base, ...expectRefusal(mapping, sample, options, test.expectError) };
    return { ...base, ...(await compareWithSample(mapping, sample, resolve(baseDir, test.expect), options)) };
  } catch (error) {
    if (error instanceof MappingError || error instanceof DataFileError) return { ...base, passed: false, error: error.message };
    throw error;
  }
}

function expectRefusal(mapping: CompiledMapping, input: unknown, options: ApplyOptions | undefined, expected: string): Pick<GoldenResult, 'passed' | 'error' | 'expectedText' | 'actualText'> {
  try {
    mapping.render(input, options);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    const passed = error.message.includes(expected);
    return passed ? { passed } : { passed, expectedText: `refused with: ${expected}`, actualText: `refused with: ${error.message}` };
  }
  return { passed: false, error: `expected a refusal containing "${expected}", but the input was accepted` };
}
