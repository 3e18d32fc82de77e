/**
 * The fields of a draft mapping as guesses: each canonical field with the sample path it
 * was guessed from and the name it answered to, groups (lines, addresses) with their own
 * fields. The mapping file's `fields` are made from them, and a guess the sample refuses
 * is taken back out by its canonical pointer (`/lines/0/quantity` → `/lines/*\/quantity`).
 */
import type { FieldSpec, FieldsSpec } from '../mapping-file-types.js';

export interface DraftField {
  /** Canonical pointer, `*` for a line's index: `/lines/*\/sku`. */
  readonly target: string;
  /** The key in its `fields`: the pointer relative to its group. */
  readonly key: string;
  readonly spec: FieldSpec;
  /** Where in the sample it reads from (relative to its group), and the name it answered to. */
  readonly source: string;
  readonly matched: string;
}

export interface DraftGroup extends DraftField {
  readonly fields: DraftField[];
}

export type DraftEntry = DraftField | DraftGroup;

/** The order fields are written in: as the canonical order lists them. */
const CANONICAL_ORDER = [
  '/externalId', '/placedAt', '/currency', '/customer/id', '/customer/name', '/customer/email', '/customer/phone',
  '/billTo', '/shipTo', '/lines', '/totals/subtotal', '/totals/shipping', '/totals/tax', '/totals/discount', '/totals/grandTotal', '/notes',
];

export function isGroup(entry: DraftEntry): entry is DraftGroup {
  return 'fields' in entry;
}

export function fieldsOf(entries: readonly DraftEntry[]): FieldsSpec {
  return Object.fromEntries(inCanonicalOrder(entries).map((entry) => [entry.key, isGroup(entry) ? { ...entry.spec, fields: fieldsOf(entry.fields) } : entry.spec]));
}

/** Every guess, groups and their fields, in writing order. */
export function allGuesses(entries: readonly DraftEntry[]): DraftField[] {
  return inCanonicalOrder(entries).flatMap((entry) => (isGroup(entry) ? [entry, ...entry.fields] : [entry]));
}

function inCanonicalOrder(entries: readonly DraftEntry[]): DraftEntry[] {
  return [...entries].sort((a, b) => CANONICAL_ORDER.indexOf(a.target) - CANONICAL_ORDER.indexOf(b.target));
}

/** The canonical pattern of an output pointer: `/lines/2/quantity` → `/lines/*\/quantity`. */
export function targetPattern(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

/**
 * Takes out the guess that built `pointer` (or the nearest group above it); returns it,
 * or undefined when no guess built it. A group left without fields goes with it.
 */
export function takeOut(entries: DraftEntry[], pointer: string): DraftField | undefined {
  const pattern = targetPattern(pointer);
  for (const [index, entry] of entries.entries()) {
    if (isGroup(entry)) {
      const inner = entry.fields.findIndex((field) => field.target === pattern);
      if (inner >= 0) {
        const [taken] = entry.fields.splice(inner, 1);
        if (entry.fields.length === 0) entries.splice(index, 1);
        return taken;
      }
    }
    if (entry.target === pattern || pattern.startsWith(`${entry.target}/`)) {
      entries.splice(index, 1);
      return entry;
    }
  }
  return undefined;
}
