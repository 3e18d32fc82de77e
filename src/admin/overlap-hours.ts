/**
 * The rotation form's overlap, typed in hours (fractions allowed), as whole seconds
 * within what the configuration allows (0 to 30 days). A blank field means the hub's
 * configured overlap; `hoursText` shows that default in the form.
 */
export const MAX_OVERLAP_HOURS = 720;

export type OverlapChoice = { ok: true; seconds: number | undefined } | { ok: false; problem: string };

export function overlapFromHours(text: string | undefined): OverlapChoice {
  if (text === undefined || text.trim() === '') return { ok: true, seconds: undefined };
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_OVERLAP_HOURS) {
    return { ok: false, problem: `The overlap must be a number of hours from 0 to ${MAX_OVERLAP_HOURS}, not "${text.slice(0, 20)}".` };
  }
  return { ok: true, seconds: Math.round(hours * 3600) };
}

/** Seconds as hours for the form, to two decimals at most: 86400 → "24", 5400 → "1.5". */
export function hoursText(seconds: number): string {
  return String(Math.round(seconds / 36) / 100);
}
