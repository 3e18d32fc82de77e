/**
 * The credential check: a From credential of a configured partner and that partner's
 * shared secret in Sender, compared in constant time; identities and domains without
 * regard to case; anything else a typed 401 saying what to fix.
 */
import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../../src/sdk/index.js';
import { buildOrderRequest } from '../../sims/cxml-buyer/index.js';
import type { CxmlConfig } from './config.js';
import { authenticate } from './credentials.js';
import { readCxml } from './read-cxml.js';

const ACME = { identity: 'AN01000000087', domain: 'NetworkID' };
const CONTOSO = { identity: '081466849', domain: 'DUNS' };
const SUPPLIER = { identity: 'AN01000000001', domain: 'NetworkID' };

const CONFIG: CxmlConfig = {
  supplier: SUPPLIER,
  partners: [
    { ...ACME, sharedSecret: 'acme-shared-secret-0123', name: 'Acme Industrial', deploymentMode: 'production' },
    { ...CONTOSO, sharedSecret: 'contoso-shared-secret-456', deploymentMode: 'production' },
  ],
  timeoutMs: 1000,
};

function document(options: { buyer?: typeof ACME; sender?: typeof ACME; sharedSecret?: string } = {}): unknown {
  const { document: xml } = buildOrderRequest({ buyer: options.buyer ?? ACME, supplier: SUPPLIER, sharedSecret: options.sharedSecret ?? 'acme-shared-secret-0123', ...(options.sender ? { sender: options.sender } : {}) });
  return readCxml(Buffer.from(xml));
}

function refusal(root: unknown): UnauthorizedError {
  try {
    authenticate(CONFIG, root);
  } catch (error) {
    if (error instanceof UnauthorizedError) return error;
    throw error;
  }
  throw new Error('expected a 401');
}

describe('authenticate', () => {
  it('names the partner whose identity is in From and whose secret is in Sender', () => {
    expect(authenticate(CONFIG, document())).toMatchObject({ identity: ACME.identity, name: 'Acme Industrial' });
    expect(authenticate(CONFIG, document({ buyer: CONTOSO, sharedSecret: 'contoso-shared-secret-456' })).identity).toBe(CONTOSO.identity);
  });

  it('compares identities and domains without regard to case, and accepts a network as Sender', () => {
    const shouted = { identity: ACME.identity.toLowerCase(), domain: 'NETWORKID' };
    expect(authenticate(CONFIG, document({ buyer: shouted })).identity).toBe(ACME.identity);
    expect(authenticate(CONFIG, document({ sender: { identity: 'sysadmin@ariba.example', domain: 'AribaNetworkUserId' } })).identity).toBe(ACME.identity);
  });

  it('refuses a wrong shared secret, or the secret of another partner', () => {
    expect(refusal(document({ sharedSecret: 'acme-shared-secret-0124' }))).toMatchObject({ code: 'BAD_SHARED_SECRET', hint: expect.stringContaining('SharedSecret') });
    expect(refusal(document({ sharedSecret: 'contoso-shared-secret-456' }))).toMatchObject({ code: 'BAD_SHARED_SECRET' });
    expect(refusal(document({ sharedSecret: '' }))).toMatchObject({ code: 'NO_CREDENTIALS' });
  });

  it('refuses an identity that is not a partner, or a known identity in another domain', () => {
    expect(refusal(document({ buyer: { identity: 'AN09999999999', domain: 'NetworkID' } }))).toMatchObject({ code: 'UNKNOWN_PARTNER', message: expect.stringContaining('NetworkID:AN09999999999') });
    expect(refusal(document({ buyer: { identity: ACME.identity, domain: 'DUNS' } }))).toMatchObject({ code: 'UNKNOWN_PARTNER' });
  });

  it('refuses a document without a Header or without credentials', () => {
    expect(refusal(readCxml(Buffer.from('<cXML payloadID="1@x"><Request/></cXML>')))).toMatchObject({ code: 'NO_CREDENTIALS' });
    expect(refusal(readCxml(Buffer.from('<cXML><Header><From><Credential domain="NetworkID"><Identity>AN01000000087</Identity></Credential></From></Header></cXML>')))).toMatchObject({ code: 'NO_CREDENTIALS' });
  });

  it('finds the partner among several From credentials', () => {
    const xml = (buildOrderRequest({ buyer: ACME, supplier: SUPPLIER, sharedSecret: 'contoso-shared-secret-456' }).document)
      .replace('<From>', '<From><Credential domain="internalId"><Identity>CONTOSO-HS</Identity></Credential><Credential domain="DUNS"><Identity>081466849</Identity></Credential>');
    expect(authenticate(CONFIG, readCxml(Buffer.from(xml))).identity).toBe(CONTOSO.identity);
  });
});
