/**
 * Checks what the hub asks of the gateway before anything is sent: amounts in whole
 * minor units, an ISO 4217 currency, an idempotency key, and a token that is a token.
 * A "token" that looks like a card number is refused without being sent or repeated:
 * card numbers never pass through the hub.
 */
import { BadInputError } from '../../src/sdk/index.js';

export function checkAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new BadInputError(`${what}: the amount must be a positive whole number of minor units, not ${amount}`, { code: 'BAD_PAYMENT_AMOUNT' });
  }
}

export function checkCurrency(currency: string, what: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new BadInputError(`${what}: the currency must be an ISO 4217 code in capitals (EUR), not "${currency.slice(0, 10)}"`, { code: 'BAD_PAYMENT_CURRENCY' });
  }
}

export function checkIdempotencyKey(key: string, what: string): void {
  if (key.trim() === '') throw new BadInputError(`${what}: an idempotency key is required`, { code: 'NO_IDEMPOTENCY_KEY' });
}

export function checkToken(token: string, what: string): void {
  if (token.trim() === '') {
    throw new BadInputError(`${what}: the order has no payment token; take the card through the gateway's hosted field`, { code: 'NO_PAYMENT_TOKEN' });
  }
  if (looksLikeCardNumber(token)) {
    throw new BadInputError(`${what}: the payment token looks like a card number; the hub never takes card numbers, only the token the gateway's hosted field returns`, {
      code: 'CARD_NUMBER_AS_TOKEN', hint: 'have the channel send the token from the hosted field, and remove the card number from wherever it came from',
    });
  }
}

/** 12–19 digits, with or without spaces or dashes. */
export function looksLikeCardNumber(value: string): boolean {
  return /^\d{12,19}$/.test(value.replace(/[\s-]/g, ''));
}
