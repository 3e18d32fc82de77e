/** Every connector folder passes the shared connector contract. */
import { describe, expect, it } from 'vitest';
import { discoverConnectors } from '../../src/registry/discover.js';
import { runConnectorContract } from '../../src/sdk/testkit/contract.js';

const registry = await discoverConnectors();

describe('connector registry', () => {
  it('finds the connectors of the repository', () => {
    expect(registry.list().map((c) => c.id).sort()).toEqual(expect.arrayContaining(['oms-xml-http', 'web-storefront', 'xml-orders']));
  });
});

for (const definition of registry.list()) runConnectorContract(definition);
