/**
 * loadMapping: reads a mapping file (JSON, or YAML by extension), compiles it, and keeps
 * the result in a small cache keyed by absolute path and modification time, so a process
 * compiles each file once and an edited file is compiled again.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { compileMapping, type CompiledMapping } from './compile-mapping.js';
import { MappingFileError } from './mapping-file-error.js';
import { dataKindOf, DataFileError, readDataFile } from './read-data-file.js';

const cache = new Map<string, { modified: number; compiled: Promise<CompiledMapping> }>();

export async function loadMapping(filePath: string): Promise<CompiledMapping> {
  const file = resolve(filePath);
  const modified = await modificationTime(file);
  const cached = cache.get(file);
  if (cached && cached.modified === modified) return cached.compiled;
  const compiled = readAndCompile(file);
  cache.set(file, { modified, compiled });
  compiled.catch(() => cache.delete(file));
  return compiled;
}

/** Forgets every compiled mapping (tests, or a reload command). */
export function clearMappingCache(): void {
  cache.clear();
}

async function readAndCompile(file: string): Promise<CompiledMapping> {
  if (dataKindOf(file) === 'text') {
    throw new MappingFileError([{ file, path: '', message: 'a mapping file must be .json, .yaml or .yml' }]);
  }
  let document: unknown;
  try {
    document = await readDataFile(file);
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    throw new MappingFileError([{ file, path: '', message: error.reason }]);
  }
  return compileMapping(document, { file, baseDir: dirname(file) });
}

async function modificationTime(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch (error) {
    throw new MappingFileError([{ file, path: '', message: `cannot read: ${(error as Error).message}` }]);
  }
}
