/**
 * Reads a data file by its extension: .json as JSON, .yaml/.yml as YAML, anything else
 * (.xml, .txt, fixed-width…) as raw text. Parse failures name the file.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';

export type DataKind = 'json' | 'yaml' | 'text';

export function dataKindOf(file: string): DataKind {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return 'text';
}

export class DataFileError extends Error {
  override readonly name = 'DataFileError';

  constructor(readonly file: string, readonly reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
  }
}

export async function readDataFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataFileError(file, `cannot read: ${(error as Error).message}`, { cause: error });
  }
  return parseDataText(text, file);
}

export function parseDataText(text: string, file: string): unknown {
  const kind = dataKindOf(file);
  if (kind === 'text') return text;
  try {
    return kind === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new DataFileError(file, `not valid ${kind.toUpperCase()}: ${(error as Error).message}`, { cause: error });
  }
}
