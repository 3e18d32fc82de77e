/**
 * Demo mode: after an order file is acknowledged, emit ALLOCATED and then SHIPPED
 * for all its accepted orders, each step as ONE status file, at the configured
 * delays (each measured from the acknowledgement). A pickup order is not shipped: at
 * the ship delay it is READY_FOR_PICKUP at its store, and nothing more follows until a
 * test or a person says the customer collected it (DELIVERED).
 */
import { messageOf, type SimLog } from './sim-log.js';
import type { OmsSftpSimOptions, SftpStatus } from './types.js';

/** One order of an acknowledged file, as auto-progress needs it. */
export interface ProgressingOrder {
  omsOrderNumber: string;
  pickup: boolean;
}

type EmitAll = (updates: Array<{ ref: string; status: SftpStatus }>) => Promise<unknown>;

export class AutoProgress {
  readonly #steps: Array<{ status: SftpStatus; afterMs: number }>;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #emit: EmitAll;
  readonly #log: SimLog;

  constructor(config: NonNullable<OmsSftpSimOptions['autoProgress']>, emit: EmitAll, log: SimLog) {
    const candidates: Array<{ status: SftpStatus; afterMs: number | undefined }> = [
      { status: 'ALLOCATED', afterMs: config.allocateAfterMs },
      { status: 'SHIPPED', afterMs: config.shipAfterMs },
    ];
    this.#steps = candidates.flatMap(({ status, afterMs }) => (afterMs === undefined ? [] : [{ status, afterMs }]));
    this.#emit = emit;
    this.#log = log;
  }

  schedule(file: string, orders: ProgressingOrder[]): void {
    if (orders.length === 0) return;
    for (const step of this.#steps) {
      const updates = orders.map((order) => ({ ref: order.omsOrderNumber, status: statusOf(step.status, order) }));
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#emit(updates).catch((error: unknown) => {
          this.#log.record('autoProgressFailed', { file, detail: `${step.status}: ${messageOf(error)}` });
        });
      }, step.afterMs);
      this.#timers.add(timer);
    }
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/** What a step reports for one order: a pickup order is ready at its store where others ship. */
function statusOf(step: SftpStatus, order: ProgressingOrder): SftpStatus {
  return step === 'SHIPPED' && order.pickup ? 'READY_FOR_PICKUP' : step;
}
