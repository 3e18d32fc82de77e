/**
 * Dates and times as X12 writes them, from the simulator's clock (UTC so a test's
 * fixed clock gives the same text everywhere): ISA09 `YYMMDD`, GS04 and DTM
 * `CCYYMMDD`, ISA10 and GS05 `HHMM`.
 */

export function ccyymmdd(at: Date): string {
  return at.toISOString().slice(0, 10).replaceAll('-', '');
}

export function yymmdd(at: Date): string {
  return ccyymmdd(at).slice(2);
}

export function hhmm(at: Date): string {
  return at.toISOString().slice(11, 16).replace(':', '');
}

/** `YYYY-MM-DD` (checked) as `CCYYMMDD`. */
export function planDate(value: string, what: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(value)) {
    throw new Error(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value.replaceAll('-', '');
}
