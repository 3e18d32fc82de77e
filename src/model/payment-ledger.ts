/**
 * What the hub keeps of an order's payment (field `payments` on the order): each
 * authorization the gateway gave, with what of it was captured and released, and the
 * last decline. Only gateway references and amounts: never a card number.
 */
import type { MinorUnits } from './order.js';

export interface AuthorizationEntry {
  authorizationId: string;
  /** Approved by the gateway (a partial approval gives less than asked). */
  amount: MinorUnits;
  asked: MinorUnits;
  captured: MinorUnits;
  released: MinorUnits;
  at: string;
}

export interface PaymentLedger {
  authorizations: AuthorizationEntry[];
  /** Idempotency keys of the gateway calls already recorded: a retried job records each once. */
  applied: string[];
  declined?: { reason: string; code?: string; amount: MinorUnits; at: string };
}

export const EMPTY_LEDGER: PaymentLedger = { authorizations: [], applied: [] };

export function readLedger(text: string | undefined): PaymentLedger {
  return text ? (JSON.parse(text) as PaymentLedger) : EMPTY_LEDGER;
}

/** Authorized and not released: what the card carries for the order now (captured included). */
export function heldAmount(ledger: PaymentLedger): MinorUnits {
  return ledger.authorizations.reduce((sum, a) => sum + a.amount - a.released, 0);
}

export function capturedAmount(ledger: PaymentLedger): MinorUnits {
  return ledger.authorizations.reduce((sum, a) => sum + a.captured, 0);
}
