/**
 * Date pipes:
 * - date: `YYYY-MM-DD`; an ISO string keeps the calendar date as written, epoch numbers use UTC;
 * - datetime: ISO 8601 UTC with milliseconds, from ISO strings (with or without offset; none
 *   means UTC, as in WooCommerce's `*_gmt` fields) or epoch seconds/milliseconds;
 * - formatDate: the UTC instant in a pattern of YYYY, MM, DD, HH, mm, ss, SSS; other characters
 *   are literal (so `YYYY-MM-DDTHH:mm:ssZ` ends in a literal Z);
 * - parseDate: the reverse, text written in such a pattern (read as UTC) → ISO 8601 UTC with
 *   milliseconds, e.g. `20261123100500` with `YYYYMMDDHHmmss` (fixed-width files).
 * Also accepts `YYYYMMDD`. Impossible dates (Feb 30) are refused, and so are instants outside
 * the years 0000 to 9999, which no 4-digit year (YYYY, ISO 8601, RFC 3339) can write.
 */
import { quote } from '../values.js';
import { definePipe, type Pipe } from './pipe-definition.js';
import { PipeRefusal, PipeSetupError } from './pipe-errors.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const EPOCH_TEXT = /^\d{9,}$/;
/** Below this, an epoch number is in seconds; above, in milliseconds (year 5138 vs 1973). */
const SECONDS_LIMIT = 1e11;

/** A point in time, and the calendar date as the input wrote it. */
interface ParsedTime { instant: number; writtenDate: string }

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** Date.UTC, except that years 0 to 99 are those years (Date.UTC reads them as 1900 to 1999). */
function utcInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

/** The first and last instants a 4-digit year can write (0000-01-01 and 9999-12-31, UTC). */
const FIRST_INSTANT = utcInstant(0, 1, 1);
const LAST_INSTANT = utcInstant(9999, 12, 31, 23, 59, 59, 999);

/** Refuses an instant whose year is not 0000 to 9999 (`+010000-…` or `-000001-…` as ISO text). */
function inWritableYears(time: ParsedTime, original: unknown): ParsedTime {
  if (time.instant >= FIRST_INSTANT && time.instant <= LAST_INSTANT) return time;
  throw new PipeRefusal(`${quote(original)} is not a date or time between the years 0000 and 9999`);
}

function fromEpoch(value: number, original: unknown): ParsedTime {
  const instant = Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value;
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new PipeRefusal(`${quote(original)} is not a date or time`);
  return inWritableYears({ instant, writtenDate: date.toISOString().slice(0, 10) }, original);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

function fromText(text: string, original: unknown): ParsedTime {
  const match = ISO.exec(text) ?? COMPACT_DATE.exec(text);
  if (!match) throw new PipeRefusal(`${quote(original)} is not a date or time`);
  const group = (i: number) => Number(match[i] ?? '0');
  const [year, month, day, hour, minute, second] = [group(1), group(2), group(3), group(4), group(5), group(6)];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const local = utcInstant(year, month, day, hour, minute, second, millis);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
    || hour > 23 || minute > 59 || second > 59) {
    throw new PipeRefusal(`${quote(original)} is not a valid date or time`);
  }
  const time = { instant: local - offsetMinutes(match[8]) * 60_000, writtenDate: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
  return inWritableYears(time, original);
}

export function parseTime(value: unknown): ParsedTime {
  if (typeof value === 'number' && Number.isFinite(value)) return fromEpoch(value, value);
  if (typeof value === 'string') {
    const text = value.trim();
    return EPOCH_TEXT.test(text) ? fromEpoch(Number(text), value) : fromText(text, value);
  }
  throw new PipeRefusal(`${quote(value)} is not a date or time`);
}

const TOKENS = /YYYY|MM|DD|HH|mm|ss|SSS/g;
type DatePart = (date: Date) => string;

const TOKEN_PARTS: Record<string, DatePart> = {
  YYYY: (d) => pad(d.getUTCFullYear(), 4),
  MM: (d) => pad(d.getUTCMonth() + 1),
  DD: (d) => pad(d.getUTCDate()),
  HH: (d) => pad(d.getUTCHours()),
  mm: (d) => pad(d.getUTCMinutes()),
  ss: (d) => pad(d.getUTCSeconds()),
  SSS: (d) => pad(d.getUTCMilliseconds(), 3),
};

/** Splits a pattern once into token and literal parts. */
export function compileDatePattern(pattern: string): (date: Date) => string {
  const parts: DatePart[] = [];
  let last = 0;
  for (const match of pattern.matchAll(TOKENS)) {
    const literal = pattern.slice(last, match.index);
    if (literal) parts.push(() => literal);
    parts.push(TOKEN_PARTS[match[0]]!);
    last = match.index + match[0].length;
  }
  const tail = pattern.slice(last);
  if (tail) parts.push(() => tail);
  return (date) => parts.map((part) => part(date)).join('');
}

const TOKEN_DIGITS: Record<string, number> = { YYYY: 4, MM: 2, DD: 2, HH: 2, mm: 2, ss: 2, SSS: 3 };
const TIME_PARTS = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss', 'SSS'] as const;

/** Compiles a pattern into a reader of text written in it; the result is ISO 8601 UTC with milliseconds. */
function compileDateReader(pattern: string): (value: unknown) => string {
  const order: string[] = [];
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKENS)) {
    source += escapeRegExp(pattern.slice(last, match.index)) + `(\\d{${TOKEN_DIGITS[match[0]]}})`;
    order.push(match[0]);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(pattern.slice(last));
  if (!['YYYY', 'MM', 'DD'].every((token) => order.includes(token))) throw new PipeSetupError('the pattern needs YYYY, MM and DD');
  const expression = new RegExp(`^${source}$`);
  return (value) => {
    const match = typeof value === 'string' ? expression.exec(value.trim()) : null;
    if (!match) throw new PipeRefusal(`${quote(value)} is not a date written as ${pattern}`);
    const part = (token: string) => (order.includes(token) ? Number(match[order.indexOf(token) + 1]) : 0);
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0] = TIME_PARTS.map(part);
    const instant = utcInstant(year, month, day, hour, minute, second, millis);
    const check = new Date(instant);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day
      || hour > 23 || minute > 59 || second > 59) {
      throw new PipeRefusal(`${quote(value)} is not a valid date or time (${pattern})`);
    }
    return check.toISOString();
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const datePipes: Record<string, Pipe> = {
  date: definePipe({ description: 'calendar date YYYY-MM-DD, as written in the input (epoch numbers in UTC)', create: () => (value) => parseTime(value).writtenDate }),
  datetime: definePipe({ description: 'instant as ISO 8601 UTC with milliseconds; no offset means UTC, numbers are epoch seconds or ms', create: () => (value) => new Date(parseTime(value).instant).toISOString() }),
  formatDate: definePipe<string>({
    description: 'the UTC instant written in a pattern of YYYY MM DD HH mm ss SSS (other characters literal)',
    argument: { schema: { type: 'string', minLength: 1 }, required: true },
    create: (argument) => {
      const format = compileDatePattern(argument ?? 'YYYY-MM-DD');
      return (value) => format(new Date(parseTime(value).instant));
    },
  }),
  parseDate: definePipe<string>({
    description: 'text written in a pattern of YYYY MM DD HH mm ss SSS, read as UTC → ISO 8601 UTC with milliseconds',
    argument: { schema: { type: 'string', minLength: 1 }, required: true },
    create: (argument) => compileDateReader(argument ?? 'YYYYMMDD'),
  }),
};
