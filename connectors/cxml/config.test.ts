/**
 * The settings: the example passes the connector contract, a partner's shared secret
 * written as a literal in the configuration is refused like any other secret, and
 * defaults are filled in.
 */
import { describe, expect, it } from 'vitest';
import { createConfigAjv } from '../../src/config/ajv.js';
import { literalSecrets } from '../../src/config/env-refs.js';
import { runConnectorContract } from '../../src/sdk/testkit/contract.js';
import { configSchema } from './config.js';
import connector from './index.js';

runConnectorContract(connector);

const PARTNER = { identity: 'AN01000000087', domain: 'NetworkID', sharedSecret: { env: 'ACME_SECRET' } };
const SUPPLIER = { identity: 'AN01000000001', domain: 'NetworkID' };

describe('cxml settings', () => {
  it('refuses a literal shared secret in any partner, and names where it is', () => {
    const settings = { supplier: SUPPLIER, partners: [PARTNER, { ...PARTNER, identity: 'AN01000000088', sharedSecret: 'written-into-the-file-0123' }] };
    expect(literalSecrets(configSchema, settings, '/instances/b2b/settings')).toEqual(['/instances/b2b/settings/partners/1/sharedSecret']);
    expect(literalSecrets(configSchema, { supplier: SUPPLIER, partners: [PARTNER] }, '')).toEqual([]);
  });

  it('fills in the deployment mode and time-out, and wants a supplier identity and at least one partner', () => {
    const validate = createConfigAjv().compile(configSchema);
    const settings = { supplier: SUPPLIER, partners: [{ ...PARTNER, sharedSecret: 's'.repeat(16) }] };
    expect(validate(settings)).toBe(true);
    expect(settings).toMatchObject({ timeoutMs: 10000, partners: [{ deploymentMode: 'production' }] });
    expect(validate({ supplier: SUPPLIER, partners: [] })).toBe(false);
    expect(validate({ partners: [{ ...PARTNER, sharedSecret: 's'.repeat(16) }] })).toBe(false);
    expect(validate({ supplier: SUPPLIER, partners: [{ ...PARTNER, sharedSecret: 'short' }] })).toBe(false);
    expect(validate({ supplier: SUPPLIER, partners: [{ ...PARTNER, sharedSecret: 's'.repeat(16), postUrl: 'ftp://x' }] })).toBe(false);
  });
});
