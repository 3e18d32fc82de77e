/**
 * Masks personal data and card numbers inside free text: e-mail addresses, phone
 * numbers and Luhn-valid 13–19 digit card numbers (PAN). Used on every log line and
 * on error messages that leave the hub.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** 13–19 digits, single spaces or dashes between them; starts and ends on a digit so the text around survives. */
const DIGIT_RUN = /\b\d(?:[ -]?\d){12,18}\b/g;
const PHONE = /\+\d[\d ().-]{6,18}\d/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function scrubText(text: string): string {
  return text
    .replace(DIGIT_RUN, (run) => {
      const digits = run.replace(/[ -]/g, '');
      return digits.length >= 13 && luhnValid(digits) ? '[PAN]' : run;
    })
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]');
}

/**
 * A card number stored as a number: 15 or 16 digits (Amex, Visa, Mastercard; longer ones
 * do not fit a double), Luhn-valid. 13-digit millisecond timestamps are left alone.
 */
function looksLikePan(value: number): boolean {
  if (!Number.isSafeInteger(value) || value < 1e14) return false;
  return luhnValid(String(value));
}

/**
 * Deep copy of `value` with every string scrubbed. Card numbers given as numbers are
 * masked too (see looksLikePan); an Error keeps its name and message (which are not
 * enumerable); objects nested too deep to check are replaced, not passed through unscrubbed.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number') return looksLikePan(value) ? '[PAN]' : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const entries = Object.entries(value);
  if (value instanceof Error) entries.unshift(['type', value.name], ['message', value.message]);
  return Object.fromEntries(entries.map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}
