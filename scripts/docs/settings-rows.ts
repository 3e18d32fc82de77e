/**
 * A connector's settings schema as rows of the reference table: every setting with its
 * key (nested objects flattened with dots, a map's entries as `<key>`, a list's items as
 * `[]`), type and constraints, default, whether it is required (`yes`, or `with <parent>`
 * when its parent is optional), whether it is a secret, and its description. Settings of
 * alternative shapes (`oneOf`) are listed for each shape.
 */
import { constraintsOf, isSchema, typeOf, type Schema } from './schema-words.js';

export interface SettingRow {
  key: string;
  type: string;
  default: string;
  required: string;
  secret: boolean;
  description: string;
}

/** `required` of a child: `yes` all the way up, else the optional ancestor it depends on. */
type Need = { kind: 'yes' } | { kind: 'with'; parent: string } | { kind: 'no' };

export function settingRows(schema: Schema): SettingRow[] {
  return objectRows(schema, '', { kind: 'yes' });
}

/** Top-level `anyOf`/`oneOf` of required keys only: "at least one of imap, smtp". */
export function requiredAlternatives(schema: Schema): string | undefined {
  for (const [keyword, words] of [['anyOf', 'at least one of'], ['oneOf', 'exactly one of']] as const) {
    const alternatives = schema[keyword];
    if (!Array.isArray(alternatives) || !alternatives.every((a) => isSchema(a) && Array.isArray(a.required) && !a.properties)) continue;
    return `${words} ${alternatives.flatMap((a) => (a as Schema).required as string[]).map((k) => `\`${k}\``).join(', ')}`;
  }
  return undefined;
}

function objectRows(schema: Schema, prefix: string, need: Need): SettingRow[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.entries(properties).flatMap(([name, child]) =>
    isSchema(child) ? settingRowsOf(child, prefix ? `${prefix}.${name}` : name, childNeed(need, required.includes(name), prefix)) : []);
}

function settingRowsOf(schema: Schema, key: string, need: Need): SettingRow[] {
  const row: SettingRow = {
    key,
    type: [typeOf(schema), ...constraintsOf(schema)].join(', '),
    default: 'default' in schema ? `\`${JSON.stringify(schema.default)}\`` : '',
    required: need.kind === 'yes' ? 'yes' : need.kind === 'with' ? `with \`${need.parent}\`` : '',
    secret: schema['x-secret'] === true,
    description: typeof schema.description === 'string' ? schema.description : '',
  };
  return [row, ...nestedRows(schema, key, need)];
}

/** The rows under a setting: its properties, each alternative's, a map's entries, a list's items. */
function nestedRows(schema: Schema, key: string, need: Need): SettingRow[] {
  const rows = objectRows(schema, key, need);
  const alternatives = (schema.oneOf ?? schema.anyOf) as unknown;
  if (Array.isArray(alternatives)) {
    for (const alternative of alternatives) if (isSchema(alternative)) rows.push(...objectRows(alternative, key, need.kind === 'no' ? need : { kind: 'with', parent: key }));
  }
  if (isSchema(schema.additionalProperties) && isSchema(schema.additionalProperties.properties)) {
    rows.push(...objectRows(schema.additionalProperties, `${key}.<key>`, { kind: 'with', parent: `${key}.<key>` }));
  }
  if (isSchema(schema.items) && isSchema(schema.items.properties)) rows.push(...objectRows(schema.items, `${key}[]`, { kind: 'with', parent: `${key}[]` }));
  return rows;
}

function childNeed(parent: Need, required: boolean, parentKey: string): Need {
  if (!required) return { kind: 'no' };
  if (parent.kind === 'yes') return parent;
  return { kind: 'with', parent: parentKey };
}
