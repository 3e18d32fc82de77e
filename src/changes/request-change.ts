/**
 * A channel asks to change or cancel an order: the change is judged against the order
 * as it will be once the changes before it are settled, then recorded on the order with
 * compare-and-set (two requests that arrive together are recorded one after the other,
 * neither lost) and forwarded to the OMS by a job queued in the same transaction, when it
 * is first in line. The answer comes later: the OMS accepts or refuses.
 */
import { availability, type Availability } from '../inventory/availability.js';
import type { ChangeRecord } from '../model/order-change.js';
import { changeOrder } from '../pipeline/change-order.js';
import { changeNoticeJobs } from '../pipeline/notify.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import type { ChangeAsk } from './change-ask.js';
import { startNext } from './change-job.js';
import { judgeChange, project, type Judged, type Refusal } from './judge-change.js';

/** The order hash keeps every change; past this many, people take over. */
export const MAX_CHANGES_PER_ORDER = 50;

export interface Requester {
  /** Who asked: an agent's or user's name, a channel token's name. */
  actor: string;
  /** How: `web`, `kiosk`, `phone`, `mail`, `api`. */
  via: string;
  /**
   * For a request that came as a message: its dedup key (a message read twice asks once),
   * and a refusal is recorded as a refused change, so the customer is told why (there is
   * nobody waiting for an answer as an API caller is).
   */
  message?: { dedupKey: string };
}

export type ChangeReply =
  | { ok: true; change: ChangeRecord; projected: Judged['projected'] }
  | Refusal & { recorded?: ChangeRecord }
  | { ok: false; code: 'NO_SUCH_ORDER'; message: string }
  | { ok: false; code: 'DUPLICATE'; message: string; changeId: string };

export async function requestChange(runtime: HubRuntime, orderId: string, ask: ChangeAsk, who: Requester): Promise<ChangeReply> {
  const first = await runtime.store.get(orderId);
  if (!first) return { ok: false, code: 'NO_SUCH_ORDER', message: `no order ${orderId}` };
  const stock = await stockFor(runtime, first, ask);
  let verdict: Judged | Refusal | undefined;
  let recorded: ChangeRecord | undefined;
  let duplicate: ChangeRecord | undefined;
  const result = await changeOrder(runtime, orderId, (stored) => {
    // Decided again on every compare-and-set conflict: nothing of an earlier round carries over.
    recorded = undefined;
    verdict = undefined;
    duplicate = who.message && stored.changes.find((c) => c.dedupKey === who.message!.dedupKey);
    if (duplicate) return undefined;
    if (!stored.order) {
      verdict = { ok: false, code: 'NOT_CHANGEABLE', message: `the order cannot be changed yet: it is ${stored.status.state}` };
      return undefined;
    }
    const seq = stored.changes.length + 1;
    verdict = stored.changes.length >= MAX_CHANGES_PER_ORDER
      ? { ok: false, code: 'NOT_CHANGEABLE', message: `order ${orderId} has had ${MAX_CHANGES_PER_ORDER} changes: an agent must change it in the back office` }
      : judgeChange({ ...stored, order: stored.order }, ask, stock, seq);
    if (!verdict.ok) {
      if (!who.message || stored.changes.length >= MAX_CHANGES_PER_ORDER) return undefined;
      recorded = refusedRecord(orderId, seq, ask, verdict, who);
      return recordRefusal(runtime, stored, recorded);
    }
    recorded = {
      changeId: `${orderId}.c${seq}`, seq, state: 'queued', operations: verdict.operations, summary: verdict.summary,
      requestedAt: new Date().toISOString(), requestedBy: who.actor, via: who.via,
      ...(who.message ? { dedupKey: who.message.dedupKey } : {}),
    };
    const next = startNext(runtime, stored, [...stored.changes, recorded]);
    return {
      status: { ...stored.status, version: stored.status.version + 1 },
      entries: [timelineEntry('change', `change ${recorded.changeId} asked by ${who.actor} (${who.via}): ${verdict.summary}`, {
        actor: who.actor, detail: { changeId: recorded.changeId, operations: verdict.operations },
      })],
      fields: { changes: JSON.stringify(next.changes) },
      jobs: next.jobs,
    };
  }, { known: first });
  if (result.outcome === 'missing') return { ok: false, code: 'NO_SUCH_ORDER', message: `no order ${orderId}` };
  if (duplicate) return { ok: false, code: 'DUPLICATE', message: `this message already asked for change ${duplicate.changeId}`, changeId: duplicate.changeId };
  if (!verdict) throw new Error(`order ${orderId}: the change was neither judged nor recorded (${result.outcome})`);
  if (!verdict.ok) return { ...verdict, ...(recorded ? { recorded } : {}) };
  return { ok: true, change: recorded!, projected: verdict.projected };
}

/** A request by message the hub refuses: kept as a refused change, with what was asked in words. */
function refusedRecord(orderId: string, seq: number, ask: ChangeAsk, refusal: Refusal, who: Requester): ChangeRecord {
  const now = new Date().toISOString();
  return {
    changeId: `${orderId}.c${seq}`, seq, state: 'refused', operations: [], summary: describeAsk(ask), reason: refusal.message,
    requestedAt: now, settledAt: now, requestedBy: who.actor, via: who.via, dedupKey: who.message!.dedupKey,
  };
}

function recordRefusal(runtime: HubRuntime, stored: StoredOrder, record: ChangeRecord) {
  const status = { ...stored.status, version: stored.status.version + 1 };
  return {
    status,
    entries: [timelineEntry('change', `change ${record.changeId} asked by ${record.requestedBy} (${record.via}) refused: ${record.reason}`, {
      actor: record.requestedBy, detail: { changeId: record.changeId, asked: record.summary },
    })],
    fields: { changes: JSON.stringify([...stored.changes, record]) },
    jobs: changeNoticeJobs(runtime, stored, status, { changeId: record.changeId, outcome: 'refused', summary: record.summary, reason: record.reason! }),
  };
}

/** What was asked, in words, before the hub resolved it (for a refusal). */
function describeAsk(ask: ChangeAsk): string {
  return ask.operations.map((op) => {
    const line = 'lineId' in op ? `line ${op.lineId}` : 'lineNumber' in op ? `line ${op.lineNumber}` : '';
    switch (op.op) {
      case 'set_quantity': return `${line}: quantity ${op.quantity}`;
      case 'change_sku': return `${line}: change to ${op.sku}`;
      case 'add_line': return `add ${op.quantity} × ${op.sku}`;
      case 'change_address': return 'new delivery address';
      case 'cancel_line': return `cancel ${line}`;
      case 'cancel_order': return 'cancel the order';
    }
  }).join('; ');
}

/** Stock of every SKU the change adds or grows, read once before judging. */
async function stockFor(runtime: HubRuntime, stored: StoredOrder, ask: ChangeAsk): Promise<Map<string, Availability>> {
  const order = stored.order ? project({ ...stored, order: stored.order }).order : undefined;
  const skus = new Set<string>();
  for (const op of ask.operations) {
    if ('sku' in op) skus.add(op.sku);
    if (op.op === 'set_quantity' && order) {
      const line = 'lineId' in op ? order.lines.find((l) => l.lineId === op.lineId) : order.lines[op.lineNumber - 1];
      if (line) skus.add(line.sku);
    }
  }
  if (skus.size === 0) return new Map();
  return new Map((await availability(runtime.stockView, runtime.substitutions, [...skus])).map((a) => [a.sku, a]));
}
