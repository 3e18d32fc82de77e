/**
 * docs/reference/canonical-order.md: every field of the canonical order, walked from its
 * JSON Schema (src/model/order-schema.ts) in the schema's order: JSON pointer, type,
 * whether it is required, constraints, and what it means (the schema's description, else
 * ./canonical-field-notes.ts). Throws when a field has no description, or a note names a
 * field the schema does not have, so the reference cannot drift from the schema.
 */
import { orderSchema } from '../../src/model/order-schema.js';
import { CANONICAL_FIELD_NOTES } from './canonical-field-notes.js';
import { code, generatedBanner, table } from './markdown.js';
import { constraintsOf, isSchema, typeOf, type Schema } from './schema-words.js';

interface FieldRow { pointer: string; type: string; required: string; constraints: string; description: string }

const root = orderSchema as unknown as Schema;
const DEFS = (root.$defs ?? {}) as Record<string, Schema>;
const ADDRESS_REF = '#/$defs/address';

export function canonicalOrderReference(): string {
  const used = new Set<string>();
  const rows = objectRows(root, '', '', 'yes', used);
  const stale = Object.keys(CANONICAL_FIELD_NOTES).filter((key) => !used.has(key));
  if (stale.length > 0) throw new Error(`scripts/docs/canonical-field-notes.ts describes ${stale.join(', ')}, which src/model/order-schema.ts does not have: remove them`);
  return [
    generatedBanner(),
    '',
    '# Canonical order reference',
    '',
    'The one shape every channel is mapped into and every target is rendered from (`canonical/order@1`,',
    'checked by the JSON Schema in src/model/order-schema.ts). Objects are closed: a field not listed here is',
    'refused. Money is always an integer number of minor units of `currency` (cents). `*` stands for any line.',
    'An inbound mapping makes the fields the hub does not set itself; see',
    '[mapping-language.md](mapping-language.md) and [../../mappings/README.md](../../mappings/README.md).',
    '',
    table(['pointer', 'type', 'required', 'constraints', 'description'], rows.map((r) => [code(r.pointer), r.type, r.required, r.constraints, r.description])),
    '',
  ].join('\n');
}

/** `yes` all the way up; `with /parent` when the parent is optional; '' when optional. */
type Need = string;

function objectRows(schema: Schema, pointer: string, noteBase: string, need: Need, used: Set<string>): FieldRow[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.entries(properties).flatMap(([name, child]) => {
    const childNeed = !required.includes(name) ? '' : need === 'yes' ? 'yes' : `with ${code(pointer)}`;
    return fieldRows(child as Schema, `${pointer}/${name}`, `${noteBase}/${name}`, childNeed, used);
  });
}

function fieldRows(schema: Schema, pointer: string, noteKey: string, need: Need, used: Set<string>): FieldRow[] {
  const resolved = resolve(schema);
  const row: FieldRow = {
    pointer, type: typeOf(schema, resolve), required: need, constraints: constraintWords(resolved).join(', '), description: describe(schema, noteKey, pointer, used),
  };
  const childBase = schema.$ref === ADDRESS_REF ? '{address}' : noteKey;
  if (isSchema(resolved.properties)) return [row, ...objectRows(resolved, pointer, childBase, need, used)];
  if (isSchema(resolved.items) && isSchema(resolved.items.properties)) return [row, ...objectRows(resolved.items, `${pointer}/*`, `${childBase}/*`, need, used)];
  return [row];
}

function constraintWords(schema: Schema): string[] {
  const words = constraintsOf(schema);
  if (isSchema(schema.additionalProperties)) {
    const values = constraintsOf(resolve(schema.additionalProperties));
    if (values.length > 0) words.push(`each value ${values.join(', ')}`);
  }
  return words;
}

function describe(schema: Schema, noteKey: string, pointer: string, used: Set<string>): string {
  if (typeof schema.description === 'string') return schema.description;
  const note = CANONICAL_FIELD_NOTES[noteKey];
  if (note === undefined) throw new Error(`canonical field ${pointer} has no description: add "${noteKey}" to scripts/docs/canonical-field-notes.ts`);
  used.add(noteKey);
  return note;
}

function resolve(schema: Schema): Schema {
  if (typeof schema.$ref !== 'string') return schema;
  const def = DEFS[schema.$ref.replace('#/$defs/', '')];
  if (!def) throw new Error(`src/model/order-schema.ts: ${schema.$ref} is not in $defs`);
  return def;
}
