/**
 * A pasted XML sample, read the way the hub's XML connectors hand a document to an
 * inbound mapping (the xml-orders connector, the e-mail XML form): parsed by the SDK's
 * safe parser (no DOCTYPE, no entities), the root element's content, and the elements
 * the mapping reads as lists (its `each` sources, the paths it pipes through a list
 * pipe first) always lists, even when the document has only one of them.
 */
import type { FieldSpec, FieldsSpec } from '../mapping/index.js';
import { parsePointer } from '../mapping/json-pointer.js';
import { BadInputError } from '../sdk/errors/index.js';
import { parseXmlSafely } from '../sdk/xml.js';

/** Pipes whose input is a list: a path piped first through one of them reads a repeated element. */
const LIST_PIPES = new Set(['fromEntries', 'pluck', 'count', 'sum', 'join']);

export function readXmlSample(text: string, fields: FieldsSpec): Record<string, unknown> {
  const document = parseXmlSafely(text, { arrays: [...listElements(fields)] });
  const roots = Object.keys(document).filter((name) => !name.startsWith('?'));
  const root = roots.length === 1 ? document[roots[0]!] : undefined;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new BadInputError(`expected one root element with content, found ${roots.length === 0 ? 'none' : roots.map((r) => `<${r}>`).join(', ')}`, {
      code: 'XML_ROOT', hint: 'paste one document, such as one <Order>',
    });
  }
  return root as Record<string, unknown>;
}

/** Names of the elements the mapping reads as lists. */
export function listElements(fields: FieldsSpec, names = new Set<string>()): Set<string> {
  for (const field of Object.values(fields)) {
    const listPath = field.each ?? (startsWithListPipe(field) ? field.path : undefined);
    const name = listPath === undefined ? undefined : lastElement(listPath);
    if (name) names.add(name);
    if (field.fields) listElements(field.fields, names);
  }
  return names;
}

function startsWithListPipe(field: FieldSpec): boolean {
  const first = field.pipe?.[0];
  const name = typeof first === 'string' ? first : first === undefined ? undefined : Object.keys(first)[0];
  return name !== undefined && LIST_PIPES.has(name);
}

/** The element a pointer ends on (`$/Lines/Line` → `Line`); none for attributes and text. */
function lastElement(pointer: string): string | undefined {
  const last = parsePointer(pointer.replace(/^(\$|\^+)/, '')).at(-1);
  return last === undefined || last.startsWith('@') || last === '#text' ? undefined : last;
}
