/**
 * A mapping file as written (not compiled): the workbench reads which XML elements its
 * fields take as lists, and adds golden tests to it. Only files that `loadMapping`
 * accepted are read here, so the document has passed the mapping-file schema.
 */
import type { FieldsSpec } from '../mapping/index.js';
import { readDataFile } from '../mapping/read-data-file.js';

export type MappingDocument = Record<string, unknown>;

export async function readMappingDocument(file: string): Promise<MappingDocument> {
  const document = await readDataFile(file);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new Error(`${file} is not a mapping file`);
  return document as MappingDocument;
}

export function documentFields(document: MappingDocument): FieldsSpec {
  const fields = document.fields;
  return typeof fields === 'object' && fields !== null ? fields as FieldsSpec : {};
}
