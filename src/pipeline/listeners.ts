/**
 * Listening connectors (an SMTP listener): the API process starts each with an intake
 * that records before it returns (capture for orders, filing for the rest), so the
 * connector answers its sender "accepted" only for what is durably recorded.
 */
import type { CaptureReceipt, Intake, Listening } from '../sdk/connector.js';
import { captureOrder } from './capture.js';
import { takeChangeAsk } from '../changes/change-by-message.js';
import { fileItem } from './file-item.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

export function intakeFor(runtime: HubRuntime, instance: LiveInstance): Intake {
  return {
    order: async (envelope) => {
      const receipt: CaptureReceipt = await captureOrder(runtime, instance, envelope);
      const fingerprint = envelope.meta?.fingerprint;
      if (!receipt.duplicate || fingerprint === undefined) return receipt;
      // The order first held under this key, if it is still kept, says what it was.
      const original = (await runtime.store.getRaw(receipt.hubOrderId))?.meta.fingerprint;
      return { ...receipt, sameContent: original === undefined || original === fingerprint };
    },
    file: (item) => fileItem(runtime, instance, item),
    change: (ask) => takeChangeAsk(runtime, instance, ask),
  };
}

export interface Listeners {
  addresses: Record<string, string>;
  close(): Promise<void>;
}

/** Starts every instance's listener; if one cannot start, those already started are closed. */
export async function startListeners(runtime: HubRuntime): Promise<Listeners> {
  const running: Array<[string, Listening]> = [];
  try {
    for (const instance of runtime.instances.values()) {
      if (!instance.connector.listen) continue;
      const listening = await instance.connector.listen(intakeFor(runtime, instance));
      runtime.log.info({ connector: instance.id, address: listening.address }, 'connector listening');
      running.push([instance.id, listening]);
    }
  } catch (error) {
    await Promise.allSettled(running.map(([, listening]) => listening.close()));
    throw error;
  }
  return {
    addresses: Object.fromEntries(running.map(([id, listening]) => [id, listening.address])),
    close: async () => {
      await Promise.allSettled(running.map(([, listening]) => listening.close()));
    },
  };
}
