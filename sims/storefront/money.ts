/**
 * Money in integer cents and its decimal-string rendering ("12.50"), so the
 * generated totals add up exactly.
 */

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.50" → 1250; accepts numbers too (Woo sends some amounts as numbers). */
export function parseCents(amount: string | number): number {
  return Math.round(Number(amount) * 100);
}
