/**
 * XML for the buyer simulator: escaping for the documents it writes, and a cautious
 * reader for the documents it receives. A cXML document's one DOCTYPE line naming the
 * cXML DTD is blanked (never fetched); any other DOCTYPE or entity declaration is
 * refused, as a careful procurement system would.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlValue = string | XmlObject | XmlValue[] | undefined;
export interface XmlObject {
  [key: string]: XmlValue;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
}

const CXML_DOCTYPE = /<!DOCTYPE\s+cXML\s+SYSTEM\s+"https?:\/\/xml\.cxml\.org\/schemas\/cXML\/[0-9.]+\/(?:cXML|Fulfill)\.dtd"\s*>/;
const INSECURE = /<!\s*(DOCTYPE|ENTITY)/i;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  trimValues: true,
  isArray: (name) => ['Credential', 'ConfirmationItem', 'ConfirmationStatus', 'ShipNoticeItem', 'ShipNoticePortion', 'ItemOut'].includes(name),
});

/** Parses a cXML document; throws with a short reason when it is malformed or declares more than its DOCTYPE line. */
export function parseCxml(xml: string): XmlObject {
  const text = xml.replace(CXML_DOCTYPE, (line) => ' '.repeat(line.length));
  if (INSECURE.test(text)) throw new Error('DOCTYPE (other than the cXML DTD line) and ENTITY declarations are not allowed');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parser.parse(text) as XmlObject;
}

export function childOf(node: XmlValue, name: string): XmlValue {
  const one = Array.isArray(node) ? node[0] : node;
  return typeof one === 'object' && one !== null && !Array.isArray(one) ? one[name] : undefined;
}

export function listOf(node: XmlValue): XmlValue[] {
  if (node === undefined || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

export function textOf(node: XmlValue): string | undefined {
  const one = Array.isArray(node) ? node[0] : node;
  if (typeof one === 'string') return one;
  if (typeof one === 'object' && one !== null && !Array.isArray(one)) return textOf(one['#text']);
  return undefined;
}

export function attrOf(node: XmlValue, name: string): string | undefined {
  return textOf(childOf(node, `@${name}`));
}
