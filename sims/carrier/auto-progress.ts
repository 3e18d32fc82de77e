/**
 * Demo mode: every `stepMs`, each parcel that still moves takes its next scripted step
 * (LC → PU → IT → IT → OD → DL), each with its webhook. Off unless asked for.
 */

export class AutoProgress {
  readonly #timer: NodeJS.Timeout;

  /** `step` advances every parcel one step. */
  constructor(stepMs: number, step: () => void) {
    if (!Number.isFinite(stepMs) || stepMs <= 0) throw new RangeError(`autoProgress.stepMs must be > 0, not ${stepMs}`);
    this.#timer = setInterval(step, stepMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
