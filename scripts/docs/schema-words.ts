/**
 * A JSON Schema (the settings of a connector, the canonical order, a pipe's argument)
 * in a few words for the reference docs: its type (`string (uri)`, `"move" or "flag"`,
 * `list of string`, `map of string`) and its constraints (`1 to 86400`, `16 or more
 * characters`, `pattern ^[A-Z]{2}$`).
 */
import { code } from './markdown.js';

export type Schema = Readonly<Record<string, unknown>>;

export function typeOf(schema: Schema, resolve: (schema: Schema) => Schema = (s) => s): string {
  const resolved = resolve(schema);
  if ('const' in resolved) return `always ${JSON.stringify(resolved.const)}`;
  if (Array.isArray(resolved.enum)) return resolved.enum.map((value) => JSON.stringify(value)).join(' or ');
  const alternatives = (resolved.oneOf ?? resolved.anyOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && resolved.type === undefined) return `one of: ${alternatives.map((a) => typeOf(a, resolve)).join('; ')}`;
  const types = Array.isArray(resolved.type) ? resolved.type.join(' or ') : typeof resolved.type === 'string' ? resolved.type : 'any';
  if (types === 'array' && isSchema(resolved.items)) return `list of ${typeOf(resolved.items, resolve)}`;
  if (types === 'object' && isSchema(resolved.additionalProperties) && !resolved.properties) return `map of ${typeOf(resolved.additionalProperties, resolve)}`;
  return typeof resolved.format === 'string' ? `${types} (${resolved.format})` : types;
}

export function constraintsOf(schema: Schema): string[] {
  const words: string[] = [];
  const range = between(schema.minimum, schema.maximum);
  if (range) words.push(range);
  const length = between(schema.minLength, schema.maxLength, 'characters');
  if (length) words.push(length);
  const items = between(schema.minItems, schema.maxItems, 'items');
  if (items) words.push(items);
  if (typeof schema.pattern === 'string') words.push(`pattern ${code(schema.pattern)}`);
  return words;
}

export function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function between(min: unknown, max: unknown, unit = ''): string | undefined {
  const suffix = unit ? ` ${unit}` : '';
  if (typeof min === 'number' && min === max) return `exactly ${min}${suffix}`;
  if (typeof min === 'number' && typeof max === 'number') return `${min} to ${max}${suffix}`;
  if (typeof min === 'number') return unit && min <= 1 ? (min === 1 ? `not empty` : undefined) : `at least ${min}${suffix}`;
  if (typeof max === 'number') return `at most ${max}${suffix}`;
  return undefined;
}
