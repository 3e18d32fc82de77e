/**
 * docs/reference/mapping-language.md: the keys of a mapping file and of a field, from the
 * mapping-file schema, and every pipe of the registry with its one-line description and
 * its argument (from the pipe's own argument schema). The language itself, with examples:
 * mappings/README.md.
 */
import { describePipes, mappingFileSchema, type PipeDoc } from '../../src/mapping/index.js';
import { MAPPING_KEY_NOTES } from './mapping-key-notes.js';
import { code, generatedBanner, table } from './markdown.js';
import { constraintsOf, isSchema, typeOf, type Schema } from './schema-words.js';

export function mappingLanguageReference(): string {
  const fieldSpec = mappingFileSchema.$defs.fieldSpec as Schema;
  const used = new Set<string>();
  const fileKeys = keyTable(mappingFileSchema as Schema, 'file', used);
  const fieldKeys = keyTable(fieldSpec, 'field', used);
  const stale = Object.keys(MAPPING_KEY_NOTES).filter((key) => !used.has(key));
  if (stale.length > 0) throw new Error(`scripts/docs/mapping-key-notes.ts describes ${stale.join(', ')}, which src/mapping/mapping-file-schema.ts does not have: remove them`);
  return [
    generatedBanner(),
    '',
    '# Mapping language reference',
    '',
    'What a mapping file may hold, checked by `mappingFileSchema` (src/mapping/mapping-file-schema.ts),',
    'and every pipe a field may apply. How to write one, with examples: [../../mappings/README.md](../../mappings/README.md);',
    'file layouts (fixed width, CSV): [../layouts.md](../layouts.md).',
    '',
    '## File',
    '',
    fileKeys,
    '',
    '## Field',
    '',
    'Each entry of `fields`: a target JSON pointer and how its value is made. Exactly one source',
    '(`path`, `first`, `concat`, `const`, `each`, `with`), or only a `pipe` that makes a value (`lineNumber`).',
    '',
    fieldKeys,
    '',
    '## Pipes',
    '',
    'A `pipe` is a list of steps, each a name (`"trim"`) or a one-key object with its argument',
    '(`{ "map": "shipVia" }`). A missing, null or `""` value skips every step but those marked',
    '"runs on empty".',
    '',
    table(['pipe', 'does', 'argument'], describePipes().map(pipeRow)),
    '',
  ].join('\n');
}

function keyTable(schema: Schema, kind: 'file' | 'field', used: Set<string>): string {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const rows = Object.entries(properties).map(([key, value]) => {
    const child = isSchema(value) ? value : {};
    return [code(key), keyType(child), required.includes(key) ? 'yes' : '', keyNote(`${kind}/${key}`, child, used)];
  });
  return table(['key', 'type', 'required', 'description'], rows);
}

/** The key's note (its schema's own description only says what a bad value is told). */
function keyNote(noteKey: string, schema: Schema, used: Set<string>): string {
  const note = MAPPING_KEY_NOTES[noteKey];
  if (note !== undefined) {
    used.add(noteKey);
    return note;
  }
  if (typeof schema.description === 'string') return schema.description;
  throw new Error(`mapping ${noteKey.replace('/', ' key ')} has no description: add "${noteKey}" to scripts/docs/mapping-key-notes.ts`);
}

function keyType(schema: Schema): string {
  if (typeof schema.$ref === 'string') return schema.$ref.replace('#/$defs/', '');
  if (Object.keys(schema).length === 0) return 'any';
  return [typeOf(schema), ...constraintsOf(schema)].join(', ');
}

function pipeRow(pipe: PipeDoc): string[] {
  const argument = pipe.argument ? `${pipe.argument.required ? '' : 'optional: '}${argumentWords(pipe.argument.schema as Schema)}` : 'none';
  return [code(pipe.name), `${pipe.description}${pipe.acceptsEmpty ? ' (runs on empty)' : ''}`, argument];
}

/** An argument schema in words: its type, and an object's keys with theirs (`{ length: integer (required), char: string }`). */
function argumentWords(schema: Schema): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives) && schema.type === undefined) return alternatives.map((a) => argumentWords(a as Schema)).join(' or ');
  if (!isSchema(schema.properties)) return Object.keys(schema).length === 0 ? 'any value' : keyType(schema);
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const keys = Object.entries(schema.properties).map(([key, value]) => `${key}: ${keyType(value as Schema)}${required.includes(key) ? ' (required)' : ''}`);
  const oneOf = (schema.allOf as Schema[] | undefined)?.find((part) => typeof part.description === 'string')?.description;
  return `{ ${keys.join('; ')} }${typeof oneOf === 'string' ? ` (${oneOf})` : ''}`;
}
