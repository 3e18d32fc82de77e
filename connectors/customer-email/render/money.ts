/**
 * Money for people: integer minor units of the order's currency formatted with
 * Intl.NumberFormat in a locale. The number of minor digits is the currency's ISO 4217
 * exponent as the hub uses it everywhere (JPY 0, USD 2, KWD 3), and the amount is
 * handed to Intl as an exact decimal string, so no floating point touches it.
 */
import { currencyExponent, fromMinorUnits } from '../../../src/sdk/index.js';

export const DEFAULT_LOCALE = 'en-US';

const formatters = new Map<string, Intl.NumberFormat>();

/** 123456 USD → "$1,234.56"; 1500 JPY → "¥1,500"; 1500 KWD → "KWD 1.500" (en-US). */
export function formatMoney(minor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be a whole number of minor units: ${minor}`);
  const code = currency.toUpperCase();
  return formatter(code, locale).format(fromMinorUnits(minor, code) as `${number}`);
}

function formatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  let format = formatters.get(key);
  if (!format) {
    const digits = currencyExponent(currency);
    format = new Intl.NumberFormat(locale, {
      style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
    });
    formatters.set(key, format);
  }
  return format;
}
