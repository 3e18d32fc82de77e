/**
 * The card as the hosted field sends it to `POST /v1/tokens`, checked: a 12–19 digit
 * number passing the Luhn check, an expiry month and year not in the past, a 3–4
 * digit CVC. Messages never repeat the number.
 */
import { FieldError, optionalInteger, type JsonObject } from '../shared/json-fields.js';
import { ApiError } from './api-error.js';
import { CARD_NUMBER_PATTERN, cardDigits, passesLuhn } from './luhn.js';
import type { CardEntry } from './vault.js';

export function readCardEntry(body: JsonObject, now: Date = new Date()): CardEntry {
  const number = readNumber(body);
  const expMonth = optionalInteger(body, 'expMonth');
  const expYear = optionalInteger(body, 'expYear');
  if (expMonth === undefined || expMonth < 1 || expMonth > 12) throw new FieldError('expMonth must be the expiry month, 1 to 12');
  if (expYear === undefined || expYear < 2000 || expYear > 2100) throw new FieldError('expYear must be the four-digit expiry year, e.g. 2030');
  if (isExpired(expMonth, expYear, now)) throw new ApiError(400, 'expired_card', 'the card has expired: ask for a card with a later expiry date');
  const cvc = body['cvc'];
  if (typeof cvc !== 'string' || !/^\d{3,4}$/.test(cvc)) throw new ApiError(400, 'invalid_cvc', 'cvc must be the 3 or 4 digits printed on the card');
  return { number, expMonth, expYear };
}

function readNumber(body: JsonObject): string {
  const typed = body['number'];
  if (typeof typed !== 'string') throw new FieldError('number is required: the card number as a string of digits');
  const digits = cardDigits(typed);
  if (!CARD_NUMBER_PATTERN.test(digits)) throw new ApiError(400, 'invalid_number', 'the card number must be 12 to 19 digits (spaces and dashes allowed)');
  if (!passesLuhn(digits)) throw new ApiError(400, 'invalid_number', 'the card number fails its check digit (Luhn): check it for a mistyped digit');
  return digits;
}

/** A card is valid through the last day of its expiry month. */
export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return expYear * 12 + (expMonth - 1) < thisMonth;
}
