/**
 * The arithmetic of an authorization, kept pure: how much of a request is approved
 * against the credit left on the card (partial approval), how much is still open to
 * capture or release, and what the authorization's status is after each step.
 */

export type AuthorizationStatus =
  | 'approved' | 'partially_approved' | 'declined'
  | 'partially_captured' | 'captured' | 'voided';

export interface ApprovalDecision {
  status: 'approved' | 'partially_approved' | 'declined';
  approvedAmount: number;
  declineCode?: string;
}

/**
 * Approves `min(requested, available)` while credit is left; declines with the card's
 * own code when it has one, or `insufficient_funds` when nothing is left.
 */
export function decideApproval(requested: number, available: number, declineCode?: string): ApprovalDecision {
  if (declineCode !== undefined) return { status: 'declined', approvedAmount: 0, declineCode };
  if (available <= 0) return { status: 'declined', approvedAmount: 0, declineCode: 'insufficient_funds' };
  const approvedAmount = Math.min(requested, available);
  return { status: approvedAmount < requested ? 'partially_approved' : 'approved', approvedAmount };
}

export interface Settlement {
  decision: ApprovalDecision['status'];
  approvedAmount: number;
  capturedAmount: number;
  releasedAmount: number;
}

/** What is authorized and neither captured nor released yet. */
export function openAmount(settlement: Settlement): number {
  return settlement.approvedAmount - settlement.capturedAmount - settlement.releasedAmount;
}

/**
 * The status after captures and releases: still open → the approval (or
 * `partially_captured` once something was taken); nothing open → `captured` when
 * anything was taken, `voided` when all of it was released.
 */
export function settledStatus(settlement: Settlement): AuthorizationStatus {
  if (settlement.decision === 'declined') return 'declined';
  const captured = settlement.capturedAmount > 0;
  if (openAmount(settlement) > 0) return captured ? 'partially_captured' : settlement.decision;
  return captured ? 'captured' : 'voided';
}

/** Why `amount` cannot be captured or released now, or undefined when it can. */
export function operationProblem(settlement: Settlement, kind: 'capture' | 'release', amount: number): string | undefined {
  if (settlement.decision === 'declined') return `the authorization was declined: there is nothing to ${kind}`;
  const open = openAmount(settlement);
  if (amount > open) {
    return `cannot ${kind} ${amount}: only ${open} of the ${settlement.approvedAmount} authorized is neither captured nor released`;
  }
  return undefined;
}
