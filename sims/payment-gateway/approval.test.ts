/** The authorization arithmetic: partial approval against the credit left, open amounts, statuses. */
import { describe, expect, it } from 'vitest';
import { decideApproval, openAmount, operationProblem, settledStatus, type Settlement } from './approval.js';

describe('approving against the credit left', () => {
  it('approves the whole amount when the credit covers it', () => {
    expect(decideApproval(4000, 5000)).toEqual({ status: 'approved', approvedAmount: 4000 });
    expect(decideApproval(5000, 5000)).toEqual({ status: 'approved', approvedAmount: 5000 });
  });

  it('approves only what is left when the credit is short (partial approval)', () => {
    expect(decideApproval(8000, 5000)).toEqual({ status: 'partially_approved', approvedAmount: 5000 });
    expect(decideApproval(8000, 1)).toEqual({ status: 'partially_approved', approvedAmount: 1 });
  });

  it('declines with insufficient_funds when nothing is left', () => {
    expect(decideApproval(100, 0)).toEqual({ status: 'declined', approvedAmount: 0, declineCode: 'insufficient_funds' });
  });

  it("declines with the card's own code whatever the credit", () => {
    expect(decideApproval(100, 1_000_000, 'card_declined')).toEqual({ status: 'declined', approvedAmount: 0, declineCode: 'card_declined' });
  });
});

describe('captures and releases', () => {
  const approved = (captured: number, released: number, approvedAmount = 5000): Settlement => ({
    decision: approvedAmount < 8000 ? 'partially_approved' : 'approved', approvedAmount, capturedAmount: captured, releasedAmount: released,
  });

  it('keeps open what is neither captured nor released', () => {
    expect(openAmount(approved(1000, 1500))).toBe(2500);
  });

  it('moves the status from the approval to partially captured, captured or voided', () => {
    expect(settledStatus(approved(0, 0))).toBe('partially_approved');
    expect(settledStatus(approved(0, 2000))).toBe('partially_approved');
    expect(settledStatus(approved(1000, 0))).toBe('partially_captured');
    expect(settledStatus(approved(3000, 2000))).toBe('captured');
    expect(settledStatus(approved(0, 5000))).toBe('voided');
    expect(settledStatus({ decision: 'declined', approvedAmount: 0, capturedAmount: 0, releasedAmount: 0 })).toBe('declined');
  });

  it('refuses more than is open, and anything on a declined authorization', () => {
    expect(operationProblem(approved(1000, 1000), 'capture', 3000)).toBeUndefined();
    expect(operationProblem(approved(1000, 1000), 'capture', 3001)).toMatch(/only 3000 of the 5000/);
    expect(operationProblem(approved(5000, 0), 'release', 1)).toMatch(/cannot release 1/);
    expect(operationProblem({ decision: 'declined', approvedAmount: 0, capturedAmount: 0, releasedAmount: 0 }, 'capture', 1)).toMatch(/declined/);
  });
});
