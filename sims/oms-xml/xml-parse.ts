/**
 * Safe parsing of an incoming `OrderRequest`: documents with a DOCTYPE or
 * entity declarations are refused before any parser sees them, entity
 * expansion is off, and only the fields the OMS needs are extracted.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { OmsLine, OmsPickup } from './types.js';

export interface ParsedOrderRequest {
  hubOrderId: string;
  lines: OmsLine[];
  pickup?: OmsPickup;
}

export interface XmlProblem {
  code: string;
  message: string;
}

export type ParseResult = { ok: true; order: ParsedOrderRequest } | { ok: false; problem: XmlProblem };

type XmlNode = string | number | boolean | null | undefined | XmlObject | XmlNode[];
interface XmlObject {
  [key: string]: XmlNode;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  isArray: (name, path) => name === 'Line' || String(path) === 'StatusFeed.StatusUpdate',
});

const INSECURE = /<!\s*(DOCTYPE|ENTITY)/i;

/** True when the document declares a DOCTYPE or entities (never parsed). */
export function isInsecureXml(xml: string): boolean {
  return INSECURE.test(xml);
}

/** Parses any XML document with the safe settings; throws on malformed input. */
export function parseXml(xml: string): XmlObject {
  if (isInsecureXml(xml)) throw new Error('DOCTYPE and ENTITY declarations are not allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parser.parse(xml) as XmlObject;
}

/** Decodes the five predefined XML entities and numeric character references. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text content of an element (string, or `#text` of an element with attributes). */
export function textOf(node: XmlNode): string | undefined {
  if (typeof node === 'string') return decodeXmlText(node);
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (isObject(node)) return textOf(node['#text']);
  return undefined;
}

export function childOf(node: XmlNode, name: string): XmlNode {
  return isObject(node) ? node[name] : undefined;
}

export function listOf(node: XmlNode): XmlNode[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

export function attrOf(node: XmlNode, name: string): string | undefined {
  return textOf(childOf(node, `@_${name}`));
}

function isObject(node: XmlNode): node is XmlObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Validates and extracts an `OrderRequest`; problems carry an OMS error code. */
export function parseOrderRequest(xml: string): ParseResult {
  if (isInsecureXml(xml)) return fail('INSECURE_XML', 'DOCTYPE and ENTITY declarations are not allowed');
  let doc: XmlObject;
  try {
    doc = parseXml(xml);
  } catch (error) {
    return fail('MALFORMED_XML', error instanceof Error ? error.message : String(error));
  }
  const root = doc['OrderRequest'];
  if (root === undefined) return fail('INVALID_ROOT', 'root element must be OrderRequest');
  const hubOrderId = textOf(childOf(childOf(root, 'Header'), 'HubOrderId'))?.trim();
  if (!hubOrderId) return fail('MISSING_FIELD', 'Header/HubOrderId is required');
  const warehouse = textOf(childOf(childOf(root, 'Header'), 'Warehouse'))?.trim();
  const parsed = extractLines(childOf(childOf(root, 'Lines'), 'Line'), hubOrderId);
  if (!parsed.ok) return parsed;
  const pickup = pickupOf(childOf(root, 'Header'));
  const lines = warehouse ? parsed.order.lines.map((l) => ({ warehouse, ...l })) : parsed.order.lines;
  return { ok: true, order: { ...parsed.order, lines, ...(pickup ? { pickup } : {}) } };
}

/** `<Fulfilment>PICKUP</Fulfilment>` with its `<PickupStore>`; undefined for an order to ship. */
function pickupOf(header: XmlNode): OmsPickup | undefined {
  if (textOf(childOf(header, 'Fulfilment'))?.trim().toUpperCase() !== 'PICKUP') return undefined;
  const store = textOf(childOf(header, 'PickupStore'))?.trim();
  return store ? { store } : {};
}

function extractLines(lineNodes: XmlNode, hubOrderId: string): ParseResult {
  const nodes = listOf(lineNodes);
  if (nodes.length === 0) return fail('NO_LINES', 'at least one Lines/Line is required');
  const lines: OmsLine[] = [];
  for (const [index, node] of nodes.entries()) {
    const line = extractLine(node, index + 1);
    if ('code' in line) return { ok: false, problem: line };
    lines.push(line);
  }
  return { ok: true, order: { hubOrderId, lines } };
}

function extractLine(node: XmlNode, position: number): OmsLine | XmlProblem {
  const item = textOf(childOf(node, 'Item'))?.trim();
  if (!item) return { code: 'INVALID_ITEM', message: `Line ${position}: Item is required` };
  const qtyText = textOf(childOf(node, 'Qty'))?.trim() ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(qtyText)) {
    return { code: 'INVALID_QTY', message: `Line ${position}: Qty must be a positive integer, got "${qtyText}"` };
  }
  const numberText = attrOf(node, 'number');
  const number = numberText !== undefined && /^[1-9][0-9]*$/.test(numberText) ? Number(numberText) : position;
  const warehouse = textOf(childOf(node, 'Warehouse'))?.trim();
  return { number, item, qty: Number(qtyText), ...(warehouse ? { warehouse } : {}) };
}

function fail(code: string, message: string): ParseResult {
  return { ok: false, problem: { code, message } };
}
