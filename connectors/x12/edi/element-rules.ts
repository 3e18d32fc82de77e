/**
 * The syntax of one X12 data element (type, minimum and maximum length, reference
 * number) and the check of a value against it, answered with the AK403 code of what is
 * wrong: 6 invalid character, 4 too short, 5 too long, 7 invalid code, 8 invalid date,
 * 9 invalid time. Length counts digits only for numbers (no sign, no decimal point).
 */
import type { Ak4Code } from './ack-codes.js';
import { isShortX12Date, isX12Date, isX12Time } from './x12-dates.js';

/** X12 element types: AN string, ID code, N0/N2 integer with 0/2 implied decimals, R decimal, DT date, TM time. */
export type ElementType = 'AN' | 'ID' | 'N0' | 'N2' | 'R' | 'DT' | 'TM';

export interface ElementRule {
  /** Data element reference number (AK402), e.g. `324` for a purchase order number. */
  reference: string;
  type: ElementType;
  min: number;
  max: number;
  /** Accepted codes, when the list is closed. */
  codes?: readonly string[];
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** AK403 code of what is wrong with a non-empty value, or undefined when it is fine. */
export function elementProblem(value: string, rule: ElementRule): Ak4Code | undefined {
  switch (rule.type) {
    case 'DT':
      return isDate(value, rule) ? undefined : '8';
    case 'TM':
      return isX12Time(value) && value.length >= rule.min && value.length <= rule.max ? undefined : '9';
    case 'N0':
    case 'N2':
      return INTEGER.test(value) ? lengthProblem(digitCount(value), rule) : '6';
    case 'R':
      return DECIMAL.test(value) ? lengthProblem(digitCount(value), rule) : '6';
    default:
      return lengthProblem(value.length, rule) ?? codeProblem(value, rule);
  }
}

function isDate(value: string, rule: ElementRule): boolean {
  if (value.length < rule.min || value.length > rule.max) return false;
  return value.length === 6 ? isShortX12Date(value) : isX12Date(value);
}

function lengthProblem(length: number, rule: ElementRule): Ak4Code | undefined {
  if (length < rule.min) return '4';
  if (length > rule.max) return '5';
  return undefined;
}

function codeProblem(value: string, rule: ElementRule): Ak4Code | undefined {
  return rule.codes !== undefined && !rule.codes.includes(value) ? '7' : undefined;
}

function digitCount(value: string): number {
  return value.replace(/[^0-9]/g, '').length;
}
