/**
 * Calendar arithmetic for delivery estimates: whole business days (Monday to Friday,
 * in UTC) after a date, and `YYYY-MM-DD` dates.
 */

const DAY_MS = 86_400_000;

/** The date `days` business days after `from` (a weekend start counts from the Monday). */
export function addBusinessDays(from: Date, days: number): Date {
  let date = startOfUtcDay(from);
  let left = days;
  while (left > 0) {
    date = new Date(date.getTime() + DAY_MS);
    if (isBusinessDay(date)) left -= 1;
  }
  return date;
}

/** `YYYY-MM-DD` of the UTC day. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The UTC midnight of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function parseIsoDate(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || isoDate(date) !== text ? undefined : date;
}

function isBusinessDay(date: Date): boolean {
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
