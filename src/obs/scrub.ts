/**
 * Masks personal data and card numbers inside free text: e-mail addresses, phone
 * numbers and Luhn-valid 13–19 digit card numbers (PAN). Used on every log line and
 * on error messages that leave the hub.
 *
 * Logs mask every Luhn-valid run (a masked id in a log costs nothing). What the hub
 * stores is masked with the stricter `isCardNumber` (Luhn, and a card network's prefix
 * and length) by `maskCardNumbers`, so that the 13–19 digit ids channels use (a tenth
 * of them pass Luhn by chance) stay intact.
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
  return scrubContacts(text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return digits.length >= 13 && luhnValid(digits) ? '[PAN]' : run;
  }));
}

/** E-mail addresses and phone numbers (with their `+` country code) in free text masked; digits otherwise kept. */
export function scrubContacts(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
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

/**
 * Card networks: issuer prefixes and the lengths they issue. Visa 13-digit numbers are
 * no longer issued and are left out (13-digit runs are mostly ids and barcodes);
 * Maestro's short (12–15 digit) numbers are left out for the same reason.
 */
const NETWORKS: ReadonlyArray<readonly [prefixFrom: number, prefixTo: number, minLength: number, maxLength: number]> = [
  [4, 4, 16, 16], [4, 4, 19, 19], // Visa
  [51, 55, 16, 16], [2221, 2720, 16, 16], // Mastercard
  [34, 34, 15, 15], [37, 37, 15, 15], // American Express
  [300, 305, 14, 19], [36, 36, 14, 19], [38, 39, 16, 19], // Diners Club
  [3528, 3589, 16, 19], // JCB
  [2200, 2204, 16, 19], // Mir
  [50, 50, 16, 19], [56, 69, 16, 19], // Maestro, Discover, UnionPay, RuPay, Troy …
  [81, 82, 16, 16], // RuPay
];

const PREFIX_DIGITS = NETWORKS.map(([from]) => String(from).length);

/** True when `digits` (digits only) is a card number: a network's prefix and length, and a valid Luhn check digit. */
export function isCardNumber(digits: string): boolean {
  const length = digits.length;
  if (length < 13 || length > 19) return false;
  let network = false;
  for (let i = 0; i < NETWORKS.length && !network; i++) {
    const [from, to, min, max] = NETWORKS[i]!;
    if (length < min || length > max) continue;
    let prefix = 0;
    for (let d = 0; d < PREFIX_DIGITS[i]!; d++) prefix = prefix * 10 + digits.charCodeAt(d) - 48;
    network = prefix >= from && prefix <= to;
  }
  return network && luhnValid(digits);
}

/** Runs of digit groups with single spaces or dashes between them. */
const DIGIT_GROUPS = /\d+(?:[ -]\d+)*/g;
const GROUP = /\d+/g;

export interface CardNumberOptions {
  /**
   * An identifier field (`id`, `variant_id`, `OrderId` …): a run of digits without
   * separators is the field's id, not a card number; a formatted one is still masked.
   */
  identifier?: boolean;
}

/**
 * The card numbers inside `text`, as [start, end) offsets: 13–19 digits, possibly in
 * groups separated by single spaces or dashes (`4111 1111 1111 1111`,
 * `4111-1111-1111-1111`), that pass `isCardNumber`. A card number may sit beside other
 * numbers in the same run (`4111 1111 1111 1111 123`); a run of more than 19 digits
 * without separators is never one.
 */
export function findCardNumbers(text: string, options: CardNumberOptions = {}): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  DIGIT_GROUPS.lastIndex = 0;
  for (let run = DIGIT_GROUPS.exec(text); run; run = DIGIT_GROUPS.exec(text)) {
    if (run[0].length < 13) continue;
    const groups: Array<[number, number]> = [];
    GROUP.lastIndex = 0;
    for (let g = GROUP.exec(run[0]); g; g = GROUP.exec(run[0])) groups.push([run.index + g.index, run.index + g.index + g[0].length]);
    for (let first = 0; first < groups.length;) {
      const last = cardEndingAt(text, groups, first, options);
      if (last === undefined) {
        first++;
      } else {
        found.push([groups[first]![0], groups[last]![1]]);
        first = last + 1;
      }
    }
  }
  return found;
}

/** The last group of the longest card number starting at group `first`, if any. */
function cardEndingAt(text: string, groups: Array<[number, number]>, first: number, options: CardNumberOptions): number | undefined {
  const ends: number[] = [];
  let digits = 0;
  for (let last = first; last < groups.length; last++) {
    digits += groups[last]![1] - groups[last]![0];
    if (digits > 19) break;
    if (digits >= 13 && !(options.identifier && last === first)) ends.push(last);
  }
  for (let i = ends.length - 1; i >= 0; i--) {
    const last = ends[i]!;
    const candidate = text.slice(groups[first]![0], groups[last]![1]).replace(/[ -]/g, '');
    if (isCardNumber(candidate)) return last;
  }
  return undefined;
}

/** A card number with every digit but the last four replaced by `*`; separators stay, so the length does not change. */
export function maskCardDigits(cardNumber: string): string {
  const chars = cardNumber.split('');
  for (let i = chars.length - 1, keep = 4; i >= 0; i--) {
    if (chars[i]! < '0' || chars[i]! > '9') continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

/** `text` with every card number masked (see findCardNumbers, maskCardDigits), and how many there were. */
export function maskCardNumbers(text: string, options: CardNumberOptions = {}): { text: string; count: number } {
  const found = findCardNumbers(text, options);
  if (found.length === 0) return { text, count: 0 };
  let out = '';
  let at = 0;
  for (const [start, end] of found) {
    out += text.slice(at, start) + maskCardDigits(text.slice(start, end));
    at = end;
  }
  return { text: out + text.slice(at), count: found.length };
}
