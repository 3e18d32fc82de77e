/**
 * The partner's interchange control numbers (ISA13): one series, +1 per interchange
 * it writes (purchase orders and 997s alike), from 1 to 999 999 999 and round again.
 * Its GS06 is the same number; its ST02 counts the sets of the group from 0001.
 */

const MAX = 999_999_999;

export class ControlNumbers {
  #next: number;

  constructor(first = 1) {
    if (!Number.isInteger(first) || first < 1 || first > MAX) throw new Error(`firstControlNumber must be a whole number 1…${MAX}`);
    this.#next = first;
  }

  take(): number {
    const value = this.#next;
    this.#next = value >= MAX ? 1 : value + 1;
    return value;
  }
}

/** ISA13: nine digits. */
export function isa13(controlNumber: number): string {
  return String(controlNumber).padStart(9, '0');
}

/** ST02 of the set at `index` (0-based) of a group: `0001`, `0002`, … */
export function st02(index: number): string {
  return String(index + 1).padStart(4, '0');
}
