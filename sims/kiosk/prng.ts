/**
 * A small seeded PRNG (mulberry32, seeded from a string hash) so a fleet run is reproducible:
 * the same seed gives the same orders, schedules, shuffles and fault draws. `fork(label)` gives
 * an independent stream per kiosk, so one kiosk's draws do not depend on how the others
 * interleave with it. Not for secrets: nonces come from node:crypto.
 */

export interface Rng {
  readonly seed: string;
  /** [0, 1) */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[];
  /** An independent stream, the same for the same seed and label. */
  fork(label: string): Rng;
}

/** 32-bit FNV-1a of the UTF-16 code units, then one round of avalanche mixing. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function seededRng(seed: number | string): Rng {
  const label = String(seed);
  let state = hashSeed(label);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => {
    if (!(maxExclusive >= 1)) throw new Error(`Rng.int(${maxExclusive}): the bound must be at least 1`);
    return Math.floor(next() * Math.floor(maxExclusive));
  };
  return {
    seed: label,
    next,
    int,
    between: (min, max) => (max <= min ? min : min + int(max - min + 1)),
    chance: (p) => p > 0 && next() < p,
    pick<T>(list: readonly T[]): T {
      if (list.length === 0) throw new Error('Rng.pick from an empty list');
      return list[int(list.length)] as T;
    },
    shuffle<T>(list: readonly T[]): T[] {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
    fork: (forkLabel) => seededRng(`${label}/${forkLabel}`),
  };
}
