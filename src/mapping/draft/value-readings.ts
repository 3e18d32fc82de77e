/**
 * How a draft reads a guessed value: whether the sample's value is something that
 * reading can take (so a field named `date` that holds a word is not taken for the order
 * date), and the pipes it writes for it. Readings try the mapping language's own pipes on
 * the sample value, so a guess is never one the mapping would refuse at once.
 */
import type { PipeStep } from '../mapping-file-types.js';
import { toCountryCode } from '../pipes/country-pipe.js';
import { parseTime } from '../pipes/date-pipes.js';
import { toInteger } from '../pipes/number-pipes.js';
import { toE164 } from '../pipes/phone-pipe.js';
import type { ValueReading } from './canonical-targets.js';

const CURRENCY = /^\s*[A-Za-z]{3}\s*$/;
const AMOUNT = /^\s*-?\d+(\.\d+)?\s*$/;

/** Whether the reading can take this (non-blank) sample value. */
export function canRead(reading: ValueReading, value: unknown): boolean {
  switch (reading) {
    case 'text': return (typeof value === 'string' && value.trim() !== '') || Number.isSafeInteger(value);
    case 'trimmed': return typeof value === 'string' || typeof value === 'number';
    case 'datetime': return succeeds(() => parseTime(value));
    case 'currency': return typeof value === 'string' && CURRENCY.test(value);
    case 'email': return typeof value === 'string' && value.includes('@');
    case 'phone': return succeeds(() => toE164(value, '1'));
    case 'money': return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && AMOUNT.test(value));
    case 'integer': return succeeds(() => toInteger(value));
    case 'country': return succeeds(() => toCountryCode(value));
  }
}

/** An integer JSON cannot carry exactly: the channel must send it as text. */
export function isInexactInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/** A phone number without its country code (`(415) 555-0142`): read with a default country. */
export function isNationalPhone(value: unknown): boolean {
  return !succeeds(() => toE164(value));
}

/** The pipes a reading writes; `money` is the amount pipe chosen for the mapping (by currency, or cents). */
export function pipesFor(reading: ValueReading, value: unknown, money: PipeStep): PipeStep[] {
  switch (reading) {
    case 'text': return ['string', 'trim'];
    case 'trimmed': return ['trim'];
    case 'datetime': return ['datetime'];
    case 'currency': return ['trim', 'upper'];
    case 'email': return ['trim', 'lower'];
    case 'phone': return [isNationalPhone(value) ? { e164: { defaultCountryCode: '1' } } : 'e164'];
    case 'money': return [money];
    case 'integer': return ['int'];
    case 'country': return ['countryCode'];
  }
}

function succeeds(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch {
    return false;
  }
}
