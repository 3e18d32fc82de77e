/**
 * Checks for the values of outbound documents, each refusal a BadInputError naming the
 * document and the field: required text, ISO dates, positive quantities, decimal prices,
 * identifier pairs, and finally every written element against the element table (type,
 * minimum and maximum length for the version).
 */
import { BadInputError } from '../../../src/sdk/index.js';
import { AK4_NOTES } from './ack-codes.js';
import { elementProblem } from './element-rules.js';
import { elementRule } from './element-table.js';
import { designator } from './segments.js';
import type { X12Version } from './versions.js';
import { x12DateOf } from './x12-dates.js';

/** The document being built, named in every refusal (e.g. `855 PO acknowledgement`). */
export interface DocumentContext {
  document: string;
  version: X12Version;
}

export function refusal(context: DocumentContext, message: string): BadInputError {
  return new BadInputError(`${context.document}: ${message}`, { code: 'X12_OUTBOUND_VALUE', hint: 'correct the field and build the document again' });
}

export function requiredText(context: DocumentContext, field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw refusal(context, `${field} is required`);
  return value;
}

/** ISO `YYYY-MM-DD` → CCYYMMDD. */
export function x12Date(context: DocumentContext, field: string, isoDate: string | undefined): string {
  const date = x12DateOf(requiredText(context, field, isoDate));
  if (date === undefined) throw refusal(context, `${field} "${isoDate}" is not an ISO date YYYY-MM-DD`);
  return date;
}

/** A positive quantity (or zero when allowed) as X12 writes a decimal: no exponent, no sign. */
export function quantityText(context: DocumentContext, field: string, quantity: number, options: { allowZero?: boolean } = {}): string {
  const text = String(quantity);
  const positive = quantity > 0 || (options.allowZero === true && quantity === 0);
  if (!Number.isFinite(quantity) || !positive || !/^\d+(\.\d+)?$/.test(text)) {
    throw refusal(context, `${field} must be a ${options.allowZero ? 'non-negative' : 'positive'} number`);
  }
  return text;
}

/** A non-negative decimal string such as `12.50`. */
export function decimalText(context: DocumentContext, field: string, value: string): string {
  if (!/^\d+(\.\d+)?$/.test(value)) throw refusal(context, `${field} "${value}" is not a decimal such as 12.50`);
  return value;
}

/** Identifier pairs (BP buyer part, VP vendor part, UP UPC…) → [qualifier, id, qualifier, id…]. */
export function identifierPairs(context: DocumentContext, field: string, ids: Readonly<Record<string, string>>, maxPairs: number): string[] {
  const entries = Object.entries(ids);
  if (entries.length > maxPairs) throw refusal(context, `${field} has ${entries.length} identifiers; at most ${maxPairs} fit`);
  for (const [qualifier, id] of entries) {
    if (!/^[A-Z0-9]{2}$/.test(qualifier)) throw refusal(context, `${field} qualifier "${qualifier}" must be two letters or digits (e.g. BP, VP, UP)`);
    requiredText(context, `${field}.${qualifier}`, id);
  }
  return entries.flat();
}

/** Every element of the segments checked against the element table; the segments unchanged. */
export function checkedSegments(context: DocumentContext, segments: string[][]): string[][] {
  for (const [id = '', ...elements] of segments) {
    elements.forEach((value, at) => {
      if (value === '') return;
      const rule = elementRule(id, at + 1, context.version);
      const problem = rule ? elementProblem(value, rule) : undefined;
      if (rule && problem) {
        throw refusal(context, `${designator(id, at + 1)} "${value.slice(0, 60)}": ${AK4_NOTES[problem]} (${rule.type} ${rule.min}-${rule.max} in ${context.version})`);
      }
    });
  }
  return segments;
}
