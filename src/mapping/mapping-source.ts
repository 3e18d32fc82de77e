/**
 * A mapping file's text with what it says, for the mapping archive: the hub keeps the
 * text it compiled (JSON or YAML, as written) and compiles a kept text again to run an
 * older version.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { compileMapping, type CompiledMapping } from './compile-mapping.js';
import { MappingFileError } from './mapping-file-error.js';
import { dataKindOf, DataFileError, parseDataText } from './read-data-file.js';

export type MappingTextFormat = 'json' | 'yaml';

export interface MappingSource {
  text: string;
  format: MappingTextFormat;
  compiled: CompiledMapping;
  /** The parsed file, for its content digest. */
  document: unknown;
}

/** Reads and compiles a mapping file, keeping its text; problems are a MappingFileError naming the file. */
export async function readMappingSource(file: string): Promise<MappingSource> {
  const format = dataKindOf(file);
  if (format === 'text') throw new MappingFileError([{ file, path: '', message: 'a mapping file must be .json, .yaml or .yml' }]);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MappingFileError([{ file, path: '', message: `cannot read: ${(error as Error).message}` }]);
  }
  const document = parseMappingText(text, format, file);
  return { text, format, document, compiled: compileMapping(document, { file, baseDir: dirname(file) }) };
}

/** Compiles a kept mapping text; `label` names it in problems (it has no file of its own). */
export function compileMappingText(text: string, format: MappingTextFormat, label: string): CompiledMapping {
  return compileMapping(parseMappingText(text, format, label), { file: label });
}

function parseMappingText(text: string, format: MappingTextFormat, label: string): unknown {
  try {
    return parseDataText(text, `${label}.${format}`);
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    throw new MappingFileError([{ file: label, path: '', message: error.reason }]);
  }
}
