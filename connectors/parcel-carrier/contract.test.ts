/**
 * The shared connector contract, run on this connector with a stand-in status mapping:
 * an instance without one is refused at create (see carrier-sim.test.ts), and the
 * contract's own stand-in context carries none.
 */
import type { ConnectorDefinition } from '../../src/sdk/index.js';
import { runConnectorContract } from '../../src/sdk/testkit/contract.js';
import connector from './index.js';
import type { ParcelCarrierConfig } from './config.js';

const withStandInMapping: ConnectorDefinition<ParcelCarrierConfig> = {
  ...connector,
  create: (context) => connector.create({ ...context, statusMapping: context.statusMapping ?? (() => ({ status: 'in_transit' })) }),
};

runConnectorContract(withStandInMapping as unknown as ConnectorDefinition);
