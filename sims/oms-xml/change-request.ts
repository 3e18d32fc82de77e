/**
 * Parsing of a `ChangeRequest` ("OMS XML v1" change requests, docs/protocols.md): the
 * change id, the order, and one operation per change with its line number, item,
 * quantity and new address. Same safe parser settings as orders.
 */
import { attrOf, childOf, isInsecureXml, listOf, parseXml, textOf } from './xml-parse.js';

export const CHANGE_OPERATIONS = ['set_quantity', 'change_sku', 'add_line', 'change_address', 'cancel_line', 'cancel_order'] as const;
export type ChangeOperationType = (typeof CHANGE_OPERATIONS)[number];

export interface ChangeOperation {
  type: ChangeOperationType;
  line?: number;
  item?: string;
  qty?: number;
  shipTo?: Record<string, string>;
  reason?: string;
}

export interface ParsedChangeRequest {
  changeId: string;
  omsOrderNumber: string;
  operations: ChangeOperation[];
}

export type ChangeParse = { ok: true; change: ParsedChangeRequest } | { ok: false; code: string; message: string };

export function parseChangeRequest(xml: string): ChangeParse {
  if (isInsecureXml(xml)) return { ok: false, code: 'INSECURE_XML', message: 'DOCTYPE and ENTITY declarations are not allowed' };
  let root;
  try {
    root = parseXml(xml)['ChangeRequest'];
  } catch (error) {
    return { ok: false, code: 'MALFORMED_XML', message: (error as Error).message };
  }
  if (root === undefined) return { ok: false, code: 'INVALID_ROOT', message: 'root element must be ChangeRequest' };
  const header = childOf(root, 'Header');
  const changeId = textOf(childOf(header, 'ChangeId'))?.trim();
  const omsOrderNumber = textOf(childOf(header, 'OmsOrderNumber'))?.trim();
  if (!changeId || !omsOrderNumber) return { ok: false, code: 'MISSING_FIELD', message: 'Header/ChangeId and Header/OmsOrderNumber are required' };
  const operations: ChangeOperation[] = [];
  for (const [index, node] of listOf(childOf(childOf(root, 'Operations'), 'Operation')).entries()) {
    const type = attrOf(node, 'type') as ChangeOperationType | undefined;
    if (!type || !(CHANGE_OPERATIONS as readonly string[]).includes(type)) {
      return { ok: false, code: 'INVALID_OPERATION', message: `Operation ${index + 1}: unknown type "${String(type)}"` };
    }
    operations.push(readOperation(type, node));
  }
  if (operations.length === 0) return { ok: false, code: 'NO_OPERATIONS', message: 'at least one Operations/Operation is required' };
  return { ok: true, change: { changeId, omsOrderNumber, operations } };
}

function readOperation(type: ChangeOperationType, node: Parameters<typeof childOf>[0]): ChangeOperation {
  const line = attrOf(node, 'line');
  const item = textOf(childOf(node, 'Item'))?.trim();
  const qty = textOf(childOf(node, 'Qty'))?.trim();
  const reason = textOf(childOf(node, 'Reason'))?.trim();
  const shipTo = childOf(node, 'ShipTo');
  const address: Record<string, string> = {};
  for (const field of ['Name', 'Street1', 'Street2', 'City', 'State', 'Zip', 'Country']) {
    const value = textOf(childOf(shipTo, field))?.trim();
    if (value) address[field] = value;
  }
  return {
    type,
    ...(line && /^\d+$/.test(line) ? { line: Number(line) } : {}),
    ...(item ? { item } : {}),
    ...(qty && /^\d+$/.test(qty) ? { qty: Number(qty) } : {}),
    ...(Object.keys(address).length > 0 ? { shipTo: address } : {}),
    ...(reason ? { reason } : {}),
  };
}
