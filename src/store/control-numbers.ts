/**
 * Control numbers of the documents connector instances send (X12 ISA13), one series per
 * instance and name (a trading partner). A document key keeps its number for the dedup
 * retention, so the same document written again carries the same number.
 */
import type { ControlNumbers } from '../sdk/connector.js';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

const DEFAULT_MAX = 999_999_999;

export class ControlNumberStore {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys, private readonly keepSeconds: number) {}

  /** The instance's view: what its connector's context holds. */
  forInstance(instance: string): ControlNumbers {
    return { allocate: (series, documentKey, options) => this.allocate(instance, series, documentKey, options?.max ?? DEFAULT_MAX) };
  }

  async allocate(instance: string, series: string, documentKey: string, max: number): Promise<number> {
    if (!Number.isInteger(max) || max < 1) throw new Error(`control numbers of ${instance}/${series}: max must be a positive integer, not ${max}`);
    return Number(await this.redis.hubControlNumber(
      this.keys.controlSeries(instance, series), this.keys.controlNumber(instance, series, documentKey), max, this.keepSeconds,
    ));
  }
}
