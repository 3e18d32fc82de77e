/**
 * Stand-ins for what the hub hands a connector, for connector unit tests and the contract
 * suite: devices that recognise no one, and an intake that records nothing. A test that
 * needs real ones runs the hub (tests/support/hub.ts).
 */
import { UnauthorizedError } from '../errors/index.js';
import type { Devices, Intake } from '../connector.js';

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
