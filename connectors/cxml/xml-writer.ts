/**
 * Writing cXML documents: a small element tree rendered with two-space indentation,
 * text and attribute values always escaped, under the XML declaration and the cXML
 * DOCTYPE line (`cXML.dtd` for responses, `Fulfill.dtd` for confirmations and ship
 * notices). Attributes whose value is undefined are left out, as are missing children.
 */

export const CXML_VERSION = '1.2.014';

export interface XmlNode {
  name: string;
  attributes: Record<string, string | number | undefined>;
  children: Array<XmlNode | string>;
}

type Child = XmlNode | string | undefined | false;

export function element(name: string, attributes: XmlNode['attributes'] = {}, ...children: Child[]): XmlNode {
  return { name, attributes, children: children.filter((c): c is XmlNode | string => c !== undefined && c !== false) };
}

export function cxmlDocument(dtd: 'cXML' | 'Fulfill', root: XmlNode): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/${CXML_VERSION}/${dtd}.dtd">`,
    ...render(root, ''),
    '',
  ].join('\n');
}

function render(node: XmlNode, indent: string): string[] {
  const open = `${indent}<${node.name}${renderAttributes(node.attributes)}`;
  if (node.children.length === 0) return [`${open}/>`];
  if (node.children.every((c) => typeof c === 'string')) return [`${open}>${node.children.map((c) => escapeText(c as string)).join('')}</${node.name}>`];
  const inner = node.children.flatMap((c) => (typeof c === 'string' ? [`${indent}  ${escapeText(c)}`] : render(c, `${indent}  `)));
  return [`${open}>`, ...inner, `${indent}</${node.name}>`];
}

function renderAttributes(attributes: XmlNode['attributes']): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };

/** Characters XML 1.0 cannot carry at all (controls other than tab, line feed, carriage return). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

export function escapeAttribute(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"\n\r\t]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}
