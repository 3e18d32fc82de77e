/**
 * Renders the object an xml mapping builds as XML text with fast-xml-parser's XMLBuilder:
 * keys starting with `@` are attributes, `#text` is an element's text, arrays are repeated
 * elements, and text and attribute values are always escaped. The builder is set up once
 * per mapping; the optional declaration is written by us so it is always the same.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { XmlOptions } from './mapping-file-types.js';

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export type XmlRenderer = (tree: Readonly<Record<string, unknown>>) => string;

export function createXmlRenderer(options: XmlOptions): XmlRenderer {
  const indent = options.indent ?? 2;
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    format: indent > 0,
    indentBy: ' '.repeat(indent),
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
    processEntities: true,
  });
  const rootAttributes = Object.fromEntries(
    Object.entries(options.attributes ?? {}).map(([name, value]) => [`@${name}`, value]),
  );
  const prefix = options.declaration ? DECLARATION : '';
  return (tree) => prefix + builder.build({ [options.root]: { ...rootAttributes, ...tree } });
}
