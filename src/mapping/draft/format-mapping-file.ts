/**
 * A drafted mapping file as text people read and edit: JSON laid out like the
 * hand-written files in mappings/, one field per line and a group's fields below it,
 * instead of one value per line.
 */
import type { DocumentMappingFile, FieldSpec, FieldsSpec } from '../mapping-file-types.js';

export function formatMappingFile(document: DocumentMappingFile): string {
  const entries = Object.entries(document).map(([key, value]) => {
    if (key === 'fields') return `  "fields": ${fieldsBlock(value as FieldsSpec, 2)}`;
    if (key === 'tests' && Array.isArray(value)) return `  "tests": [\n${value.map((test) => `    ${inline(test)}`).join(',\n')}\n  ]`;
    return `  ${JSON.stringify(key)}: ${inline(value)}`;
  });
  return `{\n${entries.join(',\n')}\n}\n`;
}

function fieldsBlock(fields: FieldsSpec, depth: number): string {
  const pad = ' '.repeat(depth + 2);
  const lines = Object.entries(fields).map(([target, spec]) => `${pad}${JSON.stringify(target)}: ${fieldText(spec, depth + 2)}`);
  return `{\n${lines.join(',\n')}\n${' '.repeat(depth)}}`;
}

function fieldText(spec: FieldSpec, depth: number): string {
  if (!spec.fields) return inline(spec);
  const { fields, ...rest } = spec;
  const pad = ' '.repeat(depth + 2);
  const head = Object.keys(rest).length > 0 ? `${pad}${inline(rest).slice(2, -2)},\n` : '';
  return `{\n${head}${pad}"fields": ${fieldsBlock(fields, depth + 2)}\n${' '.repeat(depth)}}`;
}

/** Valid JSON on one line, with a space after each colon and comma. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, child]) => `${JSON.stringify(key)}: ${inline(child)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}
