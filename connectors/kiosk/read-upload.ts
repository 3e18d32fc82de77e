/**
 * A kiosk's upload, `{ "orders": [ { "seq": 17, ... }, ... ] }`, split into its orders.
 * Each order keeps its own bytes (stable JSON, so a resend in another key order is the
 * same order) and a fingerprint of them. An element that is not an order, or has no
 * usable sequence number, is set aside with the reason; the rest of the upload goes on.
 */
import { createHash } from 'node:crypto';
import { BadInputError, parseJsonBody } from '../../src/sdk/index.js';

export interface UploadedOrder {
  seq: number;
  /** The order as the kiosk sent it. */
  order: Record<string, unknown>;
  /** The order alone, as stable JSON: what is stored as its original bytes. */
  bytes: Buffer;
  fingerprint: string;
}

export interface UnreadableElement {
  /** Position in the upload, from 0. */
  index: number;
  bytes: Buffer;
  reason: string;
}

export interface Upload {
  orders: UploadedOrder[];
  unreadable: UnreadableElement[];
}

export function readUpload(body: Buffer, maxOrders: number): Upload {
  const list = ordersOf(body);
  if (list.length > maxOrders) {
    throw new BadInputError(`the upload holds ${list.length} orders, more than ${maxOrders}`, { code: 'BATCH_TOO_LARGE', status: 413, hint: `send at most ${maxOrders} orders per upload` });
  }
  const upload: Upload = { orders: [], unreadable: [] };
  list.forEach((element, index) => {
    const bytes = Buffer.from(stableJson(element), 'utf8');
    const problem = problemOf(element);
    if (problem) upload.unreadable.push({ index, bytes, reason: problem });
    else upload.orders.push({ seq: (element as { seq: number }).seq, order: element as Record<string, unknown>, bytes, fingerprint: sha256(bytes) });
  });
  return upload;
}

function ordersOf(body: Buffer): unknown[] {
  const parsed = parseJsonBody(body);
  const orders = typeof parsed === 'object' && parsed !== null ? (parsed as { orders?: unknown }).orders : undefined;
  if (!Array.isArray(orders)) throw new BadInputError('the upload has no "orders" list', { code: 'NO_ORDERS', hint: 'send {"orders": [ ... ]}' });
  return orders;
}

function problemOf(element: unknown): string | undefined {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return 'not an order: each element of "orders" must be an object';
  const seq = (element as { seq?: unknown }).seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return `"seq" must be the kiosk's order number, a whole number from 1 (got ${JSON.stringify(seq) ?? 'nothing'})`;
  return undefined;
}

/** JSON with object keys sorted, so the same order always gives the same bytes. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
