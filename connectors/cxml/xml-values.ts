/**
 * Reading values out of a parsed cXML tree (attributes as `@name`, text beside
 * attributes as `#text`, repeated elements as lists): a child, a list, an attribute,
 * trimmed text. Missing anything is `undefined`, never an exception.
 */
import { xmlText } from '../../src/sdk/index.js';
import { isElement } from './read-cxml.js';

export function child(element: unknown, name: string): unknown {
  return isElement(element) ? element[name] : undefined;
}

/** A path of element names; a list on the way is entered at its first element. */
export function descend(element: unknown, ...names: string[]): unknown {
  let current = element;
  for (const name of names) current = child(Array.isArray(current) ? current[0] : current, name);
  return current;
}

export function list(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Trimmed text of an element (or of the first of a list), undefined when empty. */
export function text(value: unknown): string | undefined {
  const found = xmlText(Array.isArray(value) ? value[0] : value)?.trim();
  return found ? found : undefined;
}

export function attribute(element: unknown, name: string): string | undefined {
  return text(child(Array.isArray(element) ? element[0] : element, `@${name}`));
}
