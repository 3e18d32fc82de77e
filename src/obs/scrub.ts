/**
 * Masks personal data and card numbers inside free text: e-mail addresses, phone
 * numbers and Luhn-valid 13–19 digit card numbers (PAN). Used on every log line and
 * on error messages that leave the hub.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const DIGIT_RUN = /\b(?:\d[ -]?){13,19}\b/g;
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

/** Deep copy of `value` with every string scrubbed. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}
