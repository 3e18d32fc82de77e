/**
 * Test and demo controls for change requests: what the simulator did with each change
 * file, a bounded wait for them, and a switch that refuses the next change whatever it
 * asks (the OMS's own business rules, which the simulator does not model).
 */
import { waitUntil, type Notifier } from '../shared/wait.js';
import type { SftpOmsStore } from './store.js';
import type { ChangeRecord, OmsSftpSim } from './types.js';

/** The reason the next change is refused with, set by a control and taken once by the intake. */
export class NextRefusal {
  #reason: string | undefined;

  set(reason: string): void {
    this.#reason = reason;
  }

  take(): string | undefined {
    const reason = this.#reason;
    this.#reason = undefined;
    return reason;
  }
}

export type ChangeControls = Pick<OmsSftpSim, 'changes' | 'waitForChanges' | 'refuseNextChange'>;

export function createChangeControls(store: SftpOmsStore, changed: Notifier, refusal: NextRefusal): ChangeControls {
  return {
    changes: () => store.changes(),
    waitForChanges(count, timeoutMs = 10_000) {
      const probe = (): ChangeRecord[] | undefined => (store.changes().length >= count ? store.changes() : undefined);
      return waitUntil(probe, (listener) => changed.subscribe(listener), timeoutMs, `${count} change file(s)`);
    },
    refuseNextChange(reason = 'REFUSED_BY_OMS') {
      refusal.set(reason);
    },
  };
}
