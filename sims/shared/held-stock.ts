/**
 * What each order line still holds of the stock: units taken per SKU and DC, not yet
 * shipped or put back. Units leave a line the latest taken first.
 */

export interface HeldPick {
  sku: string;
  dc: string;
  qty: number;
}

export interface HeldLine {
  number: number;
  /** Oldest first. */
  picks: HeldPick[];
}

export class HeldStock {
  /** OMS order number → its lines, in the order they were first held. */
  readonly #orders = new Map<string, HeldLine[]>();

  /** Forgets whatever the order held (its units are not put back). */
  reset(omsOrderNumber: string): void {
    this.#orders.set(omsOrderNumber, []);
  }

  /** Appends a new, empty line to the order. */
  open(omsOrderNumber: string, lineNumber: number): HeldLine {
    const line: HeldLine = { number: lineNumber, picks: [] };
    this.#orders.set(omsOrderNumber, [...this.lines(omsOrderNumber), line]);
    return line;
  }

  /** Drops every line with this number and appends a new, empty one in its place. */
  replace(omsOrderNumber: string, lineNumber: number): HeldLine {
    this.#orders.set(omsOrderNumber, this.lines(omsOrderNumber).filter((line) => line.number !== lineNumber));
    return this.open(omsOrderNumber, lineNumber);
  }

  /** The (first) line with this number, opened when the order holds none. */
  lineOf(omsOrderNumber: string, lineNumber: number): HeldLine {
    return this.find(omsOrderNumber, lineNumber) ?? this.open(omsOrderNumber, lineNumber);
  }

  find(omsOrderNumber: string, lineNumber: number): HeldLine | undefined {
    return this.lines(omsOrderNumber).find((line) => line.number === lineNumber);
  }

  lines(omsOrderNumber: string): HeldLine[] {
    return this.#orders.get(omsOrderNumber) ?? [];
  }
}

/** Removes up to `qty` units from the line, the latest taken first, and returns what was removed. */
export function takeLatest(line: HeldLine | undefined, qty: number): HeldPick[] {
  if (!line) return [];
  const taken: HeldPick[] = [];
  let remaining = Math.max(0, qty);
  for (let index = line.picks.length - 1; index >= 0 && remaining > 0; index -= 1) {
    const pick = line.picks[index]!;
    const take = Math.min(pick.qty, remaining);
    pick.qty -= take;
    remaining -= take;
    if (take > 0) taken.push({ sku: pick.sku, dc: pick.dc, qty: take });
  }
  line.picks = line.picks.filter((pick) => pick.qty > 0);
  return taken;
}
