/**
 * Stand-ins for what the hub hands a connector, for connector unit tests and the contract
 * suite: devices that recognise no one, control numbers and awaited acknowledgements kept
 * in memory, and an intake that records nothing. A test that needs real ones runs the hub
 * (tests/support/hub.ts).
 */
import { UnauthorizedError } from '../errors/index.js';
import type {
  AcknowledgementOutcome, Acknowledgements, AwaitedAcknowledgement, ControlNumbers, Devices, Intake,
} from '../connector.js';

export const noDevices: Devices = {
  authenticate: async () => {
    throw new UnauthorizedError('no devices are registered in this test', { code: 'UNKNOWN_KEY' });
  },
  hold: async () => ({ highestContiguous: 0, highestSeen: 0 }),
  sequence: async () => ({ highestContiguous: 0, highestSeen: 0 }),
  storeOf: async () => undefined,
};

/** Fails every call: a test whose input should never be recorded proves it with this. */
export const refusingIntake: Intake = {
  order: async () => { throw new Error('this test expected nothing to be recorded, yet an order reached the intake'); },
  file: async () => { throw new Error('this test expected nothing to be recorded, yet an item was filed'); },
  change: async () => { throw new Error('this test expected nothing to be recorded, yet a change was asked'); },
};

/** Control numbers counted in memory, with the hub's rule: one number per document key. */
export function memoryControlNumbers(): ControlNumbers {
  const numbers = new Map<string, number>();
  const counters = new Map<string, number>();
  return {
    async allocate(series, documentKey, options) {
      const key = `${series}\n${documentKey}`;
      let number = numbers.get(key);
      if (number === undefined) {
        number = (counters.get(series) ?? 0) + 1;
        if (number > (options?.max ?? 999_999_999)) number = 1;
        counters.set(series, number);
        numbers.set(key, number);
      }
      return number;
    },
  };
}

export interface MemoryAcknowledgements extends Acknowledgements {
  awaited: Map<string, AwaitedAcknowledgement & { outcome?: AcknowledgementOutcome }>;
}

/** Awaited acknowledgements kept in memory, for a test to look at. */
export function memoryAcknowledgements(): MemoryAcknowledgements {
  const awaited = new Map<string, AwaitedAcknowledgement & { outcome?: AcknowledgementOutcome }>();
  return {
    awaited,
    async expect(document) {
      if (!awaited.has(document.key)) awaited.set(document.key, { ...document });
    },
    async settle(key, outcome) {
      const document = awaited.get(key);
      if (!document) return { known: false, duplicate: false };
      if (document.outcome) return { known: true, duplicate: true, awaited: document };
      document.outcome = outcome;
      return { known: true, duplicate: false, awaited: document };
    },
  };
}

/** Everything the hub lends an instance beside its settings, as stand-ins. */
export function standInServices(): { devices: Devices; controlNumbers: ControlNumbers; acknowledgements: MemoryAcknowledgements } {
  return { devices: noDevices, controlNumbers: memoryControlNumbers(), acknowledgements: memoryAcknowledgements() };
}
