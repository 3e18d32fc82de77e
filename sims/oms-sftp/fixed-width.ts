/**
 * Fixed-width record helpers for the flat-file layouts: fields are addressed by
 * their 1-based start and length as in the spec tables; text is left-aligned and
 * space-padded (cut when too long), numbers right-aligned and zero-padded.
 */

export interface FieldSpec {
  /** 1-based position of the first character. */
  start: number;
  length: number;
}

/** The raw characters of a field (shorter when the record is short). */
export function rawField(record: string, field: FieldSpec): string {
  return record.slice(field.start - 1, field.start - 1 + field.length);
}

/** A text field without its padding. */
export function textField(record: string, field: FieldSpec): string {
  return rawField(record, field).trimEnd();
}

/** A zero-padded number field, or undefined when it is not all digits. */
export function numberField(record: string, field: FieldSpec): number | undefined {
  const raw = rawField(record, field);
  return raw.length === field.length && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export function padText(value: string, length: number): string {
  return value.slice(0, length).padEnd(length, ' ');
}

export function padNumber(value: number, length: number): string {
  return String(Math.trunc(value)).padStart(length, '0').slice(-length);
}

/** `YYYYMMDDHHMMSS` in UTC. */
export function compactTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
