/**
 * Golden files for the X12 tests: text compared byte for byte with a committed file under
 * `connectors/x12/samples/`. Run with `X12_WRITE_GOLDEN=1` to write the files instead,
 * then review the diff before committing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

export function sampleText(relativePath: string): string {
  return readFileSync(join(SAMPLES_DIR, relativePath), 'utf8');
}

export function sampleJson<T>(relativePath: string): T {
  return JSON.parse(sampleText(relativePath)) as T;
}

/** Compares the text with the committed file byte for byte (or writes it when asked to). */
export function expectGolden(relativePath: string, text: string): void {
  const path = join(SAMPLES_DIR, relativePath);
  if (process.env.X12_WRITE_GOLDEN === '1') writeFileSync(path, text);
  const expected = readFileSync(path);
  expect(text, relativePath).toBe(expected.toString('utf8'));
  expect(Buffer.from(text, 'utf8').equals(expected), `${relativePath} differs byte for byte`).toBe(true);
}

/** JSON as the golden files hold it: two-space indent and a final newline. */
export function goldenJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
