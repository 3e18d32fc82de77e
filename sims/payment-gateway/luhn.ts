/**
 * The Luhn (mod 10) check every card number carries in its last digit: catches a
 * mistyped digit and most swapped neighbours before the gateway looks any further.
 */

/** Card numbers are 12 to 19 digits (ISO/IEC 7812). */
export const CARD_NUMBER_PATTERN = /^\d{12,19}$/;

/** True when `digits` (digits only) passes the Luhn check. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let position = 0; position < digits.length; position += 1) {
    const digit = Number(digits[digits.length - 1 - position]);
    sum += position % 2 === 1 ? doubled(digit) : digit;
  }
  return sum % 10 === 0;
}

/** Every second digit from the right is doubled; a two-digit result counts as the sum of its digits. */
function doubled(digit: number): number {
  const twice = digit * 2;
  return twice > 9 ? twice - 9 : twice;
}

/** The number as typed (spaces and dashes allowed between groups) reduced to its digits. */
export function cardDigits(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** True when the typed number is 12–19 digits and passes the Luhn check. */
export function isCardNumber(typed: string): boolean {
  const digits = cardDigits(typed);
  return CARD_NUMBER_PATTERN.test(digits) && passesLuhn(digits);
}
