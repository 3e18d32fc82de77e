/**
 * What a connector instance is lent in `hub dry-run`: the device registry, control
 * numbers and awaited acknowledgements live in Redis, which a dry run never touches. So
 * no request is recognised as a device's, nothing is held, control numbers count from 1
 * in memory, and nothing is awaited.
 */
import type { InstanceServices } from '../pipeline/instance-services.js';
import type { Devices } from '../sdk/connector.js';
import { UnauthorizedError } from '../sdk/errors/index.js';
import { memoryControlNumbers } from '../sdk/testkit/stand-ins.js';

const offlineDevices: Devices = {
  authenticate: async () => {
    throw new UnauthorizedError('a dry run reads no device registry (it lives in Redis)', { code: 'UNKNOWN_KEY' });
  },
  hold: async () => ({ highestContiguous: 0, highestSeen: 0 }),
  sequence: async () => ({ highestContiguous: 0, highestSeen: 0 }),
  storeOf: async () => undefined,
};

export function offlineServices(): InstanceServices {
  const controlNumbers = memoryControlNumbers();
  return {
    devices: offlineDevices,
    controlNumbers: { forInstance: () => controlNumbers },
    acknowledgements: {
      forInstance: () => ({
        expect: async () => undefined,
        settle: async () => ({ known: false, duplicate: false }),
      }),
    },
  };
}
