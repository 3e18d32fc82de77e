/**
 * Whether a change may go to the OMS, decided before anything is recorded: the order must
 * be in a state that can change, the lines it touches must not have shipped, and new or
 * extra units must be in stock (a SKU the OMS never reported is left to the OMS). The
 * change is judged against the order as it will be once the changes still open are
 * settled, so two requests that arrive together are judged one after the other.
 * Pure: the stock is read by the caller.
 */
import type { Availability } from '../inventory/availability.js';
import { applyChange, isOpen, openUnits, type ChangeRecord, type ChangedOrder, type OrderChangeOp } from '../model/order-change.js';
import type { CanonicalOrder, OrderLine } from '../model/order.js';
import type { OrderState, OrderStatus } from '../model/status.js';
import { validateCanonicalOrder } from '../model/validate.js';
import type { AskedOp, ChangeAsk, LineRef } from './change-ask.js';

export type RefusalCode = 'NOT_CHANGEABLE' | 'SHIPPED' | 'OUT_OF_STOCK' | 'NO_SUCH_LINE' | 'INVALID_RESULT' | 'NOTHING_TO_CHANGE';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
  /** For OUT_OF_STOCK: what to offer instead, per SKU asked for. */
  stock?: Array<{ sku: string; wanted: number; available: number; expectedDate?: string; alternatives: Array<{ sku: string; available: number }> }>;
}

export interface Judged {
  ok: true;
  operations: OrderChangeOp[];
  summary: string;
  /** The order as it will be once this change and those before it are accepted. */
  projected: ChangedOrder;
}

const CHANGEABLE: ReadonlySet<OrderState> = new Set(['accepted', 'sent', 'acknowledged', 'allocated', 'backordered', 'partially_shipped', 'on_hold']);

export interface ChangeSubject {
  hubOrderId: string;
  order: CanonicalOrder;
  status: OrderStatus;
  changes: ChangeRecord[];
}

export function judgeChange(subject: ChangeSubject, ask: ChangeAsk, stock: ReadonlyMap<string, Availability>, seq: number): Judged | Refusal {
  if (!CHANGEABLE.has(subject.status.state)) return notChangeable(subject.status.state);
  const base = project(subject);
  const resolved = resolveAll(subject.hubOrderId, seq, base, ask.operations);
  if (!resolved.ok) return resolved;
  const shipped = shippedConflict(base, resolved.operations);
  if (shipped) return { ok: false, code: 'SHIPPED', message: shipped };
  const short = stockShortfall(base, resolved.operations, stock);
  if (short.length > 0) return outOfStock(short);
  const projected = applyChange(base.order, { lines: base.lines }, resolved.operations);
  const validation = validateCanonicalOrder(projected.order);
  if (!validation.ok) return { ok: false, code: 'INVALID_RESULT', message: `the changed order would not be valid: ${validation.errors.join('; ')}` };
  return { ok: true, operations: resolved.operations, summary: describeChange(resolved.operations), projected };
}

/** The order once the changes still open are settled as accepted. */
export function project(subject: ChangeSubject): ChangedOrder {
  let current: ChangedOrder = { order: subject.order, lines: subject.status.lines };
  for (const change of subject.changes.filter(isOpen)) {
    try {
      current = applyChange(current.order, { lines: current.lines }, change.operations);
    } catch {
      // A change that no longer fits is the OMS's to refuse; judge the next one without it.
    }
  }
  return current;
}

function notChangeable(state: OrderState): Refusal {
  const why: Partial<Record<OrderState, string>> = {
    received: 'the order is still being read; try again in a moment',
    needs_review: 'the order is waiting for review; correct it there',
    ready_for_pickup: 'the order is already ready for pickup',
    shipped: 'the order has shipped; start a return instead',
    delivered: 'the order has been delivered; start a return instead',
    cancelled: 'the order is cancelled',
    rejected: 'the order was rejected by the back office',
    cancel_requested: 'a cancellation is pending',
  };
  return { ok: false, code: 'NOT_CHANGEABLE', message: `the order cannot be changed: ${why[state] ?? `it is ${state}`}` };
}

function findLine(order: CanonicalOrder, ref: LineRef): OrderLine | undefined {
  return 'lineId' in ref ? order.lines.find((l) => l.lineId === ref.lineId) : order.lines[ref.lineNumber - 1];
}

function describeRef(ref: LineRef): string {
  return 'lineId' in ref ? `line ${ref.lineId}` : `line number ${ref.lineNumber}`;
}

type Resolved = { ok: true; operations: OrderChangeOp[] } | Refusal;

function resolveAll(hubOrderId: string, seq: number, base: ChangedOrder, asked: AskedOp[]): Resolved {
  const operations: OrderChangeOp[] = [];
  let added = 0;
  for (const op of asked) {
    if (op.op === 'add_line') {
      added += 1;
      operations.push({
        op: 'add_line', lineId: `c${seq}-${added}`, lineNumber: base.order.lines.length + added,
        sku: op.sku, quantity: op.quantity, unitPrice: op.unitPrice, ...(op.description ? { description: op.description } : {}),
      });
      continue;
    }
    if (op.op === 'change_address') {
      operations.push({ op: 'change_address', shipTo: op.shipTo });
      continue;
    }
    if (op.op === 'cancel_order') {
      operations.push({ op: 'cancel_order', ...(op.reason ? { reason: op.reason } : {}) });
      continue;
    }
    const line = findLine(base.order, op);
    if (!line) return { ok: false, code: 'NO_SUCH_LINE', message: `the order ${hubOrderId} has no ${describeRef(op)}` };
    const lineNumber = base.order.lines.indexOf(line) + 1;
    const open = openUnits(base.lines[line.lineId]);
    if (open === 0 && base.lines[line.lineId]?.shipped === 0) {
      return { ok: false, code: 'NOTHING_TO_CHANGE', message: `line ${lineNumber} (${line.sku}) is cancelled already` };
    }
    if (op.op === 'set_quantity') operations.push({ op: 'set_quantity', lineId: line.lineId, lineNumber, sku: line.sku, quantity: op.quantity });
    else if (op.op === 'cancel_line') operations.push({ op: 'cancel_line', lineId: line.lineId, lineNumber, sku: line.sku, quantity: open });
    else {
      operations.push({
        op: 'change_sku', lineId: line.lineId, lineNumber, fromSku: line.sku, sku: op.sku,
        unitPrice: op.unitPrice ?? line.unitPrice, ...(op.description ? { description: op.description } : {}),
      });
    }
  }
  return { ok: true, operations };
}

/** Lines a change touches that have shipped (all of them for the address or the whole order). */
function shippedConflict(base: ChangedOrder, operations: OrderChangeOp[]): string | undefined {
  const shippedLines = base.order.lines
    .map((l, i) => ({ line: l, number: i + 1, shipped: base.lines[l.lineId]?.shipped ?? 0 }))
    .filter((l) => l.shipped > 0);
  for (const op of operations) {
    if (op.op === 'add_line') continue;
    if (op.op === 'change_address' || op.op === 'cancel_order') {
      if (shippedLines.length === 0) continue;
      const which = shippedLines.map((l) => `line ${l.number} (${l.line.sku})`).join(', ');
      return op.op === 'cancel_order'
        ? `part of the order has shipped (${which}): it can no longer be cancelled as a whole; cancel the lines still open, or start a return`
        : `part of the order has shipped (${which}) to the address it has; the address can no longer change`;
    }
    const hit = shippedLines.find((l) => l.line.lineId === op.lineId);
    if (hit) return `line ${hit.number} (${hit.line.sku}) has shipped; it can no longer change (start a return instead)`;
  }
  return undefined;
}

interface Shortfall { sku: string; wanted: number; stock: Availability }

/** Extra units each SKU needs, against what is available now; only SKUs the OMS reports. */
function stockShortfall(base: ChangedOrder, operations: OrderChangeOp[], stock: ReadonlyMap<string, Availability>): Shortfall[] {
  const wanted = new Map<string, number>();
  const want = (sku: string, units: number) => { if (units > 0) wanted.set(sku, (wanted.get(sku) ?? 0) + units); };
  for (const op of operations) {
    if (op.op === 'add_line') want(op.sku, op.quantity);
    else if (op.op === 'change_sku') want(op.sku, openUnits(base.lines[op.lineId]));
    else if (op.op === 'set_quantity') want(op.sku, op.quantity - openUnits(base.lines[op.lineId]));
  }
  const short: Shortfall[] = [];
  for (const [sku, units] of wanted) {
    const known = stock.get(sku);
    if (known?.known && known.available < units) short.push({ sku, wanted: units, stock: known });
  }
  return short;
}

function outOfStock(short: Shortfall[]): Refusal {
  const words = short.map(({ sku, wanted, stock }) =>
    `${sku}: ${wanted} wanted, ${stock.available} available${stock.expectedDate ? `, more expected ${stock.expectedDate}` : ''}`
    + (stock.alternatives.length > 0 ? `; in stock instead: ${stock.alternatives.map((a) => a.sku).join(', ')}` : ''));
  return {
    ok: false, code: 'OUT_OF_STOCK', message: `not enough stock: ${words.join('; ')}`,
    stock: short.map(({ sku, wanted, stock }) => ({
      sku, wanted, available: stock.available, ...(stock.expectedDate ? { expectedDate: stock.expectedDate } : {}), alternatives: stock.alternatives,
    })),
  };
}

/** The change in words: "line 1: BLOUSE-RED-M → BLOUSE-GRN-M; add 1 × SCARF-NAVY". */
export function describeChange(operations: OrderChangeOp[]): string {
  return operations.map((op) => {
    switch (op.op) {
      case 'set_quantity': return `line ${op.lineNumber} (${op.sku}): quantity ${op.quantity}`;
      case 'change_sku': return `line ${op.lineNumber}: ${op.fromSku} → ${op.sku}`;
      case 'add_line': return `add ${op.quantity} × ${op.sku}`;
      // Region and country only: the summary goes on the timeline and into logs.
      case 'change_address': return `new delivery address (${[op.shipTo.region, op.shipTo.country].filter(Boolean).join(', ')})`;
      case 'cancel_line': return `cancel line ${op.lineNumber} (${op.sku})`;
      case 'cancel_order': return 'cancel the order';
    }
  }).join('; ');
}
