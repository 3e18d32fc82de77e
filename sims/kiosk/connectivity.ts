/**
 * When a kiosk of the fleet has network: alternating online and offline periods counted in
 * ticks (not wall time), their lengths drawn from the kiosk's seeded Rng, so the same seed
 * gives the same pattern however fast the run goes.
 */
import type { Rng } from './prng.js';

export interface ConnectivityOptions {
  /** Length of an online period in ticks, [min, max]; default [2, 6]. */
  onlineTicks?: [number, number];
  /** Length of an offline period in ticks, [min, max]; default [1, 4]. [0, 0] = always online. */
  offlineTicks?: [number, number];
  /** Online at the first tick; default: drawn (70 % online). */
  startOnline?: boolean;
}

export class ConnectivitySchedule {
  #online: boolean;
  #left: number;

  constructor(private readonly rng: Rng, private readonly options: ConnectivityOptions = {}) {
    this.#online = options.startOnline ?? rng.chance(0.7);
    this.#left = this.#length(this.#online);
  }

  /** Whether the kiosk is online during the next tick. */
  next(): boolean {
    while (this.#left <= 0) {
      this.#online = !this.#online;
      this.#left = this.#length(this.#online);
    }
    this.#left -= 1;
    return this.#online;
  }

  #length(online: boolean): number {
    const [min, max] = online ? (this.options.onlineTicks ?? [2, 6]) : (this.options.offlineTicks ?? [1, 4]);
    // An online period is never empty, so [0, 0] offline means "always online" without looping forever.
    return online ? Math.max(1, this.rng.between(min, max)) : this.rng.between(min, max);
  }
}
