/**
 * Money helpers: exact conversion between decimal strings and integer minor units,
 * using the ISO 4217 minor-unit exponent of each currency. No floating point.
 */

/** Currencies whose minor unit is not 2 decimals (ISO 4217). All others use 2. */
const EXPONENTS: Record<string, number> = {
  BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0,
  KRW: 0, KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/**
 * "12.5" → 1250 (USD). Rejects more decimals than the currency has, rather
 * than rounding money silently.
 */
export function toMinorUnits(amount: string | number, currency = 'USD'): number {
  const exponent = currencyExponent(currency);
  const textual = typeof amount === 'number' ? numberToPlainString(amount) : amount.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(textual);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  }
  const [, sign, whole = '', fraction = ''] = match;
  const trimmedFraction = fraction.replace(/0+$/, '');
  if (trimmedFraction.length > exponent) {
    throw new RangeError(`${textual} has more decimals than ${currency} allows (${exponent})`);
  }
  const minor = Number((whole || '0') + fraction.padEnd(exponent, '0').slice(0, exponent));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount out of range: ${textual}`);
  return sign && minor !== 0 ? -minor : minor;
}

/** 1250 (USD) → "12.50". */
export function fromMinorUnits(minor: number, currency = 'USD'): string {
  if (!Number.isInteger(minor)) throw new RangeError(`minor units must be an integer: ${minor}`);
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const text = String(value);
  const exponential = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponential) return text;
  // 1e-7 → "0.0000001", 1e21 → "1000000000000000000000": exact, never rounded.
  const [, sign = '', lead = '', rest = '', exp = '0'] = exponential;
  const digits = lead + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
