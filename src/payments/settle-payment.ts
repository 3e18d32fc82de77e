/**
 * The payment job: brings what an order's card carries in line with what it should
 * (payment-amounts.ts). Captures the value of what shipped; authorizes what can ship now
 * and is not yet authorized (the rest waits until it is allocated); releases what was
 * cancelled or backordered. Every gateway call carries an idempotency key derived from
 * the amount it settles towards, so a retried job asks the same questions and gets the
 * same answers; the ledger records each call once. A first authorization releases the
 * order to its target; a decline or a partial approval holds it, and the customer is told.
 */
import type { Job } from 'bullmq';
import { fromMinorUnits } from '../model/money.js';
import type { CanonicalOrder, MinorUnits } from '../model/order.js';
import { capturedAmount, heldAmount, type PaymentLedger } from '../model/payment-ledger.js';
import type { OrderStatus } from '../model/status.js';
import { changeOrder } from '../pipeline/change-order.js';
import { deliverJob } from '../pipeline/deliver.js';
import { noticeJobs } from '../pipeline/notify.js';
import { SKIPPED_RESULT } from '../pipeline/observe-job.js';
import { requireInstance, type HubRuntime } from '../pipeline/runtime.js';
import type { PaymentGateway } from '../sdk/connector.js';
import { PermanentError } from '../sdk/errors/index.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry, type TimelineEntry } from '../store/timeline.js';
import { paymentTargets } from './payment-amounts.js';
import type { PaymentJob } from './payment-job.js';

/** One gateway call's effect on the ledger, applied once (by its key). */
type LedgerStep =
  | { kind: 'authorized'; key: string; authorizationId: string; asked: MinorUnits; amount: MinorUnits }
  | { kind: 'declined'; key: string; asked: MinorUnits; reason: string; code?: string }
  | { kind: 'captured' | 'released'; key: string; authorizationId: string; amount: MinorUnits };

export async function processPayment(runtime: HubRuntime, gatewayId: string, job: Job<PaymentJob>): Promise<string> {
  const stored = await runtime.store.get(job.data.orderId);
  if (!stored?.order) return SKIPPED_RESULT;
  const token = stored.order.payment?.token;
  if (!token) return 'the order carries no payment token';
  const gateway = requireInstance(runtime, gatewayId).connector.payments;
  if (!gateway) throw new PermanentError(`instance ${gatewayId} is not a payment gateway`, { code: 'NOT_A_GATEWAY', hint: 'fix payments.gateway in the configuration, then replay' });
  const steps = await settle(gateway, stored, token);
  await record(runtime, stored.hubOrderId, gatewayId, steps, job.data.deliverTo);
  return steps.length === 0 ? 'payment already in line with the order' : steps.map(describeStep(stored.order)).join('; ');
}

/** What the card should carry: nothing more than is captured once the order is rejected or cancelled. */
function targetsOf(stored: StoredOrder, order: CanonicalOrder): { authorize: MinorUnits; capture: MinorUnits } {
  const targets = paymentTargets(order, stored.status);
  if (stored.status.state === 'rejected') return { authorize: capturedAmount(stored.payments), capture: capturedAmount(stored.payments) };
  return targets;
}

async function settle(gateway: PaymentGateway, stored: StoredOrder, token: string): Promise<LedgerStep[]> {
  const order = stored.order!;
  const ledger = stored.payments;
  const targets = targetsOf(stored, order);
  const steps: LedgerStep[] = [];
  steps.push(...await capture(gateway, order, ledger, targets.capture));
  const held = heldAmount(ledger);
  if (targets.authorize > held) steps.push(await authorize(gateway, order, token, targets.authorize, targets.authorize - held));
  else if (targets.authorize < held) steps.push(...await release(gateway, order, ledger, targets.authorize, held - targets.authorize));
  return steps.filter((s) => !ledger.applied.includes(s.key));
}

async function capture(gateway: PaymentGateway, order: CanonicalOrder, ledger: PaymentLedger, target: MinorUnits): Promise<LedgerStep[]> {
  let wanted = target - capturedAmount(ledger);
  const steps: LedgerStep[] = [];
  for (const auth of ledger.authorizations) {
    if (wanted <= 0) break;
    const open = auth.amount - auth.released - auth.captured;
    const amount = Math.min(open, wanted);
    if (amount <= 0) continue;
    const key = `${order.hubOrderId}.capture.${target}.${auth.authorizationId}`;
    const done = await gateway.capture({ authorizationId: auth.authorizationId, amount, currency: order.currency, idempotencyKey: key });
    steps.push({ kind: 'captured', key, authorizationId: auth.authorizationId, amount: done.amount });
    wanted -= done.amount;
  }
  return steps;
}

async function authorize(gateway: PaymentGateway, order: CanonicalOrder, token: string, target: MinorUnits, amount: MinorUnits): Promise<LedgerStep> {
  const key = `${order.hubOrderId}.authorize.${target}`;
  const result = await gateway.authorize({ hubOrderId: order.hubOrderId, token, amount, currency: order.currency, idempotencyKey: key });
  if (result.outcome === 'declined') return { kind: 'declined', key, asked: amount, reason: result.reason, ...(result.code ? { code: result.code } : {}) };
  return { kind: 'authorized', key, authorizationId: result.authorizationId, asked: amount, amount: result.amount };
}

/** Releases from the newest authorizations first, only what is not captured. */
async function release(gateway: PaymentGateway, order: CanonicalOrder, ledger: PaymentLedger, target: MinorUnits, excess: MinorUnits): Promise<LedgerStep[]> {
  const steps: LedgerStep[] = [];
  let left = excess;
  for (const auth of [...ledger.authorizations].reverse()) {
    if (left <= 0) break;
    const amount = Math.min(auth.amount - auth.released - auth.captured, left);
    if (amount <= 0) continue;
    const key = `${order.hubOrderId}.release.${target}.${auth.authorizationId}`;
    const done = await gateway.release({ authorizationId: auth.authorizationId, amount, currency: order.currency, idempotencyKey: key });
    steps.push({ kind: 'released', key, authorizationId: auth.authorizationId, amount: done.amount });
    left -= done.amount;
  }
  return steps;
}

function applySteps(ledger: PaymentLedger, steps: LedgerStep[], at: string): PaymentLedger {
  let next: PaymentLedger = { ...ledger, authorizations: ledger.authorizations.map((a) => ({ ...a })), applied: [...ledger.applied] };
  for (const step of steps) {
    if (next.applied.includes(step.key)) continue;
    next.applied.push(step.key);
    if (step.kind === 'authorized') {
      next.authorizations.push({ authorizationId: step.authorizationId, amount: step.amount, asked: step.asked, captured: 0, released: 0, at });
      if (step.amount >= step.asked) delete next.declined;
    } else if (step.kind === 'declined') {
      next = { ...next, declined: { reason: step.reason, ...(step.code ? { code: step.code } : {}), amount: step.asked, at } };
    } else {
      const auth = next.authorizations.find((a) => a.authorizationId === step.authorizationId);
      if (auth) auth[step.kind] += step.amount;
    }
  }
  return next;
}

/** A decline or a partial approval: what a person must do about it, or nothing when all is well. */
function shortfall(steps: LedgerStep[]): string | undefined {
  for (const step of steps) {
    if (step.kind === 'declined') return `the card was declined (${step.code ?? 'declined'}: ${step.reason}); ask the customer for another card`;
    if (step.kind === 'authorized' && step.amount < step.asked) return `the card covered only part of the amount; ask the customer for another card for the rest`;
  }
  return undefined;
}

async function record(runtime: HubRuntime, orderId: string, gatewayId: string, steps: LedgerStep[], deliverTo: string | undefined): Promise<void> {
  await changeOrder(runtime, orderId, (stored) => {
    const fresh = steps.filter((s) => !stored.payments.applied.includes(s.key));
    const problem = shortfall(fresh);
    const mayDeliver = deliverTo !== undefined && !problem && stored.status.receipts.length === 0 && stored.status.state === 'accepted';
    if (fresh.length === 0 && !mayDeliver) return undefined;
    const status = nextStatus(stored.status, problem);
    return {
      status,
      entries: fresh.map((s) => paymentEntry(stored.order!, gatewayId, s)),
      fields: { payments: JSON.stringify(applySteps(stored.payments, fresh, new Date().toISOString())) },
      jobs: [...(mayDeliver ? [deliverJob(runtime, deliverTo, orderId)] : []), ...noticeJobs(runtime, stored, status, gatewayId)],
    };
  });
}

/** An order not yet at its target is held while its payment falls short; one already there keeps its state. */
function nextStatus(status: OrderStatus, problem: string | undefined): OrderStatus {
  const bumped = { ...status, version: status.version + 1 };
  if (!problem || status.state !== 'accepted') return bumped;
  return { ...bumped, state: 'on_hold', resumeState: 'accepted', reason: `payment: ${problem}` };
}

function money(order: CanonicalOrder, amount: MinorUnits): string {
  return `${fromMinorUnits(amount, order.currency)} ${order.currency}`;
}

function describeStep(order: CanonicalOrder) {
  return (step: LedgerStep): string => {
    switch (step.kind) {
      case 'authorized': return step.amount < step.asked
        ? `partially approved: ${money(order, step.amount)} of ${money(order, step.asked)} (${step.authorizationId})`
        : `authorized ${money(order, step.amount)} (${step.authorizationId})`;
      case 'declined': return `authorization of ${money(order, step.asked)} declined: ${step.code ?? ''} ${step.reason}`.replace('  ', ' ');
      case 'captured': return `captured ${money(order, step.amount)} of ${step.authorizationId}`;
      case 'released': return `released ${money(order, step.amount)} of ${step.authorizationId}`;
    }
  };
}

function paymentEntry(order: CanonicalOrder, gatewayId: string, step: LedgerStep): TimelineEntry {
  return timelineEntry('payment', describeStep(order)(step), { instance: gatewayId, detail: { ...step } });
}
