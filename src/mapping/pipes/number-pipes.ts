/**
 * Number pipes: int, number, decimal (exact decimal string), boolean, sum (exact, over
 * numbers or decimal strings) and count. Refusals say what was wrong with the value.
 */
import { quote } from '../values.js';
import { definePipe, type Pipe } from './pipe-definition.js';
import { PipeRefusal } from './pipe-errors.js';

const INTEGER_TEXT = /^[+-]?\d+(\.0*)?$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;

export function toInteger(value: unknown): number {
  const parsed = typeof value === 'string' && INTEGER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof parsed !== 'number' || !Number.isInteger(parsed)) throw new PipeRefusal(`${quote(value)} is not an integer`);
  if (!Number.isSafeInteger(parsed)) throw new PipeRefusal(`${quote(value)} is too large to be an exact integer`);
  return parsed;
}

function toNumber(value: unknown): number {
  const parsed = typeof value === 'string' && NUMBER_TEXT.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed)) throw new PipeRefusal(`${quote(value)} is not a number`);
  return parsed;
}

/** Sign, whole digits and fraction digits of a decimal given as text or number. */
interface DecimalParts { negative: boolean; whole: string; fraction: string }

export function toDecimalParts(value: unknown): DecimalParts {
  const text = typeof value === 'number' && Number.isFinite(value) ? plainNumberText(value)
    : typeof value === 'string' ? value.trim() : undefined;
  const match = text === undefined ? null : DECIMAL_TEXT.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || (whole === '' && fraction === '')) throw new PipeRefusal(`${quote(value)} is not a decimal number`);
  return { negative: match[1] === '-', whole: whole.replace(/^0+(?=\d)/, '') || '0', fraction };
}

/**
 * The shortest decimal text that reads back as the number, without an exponent:
 * 1e21 → "1000000000000000000000", 5e-324 → "0.000…005". (toFixed(20) wrote 1e21 as
 * "1e+21" and cut anything below 1e-20 to "0".)
 */
function plainNumberText(value: number): string {
  const text = String(value);
  const exponential = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponential) return text;
  const [, sign = '', lead = '', rest = '', exponent = '0'] = exponential;
  const digits = lead + rest;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function toDecimalText(value: unknown): string {
  const { negative, whole, fraction } = toDecimalParts(value);
  const sign = negative && /[1-9]/.test(whole + fraction) ? '-' : '';
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** Exact sum: scales every item to the largest number of decimals and adds as BigInt. */
function exactSum(items: readonly unknown[]): number {
  const parts = items.map(toDecimalParts);
  const scale = Math.max(0, ...parts.map((p) => p.fraction.length));
  let total = 0n;
  for (const p of parts) {
    const scaled = BigInt(p.whole + p.fraction.padEnd(scale, '0'));
    total += p.negative ? -scaled : scaled;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  const sum = Number(`${negative ? '-' : ''}${text}`);
  // Finite items can add up to more than a number holds (1.7e308 + 1.7e308): refuse, never Infinity.
  if (!Number.isFinite(sum)) throw new PipeRefusal(`the sum of ${quote(items)} is too large to be a number`);
  return sum;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const word = typeof value === 'number' || typeof value === 'string' ? String(value).trim().toLowerCase() : undefined;
  if (word !== undefined && TRUE_WORDS.has(word)) return true;
  if (word !== undefined && FALSE_WORDS.has(word)) return false;
  throw new PipeRefusal(`${quote(value)} is not a yes/no value`);
}

function requireList(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new PipeRefusal(`${quote(value)} is not a list`);
  return value;
}

export const numberPipes: Record<string, Pipe> = {
  int: definePipe({ description: 'an exact integer (from a number or text such as "3" or "3.0"); refuses "2.5" and words', create: () => toInteger }),
  number: definePipe({ description: 'a finite number (from a number or numeric text)', create: () => toNumber }),
  decimal: definePipe({ description: 'exact decimal text, never an exponent (1e21 → "1000000000000000000000")', create: () => toDecimalText }),
  boolean: definePipe({ description: 'true/false from true/false, yes/no, y/n, 1/0, on/off; refuses anything else', create: () => toBoolean }),
  sum: definePipe({ description: 'exact sum of a list of numbers or decimal text (empty items skipped)', create: () => (value) => exactSum(requireList(value).filter((item) => item !== null && item !== undefined && item !== '')) }),
  count: definePipe({ description: 'the length of a list (0 when missing)', acceptsEmpty: true, create: () => (value) => (value === undefined || value === null ? 0 : requireList(value).length) }),
};
