/**
 * What reading a file with a parse layout gives: one row per data line (its line number,
 * the record kind it matched and the object its fields built) and every problem found,
 * each with the line and, when known, the record kind and the field (target pointer).
 * A line with a problem gives no row, so a caller can quarantine the file and say why.
 */

export interface ParsedRow {
  /** 1-based line of the file (for a CSV row spanning lines: where it starts). */
  line: number;
  record: string;
  value: Record<string, unknown>;
}

export interface ParseProblem {
  line: number;
  record?: string;
  /** The target pointer of the field, e.g. /occurredAt. */
  field?: string;
  message: string;
}

export interface ParsedLayout {
  rows: ParsedRow[];
  problems: ParseProblem[];
}
