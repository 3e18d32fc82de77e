/**
 * The connector's parse: a stored OrderRequest to the plain data the inbound mapping
 * reads; the mapping samples are exactly what it gives, and the partner is the one
 * authenticated at the door (kept in the envelope's meta).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { standInServices } from '../../src/sdk/testkit/stand-ins.js';
import type { CxmlConfig } from './config.js';
import connector from './index.js';
import { parseStoredOrder } from './order-data.js';

const SAMPLES = resolve(import.meta.dirname, '../../mappings/samples');
const PARTNERS: Record<string, { partner: string; partnerDomain: string }> = {
  'cxml-order-request-1': { partner: 'AN01000000087', partnerDomain: 'NetworkID' },
  'cxml-order-request-2': { partner: '081466849', partnerDomain: 'DUNS' },
};

describe('parseStoredOrder', () => {
  it.each(Object.keys(PARTNERS))('gives exactly the mapping sample <name>.json from <name>.xml: %s', (name) => {
    const parsed = parseStoredOrder({ contentType: 'text/xml', body: readFileSync(resolve(SAMPLES, `${name}.xml`)), meta: PARTNERS[name]! });
    expect(parsed).toEqual(JSON.parse(readFileSync(resolve(SAMPLES, `${name}.json`), 'utf8')));
  });

  it('leaves the Header (and its shared secret) out', () => {
    const parsed = parseStoredOrder({ contentType: 'text/xml', body: readFileSync(resolve(SAMPLES, 'cxml-order-request-1.xml')), meta: PARTNERS['cxml-order-request-1']! });
    expect(Object.keys(parsed)).toEqual(['payloadID', 'timestamp', 'partner', 'OrderRequestHeader', 'ItemOut']);
    expect(JSON.stringify(parsed)).not.toContain('SharedSecret');
  });

  it('falls back on the first From credential when the envelope names no partner', () => {
    const parsed = parseStoredOrder({ contentType: 'text/xml', body: readFileSync(resolve(SAMPLES, 'cxml-order-request-2.xml')), meta: {} });
    expect(parsed.partner).toEqual({ identity: '081466849', domain: 'DUNS' });
  });
});

describe('the connector instance', () => {
  const settings: CxmlConfig = {
    supplier: { identity: 'AN01000000001', domain: 'NetworkID' },
    partners: [{ identity: 'AN01000000087', domain: 'NetworkID', sharedSecret: 'x'.repeat(16), deploymentMode: 'production' }],
    timeoutMs: 1000,
  };
  const create = (config: CxmlConfig) => connector.create({
    instanceId: 'cxml-in', channel: 'edi', config, log: pino({ level: 'silent' }), fileLayouts: [], ...standInServices(),
  });

  it('parses stored envelopes whatever content type they were stored with, and keeps every notice', async () => {
    const instance = await create(settings);
    const body = readFileSync(resolve(SAMPLES, 'cxml-order-request-1.xml'));
    const meta = PARTNERS['cxml-order-request-1']!;
    expect(await instance.parse!({ contentType: 'text/plain', body, meta })).toEqual(parseStoredOrder({ contentType: 'text/xml', body, meta }));
    expect(instance.notices).toBe('every-change');
    expect(await instance.check!()).toEqual({ ok: true, detail: '1 trading partner(s), 0 taking status documents' });
  });

  it('refuses settings that configure one identity twice', () => {
    const twice: CxmlConfig = { ...settings, partners: [...settings.partners, { ...settings.partners[0]!, identity: 'an01000000087', domain: 'DUNS' }] };
    expect(() => create(twice)).toThrow(/configured twice/);
  });
});
