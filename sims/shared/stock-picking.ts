/**
 * Which distribution centres an order line's units come from: the preferred DC when it
 * can fill the whole line, else the DC with the most units among those that can (the
 * earlier DC on a tie), else the DCs in their configured order, as much as each has.
 */

export interface DcOnHand {
  dc: string;
  onHand: number;
}

export interface DcUnits {
  dc: string;
  qty: number;
}

/** `stocked` lists every configured DC in order, with its units of the SKU. */
export function pickUnits(stocked: readonly DcOnHand[], qty: number, preferred?: string): DcUnits[] {
  if (preferred && onHandAt(stocked, preferred) >= qty) return [{ dc: preferred, qty }];
  const whole = fullestThatFills(stocked, qty);
  if (whole) return [{ dc: whole.dc, qty }];
  return splitInOrder(stocked, qty);
}

function onHandAt(stocked: readonly DcOnHand[], dc: string): number {
  return stocked.find((candidate) => candidate.dc === dc)?.onHand ?? 0;
}

function fullestThatFills(stocked: readonly DcOnHand[], qty: number): DcOnHand | undefined {
  let best: DcOnHand | undefined;
  for (const candidate of stocked) {
    if (candidate.onHand >= qty && (!best || candidate.onHand > best.onHand)) best = candidate;
  }
  return best;
}

function splitInOrder(stocked: readonly DcOnHand[], qty: number): DcUnits[] {
  const picks: DcUnits[] = [];
  let remaining = qty;
  for (const { dc, onHand } of stocked) {
    if (remaining === 0) break;
    const take = Math.min(onHand, remaining);
    if (take > 0) picks.push({ dc, qty: take });
    remaining -= take;
  }
  return picks;
}
