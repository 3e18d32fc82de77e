/**
 * The input of a golden test: a sample file (JSON/YAML parsed, other files as text, or
 * as bytes for parse layouts), or a batch `{ batch, orders }` assembled from order
 * samples (`"orders": [...]` with `"batch": { id, createdAt }`). Paths are relative to
 * the mapping file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CompiledMapping } from './compile-mapping.js';
import type { GoldenTestFileSpec, GoldenTestSpec } from './mapping-file-types.js';
import { DataFileError, readDataFile } from './read-data-file.js';

export async function readGoldenInput(mapping: CompiledMapping, baseDir: string, test: GoldenTestSpec): Promise<unknown> {
  if (test.orders && test.batch) {
    const orders = await Promise.all(test.orders.map((order) => readDataFile(resolve(baseDir, order))));
    return { batch: { ...test.batch }, orders };
  }
  const file = resolve(baseDir, test.input);
  return mapping.direction === 'parse' ? readBytes(file) : readDataFile(file);
}

/** How a test's input is named in reports: the sample, or the order samples of a batch. */
export function inputLabel(test: GoldenTestFileSpec): string {
  return test.input ?? `batch ${test.batch?.id ?? ''} of ${(test.orders ?? []).join(', ')}`;
}

export async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new DataFileError(file, `cannot read: ${(error as Error).message}`, { cause: error });
  }
}
