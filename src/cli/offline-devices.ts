/**
 * The devices a connector instance gets in `hub dry-run`: the device registry lives in
 * Redis, which a dry run never touches, so no request is recognised as a device's and
 * nothing is held.
 */
import type { Devices } from '../sdk/connector.js';
import { UnauthorizedError } from '../sdk/errors/index.js';

export const offlineDevices: Devices = {
  authenticate: async () => {
    throw new UnauthorizedError('a dry run reads no device registry (it lives in Redis)', { code: 'UNKNOWN_KEY' });
  },
  hold: async () => ({ highestContiguous: 0, highestSeen: 0 }),
  sequence: async () => ({ highestContiguous: 0, highestSeen: 0 }),
  storeOf: async () => undefined,
};
