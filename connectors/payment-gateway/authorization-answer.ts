/**
 * The gateway's answer to an authorization as the hub's `AuthorizationResult`:
 * `approved` and `partially_approved` are both approvals (of `approvedAmount`, which
 * may be less than asked); `declined` carries a reason a person can read and the
 * gateway's code. Anything else is an answer the connector does not understand.
 */
import { PermanentError, type AuthorizationResult } from '../../src/sdk/index.js';

const DECLINE_REASONS: Record<string, string> = {
  card_declined: 'the card issuer declined the payment',
  insufficient_funds: 'the card has too little credit left',
};

export function readAuthorization(answer: Record<string, unknown>, requested: number, what: string): AuthorizationResult {
  const status = answer['status'];
  if (status === 'declined') {
    const code = typeof answer['declineCode'] === 'string' ? answer['declineCode'] : undefined;
    return { outcome: 'declined', reason: declineReason(code, answer['declineMessage']), ...(code ? { code } : {}) };
  }
  if (status !== 'approved' && status !== 'partially_approved') throw badAnswer(what, `an unknown status ${JSON.stringify(status)}`);
  const id = answer['id'];
  const amount = answer['approvedAmount'];
  if (typeof id !== 'string' || id === '') throw badAnswer(what, 'an approval without an authorization id');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0 || amount > requested) {
    throw badAnswer(what, `an approved amount of ${String(amount)} for ${requested} asked`);
  }
  return { outcome: 'approved', authorizationId: id, amount };
}

/** The amount a capture or release answer says was taken or given back. */
export function readSettledAmount(answer: Record<string, unknown>, requested: number, what: string): number {
  const amount = answer['amount'];
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0 || amount > requested) {
    throw badAnswer(what, `an amount of ${String(amount)} for ${requested} asked`);
  }
  return amount;
}

function declineReason(code: string | undefined, message: unknown): string {
  if (code !== undefined && DECLINE_REASONS[code]) return DECLINE_REASONS[code];
  if (typeof message === 'string' && message !== '') return message.slice(0, 200);
  return code ? `declined by the card issuer (${code})` : 'declined by the card issuer';
}

function badAnswer(what: string, detail: string): PermanentError {
  return new PermanentError(`payment gateway ${what}: the answer has ${detail}`, {
    code: 'GATEWAY_BAD_ANSWER', hint: 'check that url points at the payment gateway API and that it speaks the version docs/payments.md describes, then replay',
  });
}
