/**
 * Dates and times as X12 writes them: CCYYMMDD (DT 8), YYMMDD (ISA09), HHMM[SS[d..]]
 * (TM), their checks, and the conversions to and from ISO `YYYY-MM-DD` and a UTC `Date`.
 */

/** True when the text is CCYYMMDD and names a real day. */
export function isX12Date(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** True when the text is YYMMDD (ISA09, TA102) and names a real day (years 2000–2099 for leap days). */
export function isShortX12Date(text: string): boolean {
  return /^\d{6}$/.test(text) && isX12Date(`20${text}`);
}

/** True when the text is HHMM, HHMMSS or HHMMSSd… with hours under 24 and minutes and seconds under 60. */
export function isX12Time(text: string): boolean {
  const match = /^(\d{2})(\d{2})(?:(\d{2})\d{0,2})?$/.exec(text);
  if (!match) return false;
  return Number(match[1]) < 24 && Number(match[2]) < 60 && (match[3] === undefined || Number(match[3]) < 60);
}

/** CCYYMMDD → `YYYY-MM-DD`, or undefined when it is no real day. */
export function isoDateOf(x12Date: string): string | undefined {
  return isX12Date(x12Date) ? `${x12Date.slice(0, 4)}-${x12Date.slice(4, 6)}-${x12Date.slice(6, 8)}` : undefined;
}

/** `YYYY-MM-DD` → CCYYMMDD, or undefined when it is not an ISO calendar date. */
export function x12DateOf(isoDate: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  const compact = `${match[1]}${match[2]}${match[3]}`;
  return isX12Date(compact) ? compact : undefined;
}

/** The date and time of a moment in UTC, as the envelopes write them. */
export interface EnvelopeStamp {
  /** YYMMDD (ISA09). */
  shortDate: string;
  /** CCYYMMDD (GS04). */
  date: string;
  /** HHMM (ISA10, GS05). */
  time: string;
}

export function envelopeStampOf(moment: Date): EnvelopeStamp {
  const iso = moment.toISOString();
  const date = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  return { shortDate: date.slice(2), date, time: `${iso.slice(11, 13)}${iso.slice(14, 16)}` };
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month, 0);
  return day <= lastOfMonth.getUTCDate();
}
