/**
 * runGoldenTests: runs the `tests` of a mapping file. Each input sample is read relative
 * to the mapping file (JSON/YAML parsed, anything else such as .xml passed as raw text),
 * mapped, and compared with the expected sample: deep equality for object and json
 * mappings, exact text (line endings and trailing newlines normalised) for xml mappings.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CompiledMapping } from './compile-mapping.js';
import { loadMapping } from './load-mapping.js';
import { MappingError } from './mapping-error.js';
import type { GoldenTestSpec } from './mapping-file-types.js';
import { DataFileError, readDataFile } from './read-data-file.js';
import { stableJson } from './stable-json.js';

export interface GoldenResult {
  readonly mappingId: string;
  readonly mappingFile: string;
  /** The test's name, or its input path. */
  readonly name: string;
  readonly input: string;
  readonly expect: string;
  readonly passed: boolean;
  /** Why there was nothing to compare: the mapping refused the input, or a sample could not be read. */
  readonly error?: string;
  /** What was compared: pretty JSON with sorted keys, or the XML text. */
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
  const base = { mappingId: mapping.id, mappingFile, name: test.name ?? test.input, input: test.input, expect: test.expect };
  const options = test.context ? { context: test.context } : undefined;
  try {
    const input = await readDataFile(resolve(baseDir, test.input));
    const expectFile = resolve(baseDir, test.expect);
    if (mapping.format === 'xml') {
      const expectedText = normaliseText(await readText(expectFile));
      const actualText = normaliseText(mapping.render(input, options).body);
      return { ...base, passed: expectedText === actualText, expectedText, actualText };
    }
    const expected = await readDataFile(expectFile);
    const actual = mapping.apply(input, options);
    const passed = isDeepStrictEqual(expected, actual);
    return { ...base, passed, expectedText: stableJson(expected), actualText: stableJson(actual) };
  } catch (error) {
    if (error instanceof MappingError || error instanceof DataFileError) return { ...base, passed: false, error: error.message };
    throw error;
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new DataFileError(file, `cannot read: ${(error as Error).message}`, { cause: error });
  }
}

function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
}
