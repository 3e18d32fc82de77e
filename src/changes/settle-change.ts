/**
 * The OMS's answer to a change request, whether it came back at once (XML over HTTP)
 * or later in a status file: an accepted change is applied to the canonical order and
 * its line quantities; a refused one leaves the order as it was. Either way the change
 * record, the timeline, the notices to the channel and the customer, and the next
 * change in line are written in one transaction, once per change.
 */
import { applyChange, isOpen, openUnits, type ChangeRecord } from '../model/order-change.js';
import type { OrderState, OrderStatus } from '../model/status.js';
import { changeOrder } from '../pipeline/change-order.js';
import { changeNoticeJobs } from '../pipeline/notify.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { paymentJobsFor } from '../payments/payment-job.js';
import { startNext } from './change-job.js';

export interface ChangeAnswerIn {
  outcome: 'accepted' | 'refused';
  reason?: string;
  /** The instance that answered (never notified back). */
  reporter: string;
  /** A status event's id, when the answer came as one: seen twice, applied once. */
  eventId?: string;
}

export type SettleOutcome = 'settled' | 'already settled' | 'no such change' | 'duplicate' | 'no such order';

export async function settleChange(runtime: HubRuntime, orderId: string, changeId: string, answer: ChangeAnswerIn): Promise<SettleOutcome> {
  let missing: SettleOutcome | undefined;
  let cancelled = false;
  const result = await changeOrder(runtime, orderId, (stored) => {
    // Decided again on every compare-and-set conflict: nothing of an earlier round carries over.
    missing = undefined;
    cancelled = false;
    const record = stored.changes.find((c) => c.changeId === changeId);
    if (!record || !stored.order) {
      missing = 'no such change';
      return undefined;
    }
    if (!isOpen(record)) {
      missing = 'already settled';
      return undefined;
    }
    if (answer.outcome === 'refused') return refused(runtime, stored, record, answer);
    let change;
    try {
      change = accepted(runtime, stored, record, answer);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The order changed under the request (a line the OMS cancelled meanwhile): it cannot apply as asked.
      return refused(runtime, stored, record, { ...answer, reason: `the OMS accepted it, but the order no longer has what it changes (${error.message}); check the order with the OMS` });
    }
    cancelled = change.status.state === 'cancelled';
    return change;
  }, answer.eventId ? { eventId: answer.eventId } : {});
  if (result.outcome === 'applied') {
    // A cancelled order takes no stock: give back what it reserved, if the OMS has not counted it yet.
    if (cancelled) await runtime.stockView.release(orderId);
    return 'settled';
  }
  if (result.outcome === 'duplicate') return 'duplicate';
  if (result.outcome === 'missing') return 'no such order';
  return missing ?? 'already settled';
}

function settled(changes: ChangeRecord[], record: ChangeRecord, outcome: 'accepted' | 'refused', reason?: string): ChangeRecord[] {
  return changes.map((c) => (c.changeId === record.changeId
    ? { ...c, state: outcome, settledAt: new Date().toISOString(), ...(reason ? { reason } : {}) }
    : c));
}

function accepted(runtime: HubRuntime, stored: StoredOrder, record: ChangeRecord, answer: ChangeAnswerIn) {
  const changed = applyChange(stored.order!, stored.status, record.operations);
  const status: OrderStatus = {
    ...stored.status, version: stored.status.version + 1, lines: changed.lines, state: stateAfter(stored.status, changed.lines),
    ...(record.operations.some((o) => o.op === 'cancel_order') ? { reason: `cancelled at the customer's request (${record.changeId})` } : {}),
  };
  const next = startNext(runtime, { ...stored, status }, settled(stored.changes, record, 'accepted'));
  return {
    status,
    entries: [timelineEntry('change', `change ${record.changeId} accepted by ${answer.reporter}: ${record.summary}`, {
      instance: answer.reporter, detail: { changeId: record.changeId, totals: changed.order.totals },
    })],
    fields: { order: JSON.stringify(changed.order), changes: JSON.stringify(next.changes) },
    jobs: [
      ...changeNoticeJobs(runtime, stored, status, { changeId: record.changeId, outcome: 'accepted', summary: record.summary }, answer.reporter),
      ...next.jobs,
      // The card follows the order: more units authorized, cancelled ones released.
      ...paymentJobsFor(runtime, changed.order, status.version),
    ],
  };
}

function refused(runtime: HubRuntime, stored: StoredOrder, record: ChangeRecord, answer: ChangeAnswerIn) {
  const reason = answer.reason ?? 'the back office gave no reason';
  const status: OrderStatus = { ...stored.status, version: stored.status.version + 1 };
  const next = startNext(runtime, stored, settled(stored.changes, record, 'refused', reason));
  return {
    status,
    entries: [timelineEntry('change', `change ${record.changeId} refused by ${answer.reporter}: ${reason}`, {
      instance: answer.reporter, detail: { changeId: record.changeId, asked: record.summary },
    })],
    fields: { changes: JSON.stringify(next.changes) },
    jobs: [
      ...changeNoticeJobs(runtime, stored, status, { changeId: record.changeId, outcome: 'refused', summary: record.summary, reason }, answer.reporter),
      ...next.jobs,
    ],
  };
}

/** Every unit cancelled and none shipped: the order is cancelled; otherwise it keeps its state. */
function stateAfter(status: OrderStatus, lines: OrderStatus['lines']): OrderState {
  const all = Object.values(lines);
  const open = all.some((q) => openUnits(q) > 0);
  if (open) return status.state;
  return all.some((q) => q.shipped > 0) ? 'shipped' : 'cancelled';
}
