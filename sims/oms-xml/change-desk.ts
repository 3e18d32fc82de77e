/**
 * How the OMS honours change requests: each change id is decided once (a repeat gets
 * the same answer). A change is refused when the order is cancelled, when a line it
 * touches (or, for an address or a whole-order cancel, any line) has shipped, when a
 * new or larger line cannot be taken from stock, or when the test asked the next change
 * to be refused; otherwise it is applied to the order's lines and its stock.
 */
import type { ChangeOperation, ParsedChangeRequest } from './change-request.js';
import type { StockBook } from '../shared/stock-book.js';
import type { OmsLine, OmsOrder, StatusUpdate, StockItem } from './types.js';

export interface ChangeDecision {
  changeId: string;
  omsOrderNumber: string;
  status: 'ACCEPTED' | 'REFUSED';
  reason?: string;
  operations: ChangeOperation[];
  at: string;
}

export class ChangeDesk {
  readonly #decided = new Map<string, ChangeDecision>();
  #refuseNext: string | undefined;

  constructor(
    private readonly stock: StockBook | undefined,
    private readonly publishDelta: (items: StockItem[]) => void,
  ) {}

  refuseNext(reason: string): void {
    this.#refuseNext = reason;
  }

  decisions(): ChangeDecision[] {
    return [...this.#decided.values()].map((d) => ({ ...d }));
  }

  /** Decides a change for `order` once; `updates` are the order's status updates so far. */
  decide(order: OmsOrder, change: ParsedChangeRequest, updates: StatusUpdate[]): ChangeDecision {
    const known = this.#decided.get(change.changeId);
    if (known) return known;
    const reason = this.#takeRefusal() ?? refusalFor(order, change.operations, updates) ?? this.#apply(order, change.operations);
    const decision: ChangeDecision = {
      changeId: change.changeId, omsOrderNumber: order.omsOrderNumber, operations: change.operations,
      status: reason ? 'REFUSED' : 'ACCEPTED', ...(reason ? { reason } : {}), at: new Date().toISOString(),
    };
    this.#decided.set(change.changeId, decision);
    return decision;
  }

  #takeRefusal(): string | undefined {
    const reason = this.#refuseNext;
    this.#refuseNext = undefined;
    return reason;
  }

  /** Applies every operation, or none: returns a reason when stock cannot cover one. */
  #apply(order: OmsOrder, operations: ChangeOperation[]): string | undefined {
    const lines = order.lines.map((l) => ({ ...l }));
    for (const op of operations) {
      const line = lines.find((l) => l.number === op.line);
      if (op.type === 'set_quantity' && line && op.qty) line.qty = op.qty;
      else if (op.type === 'change_sku' && line && op.item) line.item = op.item;
      else if (op.type === 'cancel_line' && line) line.qty = 0;
      else if (op.type === 'add_line' && op.item && op.qty) lines.push({ number: op.line ?? lines.length + 1, item: op.item, qty: op.qty });
      else if (op.type === 'cancel_order') for (const l of lines) l.qty = 0;
    }
    const short = this.#shortOfStock(order, lines);
    if (short) return short;
    this.#reallocate(order, lines);
    order.lines = lines;
    if (operations.some((o) => o.type === 'cancel_order')) order.cancelled = true;
    return undefined;
  }

  #shortOfStock(order: OmsOrder, lines: OmsLine[]): string | undefined {
    if (!this.stock) return undefined;
    for (const line of lines) {
      const before = order.lines.find((l) => l.number === line.number);
      const extra = before && before.item === line.item ? line.qty - before.qty : line.qty;
      if (extra > 0 && this.stock.onHand(line.item) < extra) return `no stock of ${line.item} for ${extra} more unit(s)`;
    }
    return undefined;
  }

  #reallocate(order: OmsOrder, lines: OmsLine[]): void {
    if (!this.stock) return;
    const changed: StockItem[] = [];
    for (const line of lines) {
      const before = order.lines.find((l) => l.number === line.number);
      if (before && before.item === line.item && before.qty === line.qty) continue;
      changed.push(...this.stock.reallocateLine(order.omsOrderNumber, line).changed);
    }
    if (changed.length > 0) this.publishDelta(changed);
  }
}

/** Why the OMS cannot take this change, judged on what it has shipped and cancelled. */
function refusalFor(order: OmsOrder, operations: ChangeOperation[], updates: StatusUpdate[]): string | undefined {
  if (order.cancelled || updates.some((u) => u.status === 'CANCELLED' && !u.lines)) return 'the order is cancelled';
  const shipped = shippedLines(order, updates);
  for (const op of operations) {
    if (op.type === 'add_line') continue;
    if (op.type === 'change_address' || op.type === 'cancel_order') {
      if (shipped.size > 0) return `line ${[...shipped][0]} has already shipped`;
      continue;
    }
    if (op.line === undefined || !order.lines.some((l) => l.number === op.line)) return `the order has no line ${String(op.line)}`;
    if (shipped.has(op.line)) return `line ${op.line} has already shipped`;
  }
  return undefined;
}

function shippedLines(order: OmsOrder, updates: StatusUpdate[]): Set<number> {
  const shipped = new Set<number>();
  for (const update of updates) {
    if (update.status !== 'SHIPPED' && update.status !== 'DELIVERED') continue;
    for (const line of update.lines ?? order.lines.map((l) => ({ number: l.number }))) shipped.add(line.number);
  }
  return shipped;
}
