/**
 * Checks a parsed document against the mapping-file schema (compiled once) and throws
 * a MappingFileError listing every problem with the file, the JSON pointer and the reason.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mappingFileSchema } from './mapping-file-schema.js';
import type { MappingFile } from './mapping-file-types.js';
import { MappingFileError } from './mapping-file-error.js';
import { describeAjvErrors } from './schema-errors.js';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true, allowUnionTypes: true });
const validateSchema = ajv.compile<MappingFile>(mappingFileSchema);

/** Returns the document typed as a MappingFile, or throws MappingFileError. */
export function validateMappingFile(document: unknown, file: string): MappingFile {
  if (validateSchema(document)) return document;
  const problems = describeAjvErrors(validateSchema.errors ?? []);
  throw new MappingFileError(problems.map((problem) => ({ file, ...problem })));
}
